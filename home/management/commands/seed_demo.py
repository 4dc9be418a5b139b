from django.core.management.base import BaseCommand
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

        if if_empty and get_user_model().objects.exists():
            self.stdout.write("The database already has data; demo content not loaded.")
            return
        with transaction.atomic():
            for label, seed in app_functions("demo", "seed"):
                self.stdout.write(f"Seeding {label} ...")
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
