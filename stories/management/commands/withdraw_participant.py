from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stories.models import Participant
from stories.services import withdraw_consent


class Command(BaseCommand):
    help = (
        "Withdraw a participant's consent by pseudonym code: removes their alias and every "
        "narrative, own-words and learning note text, keeps de-identified counts, and records "
        "the withdrawal in the access log. For requests that arrive outside the site."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="The participant's pseudonym code, e.g. WA-7K3F.")
        parser.add_argument(
            "--by",
            required=True,
            help="Username of the person carrying out the request (recorded in the access log).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be removed; change nothing."
        )

    def handle(self, *args, code, by, dry_run, **options):
        try:
            participant = Participant.objects.select_related("cohort").get(code=code.upper())
        except Participant.DoesNotExist as error:
            raise CommandError(f"No participant has the code {code}.") from error
        try:
            user = get_user_model().objects.get(username=by)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user has the username {by}.") from error
        if participant.has_withdrawn:
            self.stdout.write(f"{participant.code} has already withdrawn; nothing to do.")
            return
        count = participant.touchpoints.count()
        if dry_run:
            self.stdout.write(
                f"Would withdraw {participant.code} ({participant.cohort}): alias and the text "
                f"of {count} touchpoint(s) would be removed."
            )
            return
        # withdraw_consent is one transaction.
        withdraw_consent(participant, user, path=f"manage.py withdraw_participant {code}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Consent withdrawn for {participant.code}: alias and the text of {count} "
                "touchpoint(s) removed; counts kept."
            )
        )
