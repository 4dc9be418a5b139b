from django.core.management.base import BaseCommand

from people.demo import demo_code, demo_key_base32


class Command(BaseCommand):
    help = (
        "Print the current second-factor code of the demo users whose role needs one "
        "(development only; the key is public)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Code now: {demo_code()} (changes every 30 seconds)")
        self.stdout.write(f"Or add this key to an authenticator app: {demo_key_base32()}")
