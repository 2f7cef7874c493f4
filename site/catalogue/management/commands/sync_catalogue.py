"""`python manage.py sync_catalogue [SOURCE]`: bring the label catalogue into the site.

Exit codes are part of the interface, for cron and systemd: 0 the run completed (row-level
errors are listed but do not fail it), 1 the feed was refused or the run failed (nothing was
changed), 2 wrong arguments, 3 another run holds the lock (nothing was started).
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue.models import SyncRun
from catalogue.sync.engine import COUNT_KEYS, run_sync

EXIT_CODES = {
    SyncRun.Status.SUCCEEDED: 0,
    SyncRun.Status.REFUSED: 1,
    SyncRun.Status.FAILED: 1,
    SyncRun.Status.LOCKED: 3,
}


class Command(BaseCommand):
    help = (
        "Syncs products, production partners and retailers from the label catalogue "
        "(a JSON feed, or a products CSV with an optional retailers CSV)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            help="Feed URL or file (.json or .csv). Default: the CATALOGUE_FEED_URL setting.",
        )
        parser.add_argument(
            "--retailers", metavar="CSV", help="Retailers CSV that goes with a products CSV."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report exactly what would change; write nothing, store no images.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow hiding more live products than CATALOGUE_MAX_ARCHIVE_SHARE. "
            "Overrides only that guard.",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="json: a machine-readable summary on stdout.",
        )
        parser.add_argument(
            "--csv-encoding",
            default="utf-8",
            help="Encoding of CSV files (default utf-8, a byte-order mark is fine); e.g. cp1252 "
            "for an old spreadsheet export.",
        )

    def handle(self, *args, **options):
        source = options["source"] or settings.CATALOGUE_FEED_URL
        if not source:
            raise CommandError("Name a feed URL or file, or set CATALOGUE_FEED_URL.", returncode=2)
        summary = run_sync(
            source,
            retailers_source=options["retailers"],
            dry_run=options["dry_run"],
            force=options["force"],
            trigger=SyncRun.Trigger.COMMAND,
            csv_encoding=options["csv_encoding"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.write_text(summary, options["verbosity"])
        code = EXIT_CODES.get(summary.status, 1)
        if code:
            raise CommandError(summary.message, returncode=code)

    def write_text(self, summary, verbosity):
        if not summary.ok:
            return  # the CommandError carries the message to stderr
        self.stdout.write(self.style.SUCCESS(summary.message))
        for label, counts in (("Retailers", summary.retailers), ("Partners", summary.partners)):
            self.stdout.write(f"{label}: " + ", ".join(f"{counts[k]} {k}" for k in COUNT_KEYS))
        images = summary.images
        self.stdout.write(
            f"Images: {images['downloaded']} downloaded, {images['stored']} stored, "
            f"{images['reused']} already in the library, {images['unchanged']} unchanged "
            f"(not downloaded again), {images['relinked']} product photo(s) replaced."
        )
        if verbosity > 1 or summary.dry_run:
            changes = summary.changes
            for key in ("created", "restored", "archived"):
                if changes[key]:
                    self.stdout.write(f"{key.capitalize()}: {', '.join(changes[key])}")
            for external_id, fields in changes["updated"].items():
                self.stdout.write(f"Updated {external_id}: {', '.join(fields)}")
        for warning in summary.warnings:
            self.stderr.write(self.style.WARNING(f"Note: {warning}"))
        for error in summary.errors:
            self.stderr.write(self.style.ERROR(f"Skipped {error}"))
