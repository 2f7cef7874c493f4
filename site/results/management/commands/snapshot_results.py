"""Keep this month's value of every live indicator in its history (run monthly, or daily: a
month that already has a value is left as it is).

    manage.py snapshot_results            # today's count, dated today
    manage.py snapshot_results --dry-run  # only say what would be written

The value is written to the German indicator's history as an automatic value (period "Monat");
publishing an older draft of the indicator keeps it (`Indicator.with_content_json`). Saving it
replaces the content version, so the page and the CSV show it on the next request.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from results import live
from results.models import Indicator, IndicatorValue, Period


class Command(BaseCommand):
    help = "Schreibt den Monatswert jeder Live-Kennzahl in ihren Verlauf (einmal je Monat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur anzeigen, nichts schreiben."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        indicators = Indicator.objects.filter(
            live=True, locale__language_code=settings.LANGUAGE_CODE
        ).exclude(live_source="")
        for indicator in indicators:
            month = indicator.values.filter(date__year=today.year, date__month=today.month)
            if month.exists():
                self.stdout.write(f"{indicator}: Wert für {today:%m/%Y} vorhanden, unverändert.")
                continue
            value = live.count(indicator.live_source)
            if value is None:
                continue
            if not dry_run:
                IndicatorValue.objects.create(
                    indicator=indicator,
                    date=today,
                    period=Period.MONTH,
                    value=value,
                    source_note="Automatisch gezählt",
                    automatic=True,
                )
            done = "würde geschrieben" if dry_run else "geschrieben"
            self.stdout.write(f"{indicator}: {value} ({today:%m/%Y}) {done}.")
