"""The demo site's products: the bundled sample feed, synced like any other feed."""

from pathlib import Path

from catalogue.models import SyncRun
from catalogue.sync.engine import run_sync

SAMPLE_DIR = Path(__file__).resolve().parent / "fixtures" / "sample"
SAMPLE_FEED = SAMPLE_DIR / "catalogue.json"


def sync_sample_catalogue(log=print):
    """Idempotent: a second demo load finds everything unchanged. Failures are reported."""
    summary = run_sync(str(SAMPLE_FEED), trigger=SyncRun.Trigger.DEMO)
    log(f"Katalog ({summary.status}): {summary.message}")
    for warning in summary.warnings:
        log(f"Hinweis: {warning}")
    for error in summary.errors:
        log(f"Fehler: {error}")
    return summary
