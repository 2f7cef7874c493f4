from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enquiries import gdpr


class Command(BaseCommand):
    help = "Find, export (JSON) or delete everything stored for one e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--export", metavar="FILE", help="write the data as JSON to FILE")
        parser.add_argument(
            "--files", metavar="DIR", help="copy the enquiries' files into DIR (mode 600)"
        )
        parser.add_argument(
            "--delete", action="store_true", help="delete the enquiries, notes and files"
        )

    def handle(self, *args, email, export, files, delete, **options):
        found = list(gdpr.for_address(email).values_list("pk", flat=True))
        self.stdout.write(f"{len(found)} enquiries for this address: {found}")
        if export:
            path = Path(export)
            if path.exists():
                raise CommandError(f"{path} exists; not overwriting it")
            path.write_text(gdpr.export_json(email), encoding="utf-8")
            path.chmod(0o600)
            self.stdout.write(f"exported to {path}")
        if files:
            names = gdpr.copy_files(email, files)
            self.stdout.write(f"copied {len(names)} files to {files}")
        if delete:
            self.stdout.write(f"deleted {gdpr.erase(email)} enquiries with their notes and files")
