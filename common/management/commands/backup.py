from django.core.management.base import BaseCommand

from common.backup import default_backup_path, write_backup


class Command(BaseCommand):
    help = (
        "Back up every database row and uploaded file to one .tar.gz "
        "(SQLite or PostgreSQL; restore with `manage.py restore`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Where to write (default: BACKUP_DIR/...)")

    def handle(self, *args, path=None, **options):
        path = path or default_backup_path()
        write_backup(path, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
