import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from search.engine import outbox


class Command(BaseCommand):
    help = (
        "Send the waiting search index changes (the outbox) to the search engine in bulk. "
        "With --follow, keep doing so every few seconds: the outbox worker for deployments "
        "whose task backend runs tasks immediately."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=outbox.BATCH_SIZE)
        parser.add_argument("--follow", action="store_true", help="Keep running (Ctrl+C stops)")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between runs")

    def handle(
        self, *args: Any, batch_size: Any, follow: Any, interval: Any, **options: Any
    ) -> None:
        while True:
            result = outbox.send_due(batch_size=batch_size)
            pending, age = outbox.lag()
            if result.sent or result.failed or not follow:
                line = f"Sent {result.sent} change(s); {pending} waiting"
                if age is not None:
                    line += f" (oldest {int(age.total_seconds())}s)"
                self.stdout.write(line)
                if result.error:
                    self.stdout.write(self.style.WARNING(f"Engine refused: {result.error[:300]}"))
            if not follow:
                return
            time.sleep(interval)
