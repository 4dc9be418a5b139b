from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.interchange import export_lines, may_export_drafts


class Command(BaseCommand):
    help = (
        "Export published learning records to a JSON Lines file, sorted by type then id. "
        "Unpublished Bright Spots are included only with --include-drafts --user <a forum host "
        "or administrator>."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path of the .jsonl file to write ('-' for stdout)")
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Also export Bright Spots that were never published (needs --user).",
        )
        parser.add_argument(
            "--user", help="Username of the person asking for drafts: a forum host or admin."
        )

    def handle(
        self, *args: Any, file: Any, include_drafts: bool = False, user: Any = None, **options: Any
    ) -> None:
        if include_drafts:
            self._check_may_export_drafts(user)
        lines = export_lines(include_drafts=include_drafts)
        count = 0
        if file == "-":
            for line in lines:
                self.stdout.write(line, ending="")
                count += 1
            return
        try:
            with open(file, "w", encoding="utf-8", newline="\n") as handle:
                for line in lines:
                    handle.write(line)
                    count += 1
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error}") from error
        kind = "record(s), drafts included," if include_drafts else "published record(s)"
        self.stdout.write(self.style.SUCCESS(f"Exported {count} {kind} to {file}"))

    def _check_may_export_drafts(self, username: str | None) -> None:
        if not username:
            raise CommandError(
                "--include-drafts needs --user: the username of the forum host or administrator "
                "asking for unpublished Bright Spots."
            )
        person = get_user_model().objects.filter(username=username).first()
        if person is None:
            raise CommandError(f"No user {username!r}.")
        if not may_export_drafts(person):
            raise CommandError(
                f"{username} may not see unpublished Bright Spots: only forum hosts and "
                "administrators moderate them. Export without --include-drafts."
            )
