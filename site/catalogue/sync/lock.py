"""One sync at a time, enforced by the database the sync writes to.

PostgreSQL: the run's transaction locks a row (`SELECT … FOR UPDATE NOWAIT`); a second run gets
an error at once instead of waiting, and the lock disappears with the transaction or the
connection, so a crashed worker never leaves a stale lock behind.

SQLite has no row locks (`select_for_update` is a no-op there), and its database lock is taken
only at the first write, too late to keep two runs from downloading and planning side by side.
So on SQLite the run takes an exclusive, non-blocking `flock` on a lock file beside the database
file - the same kind of OS file lock SQLite itself uses, valid for every process that can open
that database (SQLite databases are local files by nature), and released by the kernel when
the process ends. For an in-memory database (tests) the file is per process.
"""

import contextlib
import fcntl
import hashlib
import os
import tempfile
from pathlib import Path

from django.db import DatabaseError, connection, transaction

from catalogue.models import SyncLock
from catalogue.sync.errors import SyncLocked

LOCK_NAME = "catalogue-sync"
BUSY_MESSAGE = "Another catalogue sync is running; this one did not start. Try again when it ends."


def sqlite_lock_path() -> Path:
    name = str(connection.settings_dict["NAME"])
    if "memory" in name or not name:
        digest = hashlib.sha256(name.encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"catalogue-sync-{os.getpid()}-{digest}.lock"
    return Path(f"{name}.catalogue-sync.lock")


def ensure_lock_row():
    """Create the lock row outside the run's transaction (an uncommitted insert would make a
    second run wait instead of failing at once)."""
    if connection.vendor == "postgresql":
        SyncLock.objects.get_or_create(name=LOCK_NAME)


@contextlib.contextmanager
def held_lock():
    """Hold the lock for the enclosed block; raises SyncLocked if another run holds it.

    On PostgreSQL the caller's enclosing transaction is what holds the lock: enter this inside
    the run's `transaction.atomic()`.
    """
    if connection.vendor == "postgresql":
        if not connection.in_atomic_block:
            raise RuntimeError("held_lock() must run inside the sync's transaction")
        try:
            with transaction.atomic():
                SyncLock.objects.select_for_update(nowait=True).get(name=LOCK_NAME)
        except DatabaseError:
            raise SyncLocked(BUSY_MESSAGE) from None
        # The savepoint above is released, but the row lock belongs to the outer transaction.
        yield
        return
    path = sqlite_lock_path()
    handle = open(path, "a+")  # noqa: SIM115 - held open for the length of the run
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncLocked(BUSY_MESSAGE) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()
