"""Local development: debug pages, and a fixed key so sessions survive restarts (never used live)."""

from .base import *

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-made-in-aachen-nord"
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# A missing page shows the site's own translated 404 page, as visitors see it; TECHNICAL_404=true
# brings back Django's debug 404 (the URL patterns tried) while DEBUG is on.
TECHNICAL_404 = env_bool("TECHNICAL_404", False)
# The bundled sample feed, which `load_demo` syncs too: "Katalog jetzt abgleichen" works out of
# the box. Only settings choose a local file; the admin cannot enter a source.
CATALOGUE_FEED_URL = CATALOGUE_FEED_URL or str(
    SITE_DIR / "catalogue" / "fixtures" / "sample" / "catalogue.json"
)
if not DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_MACHINE_TRANSLATOR
