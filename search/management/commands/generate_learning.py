import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.generator import write_file
from search.interchange import ImportFailed, import_file


class Command(BaseCommand):
    help = (
        "Make a realistic synthetic set of learning records (Bright Spots, barriers, reviews) "
        "and import it, for scale tests. Never run this against a live site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--output", help="Also keep the generated JSON Lines file here")
        parser.add_argument(
            "--no-import", action="store_true", help="Only write --output; import nothing"
        )

    def handle(
        self, *args: Any, count: Any, seed: Any, output: Any, no_import: Any, **options: Any
    ) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1")
        if no_import and not output:
            raise CommandError("--no-import needs --output")
        path = Path(output) if output else Path(tempfile.mkstemp(suffix=".jsonl")[1])
        write_file(path, count, seed)
        self.stdout.write(f"Generated {count} record(s) in {path}")
        if no_import:
            return
        started = time.monotonic()
        try:
            with open(path, encoding="utf-8") as handle:
                summary = import_file(handle)
        except ImportFailed as failed:
            raise CommandError("\n".join(str(p) for p in failed.problems[:20])) from failed
        elapsed = time.monotonic() - started
        imported = summary["records"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {imported} record(s) in {elapsed:.1f}s "
                f"({imported / elapsed:.0f} a second)"
            )
        )
        if not output:
            path.unlink()
