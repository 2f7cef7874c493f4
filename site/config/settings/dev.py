"""Local development: debug pages, and a fixed key so sessions survive restarts (never used live)."""

from .base import *

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-made-in-aachen-nord"
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
if not DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_MACHINE_TRANSLATOR
