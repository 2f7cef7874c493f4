"""Tests: fast hashers, local-memory cache, plain static files, tasks run at once."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = local_caches(None)  # as without Redis (the page cache at Django's 300 entries)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://testserver")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".tmp" / "test-media")))
# Static files straight from the source folders, so a test server needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
AVIF_ENCODER_SPEED = 10
# Never DeepL in tests (no outside network): the dummy translator, whatever the environment says.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_MACHINE_TRANSLATOR
