import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.interchange import ImportFailed, import_file


class Command(BaseCommand):
    help = (
        "Import learning records from a JSON Lines file (docs/interchange.md). Every line is "
        "checked; any problem stops the import and nothing is written. The file is never held "
        "in memory: it is checked, then written in batches in one transaction (a file of 1 MB or "
        "more is checked in a second process while it is written, and committed only if that "
        "check finds no problem)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the .jsonl file")

    def handle(self, *args: Any, file: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            with open(file, encoding="utf-8") as handle:
                self.stdout.write(f"Checking and importing {file}…")
                summary = import_file(handle, stdout=self.stdout)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failed.problems)} problem(s) in {file}; nothing was imported. "
                "Fix the lines above and run the import again."
            ) from None
        count = summary.pop("records")
        elapsed = time.monotonic() - started
        source_index = summary.pop("source_index", True)
        for kind, (created, updated) in sorted(summary.items()):
            self.stdout.write(f"{kind}: {created} created, {updated} updated")
        if not source_index:
            self.stdout.write(
                "The learning search is up to date. Large import: run manage.py rebuild_search "
                "to refresh each record type's own Wagtail index too."
            )
        rate = count / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(f"Imported {count} record(s) in {elapsed:.1f}s ({rate:.0f}/s)")
        )
