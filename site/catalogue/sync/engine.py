"""The sync run: plan against what the site has, guard, then write everything in one transaction.

Shape of a run (`run_sync`):

1. Log the run (a `SyncRun` row, committed at once so the admin sees it), then open the run's
   transaction and take the lock (`catalogue.sync.lock`).
   From then on a heartbeat thread notes that the run is alive (`catalogue.sync.heartbeat`).
2. Read and parse the feed (downloaded to a temporary file, streamed a product at a time,
   the normalised products kept on disk: `catalogue.sync.stream`, `feed.ProductSpool`).
   Anything wrong with the feed as a whole stops here. Then, still
   holding the lock, find the runs the log calls running (their process is gone; they are marked
   abandoned once this run's transaction ends) and delete the photos they stored without rows
   (`ImageStore.remove_orphans`).
   A product whose row is the very row it was synced from (its digest, `catalogue.sync.known`)
   is not read in full: only its status, photos, SKUs, designer and type.
3. Plan cheaply: one query loads every product's key, status and content hash. A known row, or
   a product whose hash matches, is unchanged and never looked at again - that is what makes an
   unchanged re-sync of 10,000 products take seconds. The share guard runs on this plan, before
   any write.
4. Work through the remaining products in chunks: load their current state in a fixed number
   of queries per chunk (no N+1), compare field by field (so a CSV export, which lacks some
   fields, does not count as a change), fetch new images in parallel, then write with bulk
   operations.
5. Commit, or roll back on any failure and delete the image files this run wrote. A dry run
   takes the same path and rolls back at the end, so its report is exactly what a real run
   would do; it never writes image files.

Each step of `Sync` is a mixin in its own module (`plan`, `catalogue_rows`, `image_rows`,
`report`); the retailer step is the shop links app's (`steps.retailer_step`); the package's
docstring (`catalogue/sync/__init__.py`) maps them.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale

from catalogue.models import SyncRun
from catalogue.sync import heartbeat, lock
from catalogue.sync.catalogue_rows import CatalogueRows
from catalogue.sync.errors import FeedRefused, SyncLocked, printable
from catalogue.sync.feed import Feed, ProductSpool
from catalogue.sync.fetch import fetch_feed
from catalogue.sync.image_rows import ImageRows
from catalogue.sync.images import ImageStore
from catalogue.sync.known import known_digests
from catalogue.sync.parse import parse
from catalogue.sync.plan import Plan
from catalogue.sync.report import COUNT_KEYS, Report, Summary, changed_anything, describe
from catalogue.sync.steps import retailer_step
from core import content_version, dependencies

logger = logging.getLogger(__name__)


class Sync(Plan, CatalogueRows, ImageRows, Report):
    """One run's work, its steps in order (`run`); each step is a mixin in its own module."""

    def __init__(self, feed: Feed, summary: Summary, *, force: bool, dry_run: bool):
        self.feed = feed
        self.summary = summary
        self.force = force
        self.dry_run = dry_run
        self.now = timezone.now()
        self.default = settings.LANGUAGE_CODE
        self.locales = {
            code: pk
            for code, pk in Locale.objects.values_list("language_code", "pk")
            if code in dict(settings.LANGUAGES)
        }
        self.source_locale = self.locales[self.default]
        self.store = ImageStore(write_files=not dry_run, run_id=summary.run_id)
        self.fetcher = None
        self.partner_ids: dict[str, int] = {}
        # Retailers and stockist links: the step an app above the catalogue offers.
        self.retailers = retailer_step(self)
        self.skipped_ids: set[str] = {e.ref for e in feed.errors if e.kind == "product"}

    @staticmethod
    def _assign(obj, values: dict) -> bool:
        changed = False
        for name, value in values.items():
            current = getattr(obj, name)
            if name in {"latitude", "longitude"}:
                current = None if current is None else f"{current:.6f}"
            if current != value:
                setattr(obj, name, value)
                changed = True
        return changed

    @property
    def retailer_ids(self) -> dict[str, int]:
        return self.retailers.retailer_ids

    def sync_retailers(self):
        self.retailers.sync_retailers()

    def current_stockists(self, pks, states):
        self.retailers.current_stockists(pks, states)

    def write_stockists(self, work, ids):
        self.retailers.write_stockists(work, ids)

    def run(self):
        self.plan()
        self.sync_partners()
        self.sync_retailers()
        self.sync_products()
        self.report()
        if not self.dry_run and settings.CATALOGUE_INDEX_IMAGES:
            self.store.index_created()


