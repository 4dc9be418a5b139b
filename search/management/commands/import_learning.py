import time

from django.core.management.base import BaseCommand, CommandError

from search.interchange import import_records, parse_lines


class Command(BaseCommand):
    help = (
        "Import learning records from a JSON Lines file (docs/interchange.md). The whole file is "
        "checked first; any problem stops the import and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the .jsonl file")

    def handle(self, *args, file, **options):
        started = time.monotonic()
        try:
            with open(file, encoding="utf-8") as handle:
                records, problems = parse_lines(handle)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(problems)} problem(s) in {file}; nothing was imported. "
                "Fix the lines above and run the import again."
            )
        self.stdout.write(f"{len(records)} record(s) checked; importing…")
        summary = import_records(records, stdout=self.stdout)
        elapsed = time.monotonic() - started
        source_index = summary.pop("source_index", True)
        for kind, (created, updated) in sorted(summary.items()):
            self.stdout.write(f"{kind}: {created} created, {updated} updated")
        if not source_index:
            self.stdout.write(
                "The learning search is up to date. Large import: run manage.py rebuild_search "
                "to refresh each record type's own Wagtail index too."
            )
        rate = len(records) / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(records)} record(s) in {elapsed:.1f}s ({rate:.0f}/s)"
            )
        )
