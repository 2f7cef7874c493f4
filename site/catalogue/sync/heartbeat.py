"""A run's sign of life, so a run killed mid-way (SIGKILL, OOM, a deploy) does not stay
"running" in the log for ever.

While it holds the lock, a run notes the time every `CATALOGUE_SYNC_HEARTBEAT` seconds from a
thread of its own. Where the note goes follows the lock (`catalogue.sync.lock`):

- PostgreSQL: `SyncRun.heartbeat_at`, written through the thread's own database connection (the
  run's transaction never touches its log row, so nothing waits).
- SQLite: the lock file. SQLite has one writer at a time and the run's transaction is that
  writer for most of the run: a second connection could neither write the note nor be allowed
  to (it would make the run's own writes fail as "database is locked").

A run is dead for sure when another run holds the lock while its log row still says "running":
the lock ends with its process. That run then marks it abandoned, with its last note as the time
it ended (`dead_runs` + `mark_abandoned`). The run log also marks a run abandoned once its last
note is older than `STALE_AFTER` heartbeats (`settle_stale`), without waiting for the next run.
"""

import contextlib
import datetime
import threading

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.utils import timezone

from catalogue.models import SyncRun
from catalogue.sync.lock import sqlite_lock_path

STALE_AFTER = 4  # heartbeats missed before the run log calls a run abandoned
MIN_STALE_SECONDS = 60


def _uses_lock_file() -> bool:
    return connection.vendor != "postgresql"


class Heartbeat:
    """`with Heartbeat(run_id):` - notes the time now and then every interval until the end."""

    def __init__(self, run: SyncRun, interval: float | None = None):
        self.run = run
        self.interval = interval or settings.CATALOGUE_SYNC_HEARTBEAT
        self.stop = threading.Event()
        self.lock_file = sqlite_lock_path() if _uses_lock_file() else None
        self.thread = threading.Thread(target=self._beat, name="catalogue-heartbeat", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        return False

    def note(self):
        now = timezone.now()
        if self.lock_file is not None:
            # Written in place: the file is the one the run holds its lock on.
            with open(self.lock_file, "r+") as handle:
                handle.write(f"{file_key(self.run)} {now.isoformat()}\n")
                handle.truncate()
            return
        SyncRun.objects.filter(pk=self.run.pk).update(heartbeat_at=now)

    def _beat(self):
        # Never from the run's own thread: on PostgreSQL that write would belong to the run's
        # transaction (invisible until the end, and a row lock this thread would wait for).
        try:
            while True:
                with contextlib.suppress(DatabaseError, OSError):
                    self.note()
                if self.stop.wait(self.interval):
                    break
        finally:
            if self.lock_file is None:
                connections.close_all()  # this thread's connection


def file_key(run: SyncRun) -> str:
    """The run in the lock file: id and start (an id alone may come back after a rollback)."""
    return f"{run.pk}@{run.started_at.timestamp():.6f}"


def last_beat(run: SyncRun) -> datetime.datetime:
    """When the run last showed a sign of life (its start if it never noted one)."""
    if _uses_lock_file():
        with contextlib.suppress(OSError, ValueError):
            key, moment = sqlite_lock_path().read_text().split()
            if key == file_key(run):
                return datetime.datetime.fromisoformat(moment)
    return run.heartbeat_at or run.started_at


def dead_runs(current_run_id: int) -> list[tuple[int, datetime.datetime]]:
    """Called while holding the lock: every other run still logged as running is dead."""
    runs = SyncRun.objects.filter(status=SyncRun.Status.RUNNING).exclude(pk=current_run_id)
    return [(run.pk, last_beat(run)) for run in runs]


def mark_abandoned(runs: list[tuple[int, datetime.datetime]]):
    """Outside the run's transaction (a rolled-back run must not undo it)."""
    for pk, moment in runs:
        SyncRun.objects.filter(pk=pk, status=SyncRun.Status.RUNNING).update(
            status=SyncRun.Status.ABANDONED,
            finished_at=moment,
            heartbeat_at=moment,
            message=(
                "The run stopped without finishing (the process was ended: killed, out of "
                f"memory or a deploy); last sign of life {moment:%Y-%m-%d %H:%M:%S %Z}. Its "
                "changes were not saved; image files it had stored are removed by the next run."
            ),
        )


def settle_stale():
    """For the run log: mark runs whose last sign of life is long past as abandoned."""
    seconds = max(STALE_AFTER * settings.CATALOGUE_SYNC_HEARTBEAT, MIN_STALE_SECONDS)
    cutoff = timezone.now() - datetime.timedelta(seconds=seconds)
    mark_abandoned(
        [
            (run.pk, beat)
            for run in SyncRun.objects.filter(status=SyncRun.Status.RUNNING)
            if (beat := last_beat(run)) < cutoff
        ]
    )
