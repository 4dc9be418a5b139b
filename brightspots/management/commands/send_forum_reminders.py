from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from brightspots import notifications
from brightspots.models import Registration


class Command(BaseCommand):
    help = (
        "Email everyone registered for a forum session that starts within --hours (default 24). "
        "Each person is reminded once per session; run it from cron, e.g. hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Remind about sessions starting within this."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be reminded; send nothing."
        )

    def handle(self, *args, hours, dry_run=False, **options):
        due = Registration.objects.due_reminder(hours=hours).select_related("session", "user")
        sent = 0
        for registration in due:
            if dry_run:
                self.stdout.write(f"Would remind {registration.user} about {registration.session}")
                continue
            with transaction.atomic():
                locked = Registration.objects.select_for_update().get(pk=registration.pk)
                if locked.reminded_at is not None:
                    continue
                notifications.reminder(registration)
                locked.reminded_at = timezone.now()
                locked.save(update_fields=["reminded_at"])
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder{'s' if sent != 1 else ''}."))
