from django.conf import settings
from django.core.management.base import BaseCommand

from enquiries import gdpr


class Command(BaseCommand):
    help = "Delete enquiries (with their notes and files) older than DAYS days (retention)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=settings.ENQUIRY_RETENTION_DAYS,
            help="age in days (default: ENQUIRY_RETENTION_DAYS = %(default)s)",
        )
        parser.add_argument("--dry-run", action="store_true", help="only count, delete nothing")

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 1:
            self.stderr.write("--older-than must be at least 1 day")
            raise SystemExit(2)
        enquiries, notes, files = gdpr.purge(older_than, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {enquiries} enquiries, {notes} notes and {files} files older than "
            f"{older_than} days"
        )
