import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reviews.models import Action


class Command(BaseCommand):
    help = (
        "Email each owner one reminder listing their overdue review actions, so nobody has to "
        "chase by hand. Run it weekly (for example from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-days",
            type=int,
            default=1,
            help="Only actions at least this many days past their due date (default 1).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be emailed; send nothing."
        )

    def handle(self, *args, min_days=1, dry_run=False, **options):
        cutoff = timezone.localdate() - datetime.timedelta(days=max(min_days, 1) - 1)
        by_owner = defaultdict(list)
        with transaction.atomic():
            overdue = (
                Action.objects.overdue(today=cutoff)
                .filter(owner__isnull=False, owner__is_active=True)
                .exclude(owner__email="")
                .select_related("owner", "review")
                .order_by("owner_id", "due")
            )
            for action in overdue:
                by_owner[action.owner].append(action)
        base = settings.BASE_URL.rstrip("/")
        for owner, actions in by_owner.items():
            lines = [
                f"- {action.description} (due {action.due:%-d %b %Y}, from the review "
                f"“{action.review.title}”): {base}{action.review.get_absolute_url()}"
                for action in actions
            ]
            count = len(actions)
            subject = f"{count} overdue action{'s' if count != 1 else ''} from reviews"
            body = (
                "These actions you own are past their due date:\n\n"
                + "\n".join(lines)
                + f"\n\nUpdate them, or mark them done, at {base}/reviews/actions/\n"
            )
            if dry_run:
                self.stdout.write(f"Would email {owner.username}: {subject}")
            else:
                send_mail(subject, body, None, [owner.email])
                self.stdout.write(f"Emailed {owner.username}: {subject}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(by_owner)} owner{'s' if len(by_owner) != 1 else ''} with overdue actions."
            )
        )
