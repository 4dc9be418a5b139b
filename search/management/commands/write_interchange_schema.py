import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.interchange import json_schema

DEFAULT_PATH = Path(settings.BASE_DIR) / "docs" / "interchange.schema.json"


def schema_text() -> str:
    """The JSON Schema of one interchange line, as committed in docs/interchange.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = (
        "Write the JSON Schema of one line of the learning interchange format, generated from the "
        "record types' models, to docs/interchange.schema.json (or --check that it is current)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", default=str(DEFAULT_PATH), help="File to write or check")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the file differs from what the models generate.",
        )

    def handle(self, *args: Any, path: Any, check: bool = False, **options: Any) -> None:
        target = Path(path)
        text = schema_text()
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                raise CommandError(
                    f"{target} is out of date: run `manage.py write_interchange_schema`."
                )
            self.stdout.write(f"{target} matches the models.")
            return
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Could not write {target}: {error.strerror}") from error
        self.stdout.write(f"Wrote {target}.")
