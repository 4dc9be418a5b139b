from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from brightspots import notifications
from brightspots.models import CallForPresentationsMailing, ForumSessionPage


class Command(BaseCommand):
    help = (
        "Email every active user the call for presentations of each upcoming forum session whose "
        "call is open. Each session's call goes out once; run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the sessions; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        sessions = (
            ForumSessionPage.objects.live()
            .call_open()
            .filter(call_mailing__isnull=True)
            .order_by("starts_at")
        )
        users = get_user_model().objects.filter(is_active=True).exclude(email="")
        total = 0
        for session in sessions:
            if dry_run:
                self.stdout.write(f"Would send the call for {session} to {users.count()} people")
                continue
            with transaction.atomic():
                mailing, created = CallForPresentationsMailing.objects.get_or_create(
                    session=session
                )
                if not created:
                    continue
                mailing.recipients = notifications.call_for_presentations(session, users)
                mailing.save(update_fields=["recipients"])
            self.stdout.write(f"{session}: sent to {mailing.recipients} people")
            total += 1
        self.stdout.write(
            self.style.SUCCESS(f"Sent the call for {total} session{'s' if total != 1 else ''}.")
        )
