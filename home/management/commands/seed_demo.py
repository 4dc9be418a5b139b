from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.contributions import app_functions


class Command(BaseCommand):
    help = (
        "Create realistic, pseudonymised demo content for every record type. "
        "Safe to run again: existing demo records are kept, missing ones are added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has users (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        from django.contrib.auth import get_user_model

        if not getattr(settings, "DEMO_PASSWORD", None):
            # Demo users share a published password, and one is a superuser: never in production.
            raise CommandError(
                "Demo content is for development only: run it with config.settings.dev "
                "(DEMO_PASSWORD is not set in these settings)."
            )
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("The database already has data; demo content not loaded.")
            return
        with transaction.atomic():
            for label, seed in app_functions("demo", "seed"):
                self.stdout.write(f"Seeding {label} ...")
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
