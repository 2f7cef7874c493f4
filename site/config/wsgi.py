"""WSGI entry point for gunicorn: `gunicorn config.wsgi` with `site/` on the Python path."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# This release's digest (`core.release`, about 70 ms) while the worker starts, not in its first
# visitor's request.
from core import release  # noqa: E402 - after Django is set up

release.fingerprint()
