"""Databases for tests that start processes of their own (a server, a management command)."""

import contextlib
import uuid
from pathlib import Path


@contextlib.contextmanager
def copy_of_test_database(workdir: Path, site: tuple[str, int] | None = None):
    """A copy of the suite's test database (demo content and renditions already in it).

    SQLite's in-memory test database is serialized and written into a file; on PostgreSQL a
    new database is created from the test database as template (the suite's connections are
    closed first, as PostgreSQL requires) and dropped afterwards. Given `site` (host, port), the
    copy's Wagtail site gets them, so canonical and hreflang URLs name the server a browser talks
    to. Copying takes a second, where building the demo again took a minute. Yields the copy's
    DATABASE_URL, for a process of its own (a server, a management command).
    """
    import sqlite3

    from django.db import connection, connections

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = workdir / "copy.sqlite3"
        # Through a serialized image: the test's own connection may hold the write lock (an open
        # transaction begun IMMEDIATE, as the site's are), and the backup API would wait for
        # that lock forever; serializing reads the pages the connection sees, lock or not.
        image = sqlite3.connect(":memory:")
        image.deserialize(connection.connection.serialize())
        with contextlib.closing(sqlite3.connect(path)) as copy:
            image.backup(copy)
            if site:
                with copy:
                    copy.execute("UPDATE wagtailcore_site SET hostname = ?, port = ?", site)
            # Opened once as the site opens its file (its init command), so that the copy is
            # in write-ahead-log mode already, as the site's own file is from its first
            # connection on: an in-memory image makes a rollback-journal file, and the server's
            # first connections, opened at the same instant by a burst of requests, would each
            # switch it (`PRAGMA journal_mode=WAL`), which needs the file to itself and fails at
            # once with "database is locked" (503s that were never the site's:
            # tests/enquiries/test_concurrency.py, once in CI).
            copy.executescript(settings_dict["OPTIONS"]["init_command"])
        image.close()
        yield f"sqlite:///{path}"
        return

    import psycopg
    from psycopg import sql

    name = f"maan_copy_{uuid.uuid4().hex[:12]}"
    maintenance = f"postgresql://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/postgres"
    connections.close_all()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        # A connection another thread of an earlier test left open would block the copy.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (settings_dict["NAME"],),
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(settings_dict["NAME"])
            )
        )
    url = f"postgresql://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{name}"
    if site:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("UPDATE wagtailcore_site SET hostname = %s, port = %s", site)
    try:
        yield url
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
