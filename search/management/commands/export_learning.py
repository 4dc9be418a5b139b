from django.core.management.base import BaseCommand, CommandError

from search.interchange import export_lines


class Command(BaseCommand):
    help = "Export learning records to a JSON Lines file, sorted by type then id."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .jsonl file to write ('-' for stdout)")

    def handle(self, *args, file, **options):
        count = 0
        if file == "-":
            for line in export_lines():
                self.stdout.write(line, ending="")
                count += 1
            return
        try:
            with open(file, "w", encoding="utf-8", newline="\n") as handle:
                for line in export_lines():
                    handle.write(line)
                    count += 1
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Exported {count} record(s) to {file}"))