def load_feed(source, retailers_source=None, *, csv_encoding="utf-8") -> Feed:
    fetched = fetch_feed(source)
    retailers = None
    try:
        retailers = fetch_feed(retailers_source) if retailers_source else None
        return parse(fetched, retailers=retailers, csv_encoding=csv_encoding, known=known_digests())
    finally:  # the downloaded bytes: parsed, or refused
        fetched.close()
        if retailers is not None:
            retailers.close()


def run_sync(
    source: str,
    *,
    retailers_source: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    trigger: str = SyncRun.Trigger.COMMAND,
    user=None,
    csv_encoding: str = "utf-8",
) -> Summary:
    """Run one sync and log it; never raises for a refused feed or a busy lock."""
    source = str(source)
    summary = Summary(source=source, dry_run=dry_run)
    started = time.monotonic()
    run = SyncRun.objects.create(
        source=source[:1000], trigger=trigger, user=user, dry_run=dry_run, forced=force
    )
    summary.run_id = run.pk
    sync = None
    feed = None
    dead = []
    try:
        lock.ensure_lock_row()
        with contextlib.ExitStack() as held:
            written = held.enter_context(dependencies.writes_recorded())
            if connection.vendor == "postgresql":
                # The run's transaction holds the lock row; it blocks no other writer.
                held.enter_context(transaction.atomic())
            held.enter_context(lock.held_lock())
            held.enter_context(heartbeat.Heartbeat(run))
            feed = load_feed(source, retailers_source, csv_encoding=csv_encoding)
            if connection.vendor != "postgresql":
                # SQLite's transactions take the database's one write lock when they begin
                # (IMMEDIATE): begun only once the feed is read, so that a slow or hung feed
                # server keeps no visitor's post and no editor's save waiting. The lock file
                # keeps a second run out meanwhile.
                held.enter_context(transaction.atomic())
            # Holding the lock: a run the log still calls running was killed. Its files go now,
            # its log row after this run's transaction (a rollback must not undo that). Not
            # before the feed is read: on SQLite any read here would keep another run from
            # logging its start (and being told the lock is taken) for the whole download.
            dead = heartbeat.dead_runs(run.pk)
            orphans = ImageStore(run_id=run.pk).remove_orphans()
            summary.errors = list(feed.errors)
            summary.warnings = [printable(warning) for warning in feed.warnings]
            if orphans:
                summary.warnings.append(
                    f"Removed {orphans} image file(s) an interrupted earlier run had stored "
                    "without saving their rows."
                )
            summary.counts["skipped"] = sum(1 for e in feed.errors if e.kind == "product")
            sync = Sync(feed, summary, force=force, dry_run=dry_run)
            sync.run()
            if dry_run:
                transaction.set_rollback(True)
        summary.status = SyncRun.Status.SUCCEEDED
        if sync is not None and not dry_run:
            sync.store.forget_journal()
        if not dry_run and changed_anything(summary):
            # Bulk writes send no signals: what the run's tables are read for (whole pages
            # included) is replaced here, once per run (`content_version.invalidate_written`).
            content_version.invalidate_written(written)
        summary.message = describe(summary)
    except SyncLocked as exc:
        summary.status, summary.message = SyncRun.Status.LOCKED, str(exc)
        logger.warning(
            "Catalogue sync skipped: another run holds the lock",
            extra={"event": "catalogue_sync_locked", "run_id": run.pk, "trigger": trigger},
        )
    except FeedRefused as exc:
        summary.status, summary.message = SyncRun.Status.REFUSED, str(exc)
        logger.error(
            "Catalogue sync refused the feed: %s",
            exc,
            extra={"event": "catalogue_sync_refused", "run_id": run.pk, "trigger": trigger},
        )
        summary.counts = dict.fromkeys(COUNT_KEYS, 0)
    except Exception as exc:
        logger.exception(
            "Catalogue sync failed",
            extra={"event": "catalogue_sync_failed", "run_id": run.pk, "trigger": trigger},
        )
        summary.status = SyncRun.Status.FAILED
        summary.message = f"The sync failed and changed nothing: {exc.__class__.__name__}: {exc}"
        summary.counts = dict.fromkeys(COUNT_KEYS, 0)
    finally:
        if feed is not None and isinstance(feed.products, ProductSpool):
            feed.products.close()
        heartbeat.mark_abandoned(dead)
        if sync is not None and (dry_run or summary.status != SyncRun.Status.SUCCEEDED):
            sync.store.discard_written()
        summary.duration = time.monotonic() - started
        SyncRun.objects.filter(pk=run.pk).update(
            status=summary.status,
            finished_at=timezone.now(),
            message=printable(summary.message),
            counts={
                "products": summary.counts,
                "retailers": summary.retailers,
                "partners": summary.partners,
                "images": summary.images,
            },
            errors=[error.as_dict() for error in summary.errors][:1000],
            warnings=summary.warnings[:200],
        )
    return summary
