from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from privacy.validators import check_fields
from search.models import ApiToken


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="What the token is for")

    def handle(self, *args: Any, username: Any, name: Any, **options: Any) -> None:
        User = get_user_model()  # noqa: N806
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user called {username!r}.") from error
        if not user.is_active:
            raise CommandError(f"{username!r} is not an active user.")
        limit = ApiToken._meta.get_field("name").max_length or 0
        if len(name) > limit:
            raise CommandError(f"--name must be at most {limit} characters (it has {len(name)}).")
        problems = check_fields({"name": name}).get("name")
        if problems:
            raise CommandError(f"--name: {' '.join(problems)} Nothing was created.")
        with transaction.atomic():
            token, plain = ApiToken.issue(user, name)
        self.stdout.write(f"Token {token.name!r} for {user.username} (shown once, keep it safe):")
        self.stdout.write(plain)
