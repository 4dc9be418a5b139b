from typing import Any

from django.core.management.base import BaseCommand

from search.digests import send_due_digests


class Command(BaseCommand):
    help = (
        "Email weekly and monthly digests of new learning matching saved searches. "
        "Run it daily from cron; each saved search is emailed only when its period has passed "
        "and something new matches."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent, checked = send_due_digests()
        self.stdout.write(f"Checked {checked} due saved search(es); sent {sent} digest(s).")
