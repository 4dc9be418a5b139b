from django.conf import settings
from django.core.management.base import BaseCommand

from people.demo import DEMO_USERS, demo_key_base32, demo_password
from people.models import User


class Command(BaseCommand):
    help = "Print the demo sign-ins that exist in this database (development only)."

    def handle(self, *args, **options):
        present = set(
            User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list(
                "username", flat=True
            )
        )
        if not present:
            self.stdout.write("No demo users in this database.")
            return
        self.stdout.write(f"Demo sign-ins (password for all: {demo_password()}):")
        for username, first, last, role, agency, _title in DEMO_USERS:
            if username in present:
                self.stdout.write(f"  {username:<12} {role:<20} {first} {last}, {agency}")
        needs_code = [u[0] for u in DEMO_USERS if u[3] in settings.TWO_FACTOR_REQUIRED_ROLES]
        if needs_code:
            self.stdout.write(
                f"{' and '.join(needs_code)} also need a second-factor code: run "
                "`.venv/bin/python manage.py show_demo_code`, or add the key "
                f"{demo_key_base32()} to an authenticator app."
            )
