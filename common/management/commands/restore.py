from django.core.management.base import BaseCommand, CommandError

from common.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace this site's database rows and uploaded files with a backup made by "
        "`manage.py backup`. The database part is one transaction: all of it or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .tar.gz written by manage.py backup")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm: everything in this database is replaced by the backup's contents.",
        )

    def handle(self, *args, path, yes, **options):
        try:
            manifest = read_manifest(path)
        except Exception as error:
            raise CommandError(f"{path} is not a Bright Spots backup ({error}).") from error
        if not yes:
            raise CommandError(
                f"This replaces everything in the database with the backup of "
                f"{manifest['created']} ({sum(manifest['rows'].values())} rows). "
                "Run again with --yes to go ahead."
            )
        try:
            restore_backup(path, stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}"))
