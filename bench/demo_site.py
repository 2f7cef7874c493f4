"""The demo site for a bench script run on its own: Django set up with the test settings, on the
database in DATABASE_URL, or on a temporary SQLite that `client()` migrates and loads the demo
into. Media go to MEDIA_ROOT (default: a temporary folder).

    import demo_site  # before Django: bench/ is the script's own folder, first on sys.path
    LOAD_DEMO = demo_site.setup(PAGE_CACHE_TIMEOUT="0")
    ...
    client = demo_site.client(LOAD_DEMO)
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(**environment) -> bool:
    """Set Django up (with `environment` set first); True when the demo is still to be loaded."""
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))
    os.environ.setdefault("DB_CONN_MAX_AGE", "60")
    os.environ.update(environment)
    load_demo = not os.environ.get("DATABASE_URL")
    if load_demo:
        folder = tempfile.mkdtemp(prefix="bench-db-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    return load_demo


def client(load_demo: bool):
    """Django's test client on the demo (migrated and loaded first where `load_demo`)."""
    import logging

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per publish
    if load_demo:
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", admin_password="bench-only", stdout=quiet)
    return Client()
