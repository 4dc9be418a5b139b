"""Email a digest of barriers that crossed a recurrence threshold (run daily from cron)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from people import roles

from ...models import Barrier, BarrierAlert, Occurrence


class Command(BaseCommand):
    help = (
        "Email the owner and every Leader about barriers met at least --occurrences times, or "
        "at --agencies distinct agencies, within the last --days days. Each crossing is recorded "
        "and never alerted twice: a barrier alerted within the window is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--occurrences", type=int, default=3, help="Default 3.")
        parser.add_argument("--agencies", type=int, default=2, help="Default 2.")
        parser.add_argument("--days", type=int, default=30, help="Window length, default 30.")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Evaluate as of this date (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, occurrences, agencies, days, today, dry_run, **options):
        if occurrences < 1 or agencies < 1 or days < 1:
            raise CommandError("--occurrences, --agencies and --days must be at least 1.")
        today = today or timezone.localdate()
        start = today - datetime.timedelta(days=days - 1)
        crossings = self.crossings(start, today, occurrences, agencies)
        if not crossings:
            self.stdout.write("No barriers crossed a threshold.")
            return
        barriers = Barrier.objects.in_bulk([row["barrier_id"] for row in crossings])
        with transaction.atomic():
            digests = self.digests(crossings, barriers)
            if dry_run:
                for email, lines in digests.items():
                    self.stdout.write(f"Would email {email}: {len(lines)} barrier(s)")
                transaction.set_rollback(True)
                return
            for row in crossings:
                barrier = barriers[row["barrier_id"]]
                BarrierAlert.objects.create(
                    barrier=barrier,
                    window_start=start,
                    window_end=today,
                    occurrences=row["n"],
                    agencies=row["agency_n"],
                    recipients=sum(
                        1 for lines in digests.values() if any(b == barrier for b, _ in lines)
                    ),
                )
            for email, lines in digests.items():
                send_mail(
                    subject=f"Bright Spots: {len(lines)} barrier(s) keep recurring",
                    message=self.body(lines, days),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[email],
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Alerted {len(crossings)} barrier(s) to {len(digests)} recipient(s)."
            )
        )

    def crossings(self, start, end, occurrences, agencies):
        already = BarrierAlert.objects.filter(window_end__gte=start).values("barrier_id")
        return list(
            Occurrence.objects.filter(date__range=(start, end), barrier__merged_into__isnull=True)
            .exclude(barrier_id__in=already)
            .values("barrier_id")
            .annotate(n=Count("id"), agency_n=Count("agency_id", distinct=True))
            .filter(Q(n__gte=occurrences) | Q(agency_n__gte=agencies))
            .order_by("-n", "barrier_id")
        )

    def digests(self, crossings, barriers):
        """email -> [(barrier, crossing row)]: leaders get every barrier, owners their own."""
        users = get_user_model().objects.filter(is_active=True).exclude(email="")
        leaders = list(users.filter(groups__name=roles.LEADER).distinct())
        owners = users.in_bulk([b.owner_id for b in barriers.values() if b.owner_id])
        digests = {}
        for row in crossings:
            barrier = barriers[row["barrier_id"]]
            people = [*leaders]
            if barrier.owner_id in owners:
                people.append(owners[barrier.owner_id])
            for person in people:
                lines = digests.setdefault(person.email, [])
                if all(existing != barrier for existing, _ in lines):
                    lines.append((barrier, row))
        return digests

    def body(self, lines, days):
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        text = [f"These barriers crossed a recurrence threshold in the last {days} days:", ""]
        for barrier, row in lines:
            text += [
                f"- {barrier.title} ({barrier.get_status_display()})",
                f"  met {row['n']} times at {row['agency_n']} agencies",
                f"  {base}{reverse('barriers:detail', args=[barrier.pk])}",
            ]
        text += ["", "You receive this as a leader or as the barrier's owner."]
        return "\n".join(text)
