"""The demo site's products: the bundled sample feed, synced like any other feed."""

from catalogue.models import SyncRun
from catalogue.sample import SAMPLE_FEED
from catalogue.sync.engine import run_sync


def sync_sample_catalogue(log=print):
    """Idempotent: a second demo load finds everything unchanged. Failures are reported."""
    summary = run_sync(str(SAMPLE_FEED), trigger=SyncRun.Trigger.DEMO)
    log(f"Katalog ({summary.status}): {summary.message}")
    for warning in summary.warnings:
        log(f"Hinweis: {warning}")
    for error in summary.errors:
        log(f"Fehler: {error}")
    return summary
