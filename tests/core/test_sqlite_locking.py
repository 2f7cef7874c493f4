"""The embedded SQLite database under concurrent writers, with the site's own connection options.

In write-ahead-log mode a transaction that has read and then writes fails at once ("database is
locked", no busy wait) when another connection committed in between. The enquiry mail task does
exactly that (reads the enquiry, sends the mails, marks it sent) while other posts store theirs;
it failed under twenty simultaneous posts. The site's transactions take the write lock when they
begin, so a second writer waits its turn instead.
"""

import contextlib
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the PostgreSQL run has its own locking tests"
)


def _connection(path, options, alias):
    """A connection of its own configured like the site's, to an SQLite file (one per thread)."""
    database = {**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": dict(options)}
    return DatabaseWrapper(database, alias)


@contextlib.contextmanager
def _transaction(wrapper):
    """A transaction begun as `transaction.atomic` begins it on this backend."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        with wrapper.cursor() as cursor:
            yield cursor
        wrapper.commit()
    except Exception:
        wrapper.rollback()
        raise
    finally:
        wrapper.set_autocommit(True)


def _read_then_write_while_another_commits(tmp_path, options):
    """`first` reads in a transaction, `second` writes and commits meanwhile, `first` then
    writes. Returns what each got (None: done; else the error) and the rows stored."""
    path = tmp_path / "site.sqlite3"
    first = _connection(path, options, "first")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE enquiry (id INTEGER PRIMARY KEY, state TEXT)")
        cursor.execute("INSERT INTO enquiry (state) VALUES ('pending')")
    outcome = {}
    has_read = threading.Event()

    def second():
        has_read.wait(5)
        second = _connection(path, options, "second")
        try:
            with _transaction(second) as cursor:
                cursor.execute("INSERT INTO enquiry (state) VALUES ('pending')")
            outcome["second"] = None
        except Exception as error:
            outcome["second"] = error
        finally:
            second.close()

    other = threading.Thread(target=second)
    other.start()
    try:
        with _transaction(first) as cursor:
            cursor.execute("SELECT state FROM enquiry WHERE id = 1")
            has_read.set()
            time.sleep(0.5)  # the mails go out; the other post commits meanwhile (if it can)
            cursor.execute("UPDATE enquiry SET state = 'sent' WHERE id = 1")
        outcome["first"] = None
    except Exception as error:
        outcome["first"] = error
    other.join(30)
    with first.cursor() as cursor:
        cursor.execute("SELECT state FROM enquiry ORDER BY id")
        rows = [state for (state,) in cursor.fetchall()]
    first.close()
    return outcome, rows


def test_a_transaction_that_read_first_still_writes_while_others_post(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # a file of the test's own, not the test database
        outcome, rows = _read_then_write_while_another_commits(
            tmp_path, settings.DATABASES["default"]["OPTIONS"]
        )
    assert outcome == {"first": None, "second": None}
    assert rows == ["sent", "pending"]


def test_without_the_sites_transaction_mode_the_same_steps_fail(tmp_path, django_db_blocker):
    """The control: the write-ahead log with SQLite's default (deferred) transactions."""
    options = {
        key: value
        for key, value in settings.DATABASES["default"]["OPTIONS"].items()
        if key != "transaction_mode"
    }
    with django_db_blocker.unblock():
        outcome, rows = _read_then_write_while_another_commits(tmp_path, options)
    assert outcome["second"] is None
    assert "database is locked" in str(outcome["first"])
    assert rows == ["pending", "pending"]


@pytest.mark.django_db
def test_a_copy_for_an_app_server_is_in_write_ahead_log_mode_before_its_first_connection(tmp_path):
    """A server's first requests open their connections at the same instant; had the copy to be
    switched to the write-ahead log by them, some would fail with "database is locked" (503)."""
    import sqlite3

    from tests.databases import copy_of_test_database

    with copy_of_test_database(tmp_path) as url:
        path = url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path)) as copy:
            # Asking without setting: the mode the file itself records.
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert copy.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0] > 10
