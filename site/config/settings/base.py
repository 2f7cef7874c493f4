"""Settings shared by every environment.

Everything that differs between machines comes from an environment variable (see `config.env`
and docs/configuration.md); the defaults here run the site with nothing to start by
hand: SQLite, media on local disk, a local-memory cache and e-mail printed to the console.
"""

from pathlib import Path

import dj_database_url
from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_str

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "catalogue",
    "shop_links",
    "products",
    "designers",
    "campaigns",
    "workplace",
    "easyread",
    "enquiries",
    "project",
    "results",
    "accessibility",
    "workshops",
    "events",
    "depot",
    "applications",
    "trade",
    "partner_feed",
    "demo",  # load_demo and its content: above every feature app, imported by none
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "core.health.LiveMiddleware",  # the liveness probe, whatever Host it sends (core/health.py)
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "workplace.middleware.TranslationLocaleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.TranslationFallbackMiddleware",
]
# No framing by other sites or ourselves; previews alone are SAMEORIGIN (core.middleware).
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a standard URL; SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index on PostgreSQL needs the contrib app on Django 6.1 (postgres.E005).
    INSTALLED_APPS.append("django.contrib.postgres")
    # A database that hangs (accepts the connection, never answers) must cost a request seconds,
    # not a worker: libpq gives up connecting after DB_CONNECT_TIMEOUT seconds, and the server
    # cancels any statement running longer than DB_STATEMENT_TIMEOUT milliseconds (0: no limit;
    # a long migration can run with DB_STATEMENT_TIMEOUT=0 in its environment).
    DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 10000)
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5))
    _db_options["options"] = (
        _db_options.get("options", "") + f" -c statement_timeout={DB_STATEMENT_TIMEOUT}"
    ).strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: a write-ahead log, so the site's readers never wait for a writer
    # (the task worker, a catalogue sync), and a commit syncs the log to disk at checkpoints
    # rather than at each transaction (`synchronous=NORMAL`: durable against a crashed process;
    # a power cut may lose the last commits, never corrupt the file).
    # Every transaction takes the write lock when it begins (`IMMEDIATE`) and waits up to
    # DB_SQLITE_TIMEOUT seconds for it: a transaction that read first and then writes would
    # otherwise fail at once with "database is locked" whenever another one committed in between
    # (the write-ahead log's stale-snapshot rule; the busy timeout cannot help it), as the enquiry
    # mail task did under twenty simultaneous posts.
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    _db_options.setdefault("transaction_mode", "IMMEDIATE")
    _db_options.setdefault("timeout", env_int("DB_SQLITE_TIMEOUT", 20))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless a Redis URL is given (Django's built-in Redis backend, through a
# subclass that answers "not cached" instead of raising while Redis is unreachable: core.cache).
# "pages" holds whole public pages (core.pagecache); "frame" what is kept under the content
# version (the page frame, routes, Locales, vocabularies: core.content_version); "fragments"
# the content-only parts of pages kept under it (core.fragments); "renditions" Wagtail's
# rendition lookups; "default" the small rest (rate limits, login lockouts, sessions).
# Apart, so that a render that makes many renditions, or a crawl through thousands of product
# pages that keeps their fragments, cannot push the frame, the routes or a lockout out of a
# process-local cache.
REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUT = float(env_str("REDIS_TIMEOUT", "0.5"))
# Seconds a process asks Redis nothing after a command failed (core.cache): a hung Redis costs
# one request REDIS_TIMEOUT per retry, not every cache call of every request.
REDIS_RETRY_AFTER = float(env_str("REDIS_RETRY_AFTER", "5"))
# Entries each process-local cache keeps (without Redis): the frame cache holds one route per
# visited address and language plus a frame per language (a few hundred for the demo site).
FRAME_CACHE_MAX_ENTRIES = env_int("FRAME_CACHE_MAX_ENTRIES", 5000)
RENDITION_CACHE_MAX_ENTRIES = env_int("RENDITION_CACHE_MAX_ENTRIES", 2000)
# Page fragments (a few per page and language: body, <head>, language links).
FRAGMENT_CACHE_MAX_ENTRIES = env_int("FRAGMENT_CACHE_MAX_ENTRIES", 3000)


def redis_caches(url: str) -> dict:
    redis = {
        "BACKEND": "core.cache.FailOpenRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
    }
    return {
        "default": redis,
        "pages": {**redis, "KEY_PREFIX": "pages"},
        "frame": {**redis, "KEY_PREFIX": "frame"},
        "fragments": {**redis, "KEY_PREFIX": "fragments"},
        "renditions": {**redis, "KEY_PREFIX": "renditions"},
    }


def local_caches(page_entries: int) -> dict:
    def local(location, entries=None):
        cache = {"BACKEND": "core.cache.LocalMemoryCache", "LOCATION": location}
        if entries is not None:
            cache["OPTIONS"] = {"MAX_ENTRIES": entries}
        return cache

    return {
        "default": local(""),
        "pages": local("pages", page_entries),
        "frame": local("frame", FRAME_CACHE_MAX_ENTRIES),
        "fragments": local("fragments", FRAGMENT_CACHE_MAX_ENTRIES),
        "renditions": local("renditions", RENDITION_CACHE_MAX_ENTRIES),
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = local_caches(env_int("PAGE_CACHE_MAX_ENTRIES", 2000))
# Page cache (core.pagecache): anonymous GET/HEAD requests of public pages, answered from the
# "pages" cache; any content change replaces the cache's generation (nothing stays stale).
# Seconds an entry may live (a process-local cache cannot hear other processes' changes, so
# its default is short); 0 turns the page cache off.
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 24 * 3600 if REDIS_URL else 300)
# Cache-Control of cacheable pages, for browsers (max-age) and a CDN in front (s-maxage, and
# how long it may serve an old copy while it fetches a new one or while the site fails).
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 0)
PAGE_CACHE_S_MAXAGE = env_int("PAGE_CACHE_S_MAXAGE", 300)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)
PAGE_CACHE_STALE_IF_ERROR = env_int("PAGE_CACHE_STALE_IF_ERROR", 24 * 3600)
# Wagtail's frontend-cache invalidation for a CDN or HTTP cache in front: "" (off), "edge" (the
# reference deployment's Varnish at FRONTEND_CACHE_LOCATION: every content change bans every
# page, core.edge), "http" (a PURGE per published page's URL), "cloudflare", "cloudfront".
FRONTEND_CACHE = env_str("FRONTEND_CACHE")
# Seconds the site waits for the edge to take a purge (a hung edge must not hold a publish).
FRONTEND_CACHE_TIMEOUT = env_int("FRONTEND_CACHE_TIMEOUT", 2)
FRONTEND_CACHE_BACKENDS = {
    "": {},
    "edge": {
        "default": {
            "BACKEND": "core.edge.EdgeBackend",
            "LOCATION": env_str("FRONTEND_CACHE_LOCATION", "http://127.0.0.1:6081"),
            "TIMEOUT": FRONTEND_CACHE_TIMEOUT,
        }
    },
    "http": {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_LOCATION"),
        }
    },
    "cloudflare": {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
        }
    },
    "cloudfront": {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env_str("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    },
}
if FRONTEND_CACHE not in FRONTEND_CACHE_BACKENDS:
    raise ImproperlyConfigured(
        f"FRONTEND_CACHE must be empty, edge, http, cloudflare or cloudfront, not {FRONTEND_CACHE!r}."
    )
WAGTAILFRONTENDCACHE = FRONTEND_CACHE_BACKENDS[FRONTEND_CACHE]
# Sessions (editors only: visitors get none): in the database, read through the cache when
# Redis is there, so a session survives a restart of Redis or of any app server.
SESSION_ENGINE = env_str(
    "SESSION_ENGINE",
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db",
)
# The page frame (menu, footer, legal links, homes) is cached per site and language and replaced
# on every change (core.frame); the timeout only bounds a process-local cache. 0: no frame cache.
FRAME_CACHE_TIMEOUT = env_int("FRAME_CACHE_TIMEOUT", 3600)

# Line sheets (products.line_sheet): the most products one PDF holds, and how long a made PDF is
# kept in the cache named (under the content version: a catalogue change makes the next a new one).
LINE_SHEET_MAX_PRODUCTS = env_int("LINE_SHEET_MAX_PRODUCTS", 300)
LINE_SHEET_CACHE = env_str("LINE_SHEET_CACHE", "default")
LINE_SHEET_CACHE_TIMEOUT = env_int("LINE_SHEET_CACHE_TIMEOUT", 24 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German is the default and the source of every translation.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("nl", "Nederlands"),
    ("fr", "Français"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them; English in the British form (see the module).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# The language is chosen by the URL prefix only: no language cookie is ever set for visitors.
LANGUAGE_COOKIE_NAME = "django_language"

# Static files (our own CSS and images; nothing from other hosts) and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Serve local media through Django (development and test servers only; production uses S3 or
# the web server in front).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # Documents are always private objects with short signed URLs: core/storage.py.
    DEFAULT_STORAGE = {
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            # `public-read` lets a CDN read images unsigned; documents stay private regardless.
            "default_acl": env_str("AWS_DEFAULT_ACL") or None,
            # An upload never replaces another file of the same name: renditions and originals
            # of different images must not overwrite each other.
            "file_overwrite": False,
            # A bucket that hangs costs seconds, not boto3's 60 s per read and its retries: an
            # upload, a rendition or a health check fails soon and the page goes on without it.
            "client_config": Config(
                s3={"addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None},
                connect_timeout=float(env_str("AWS_S3_CONNECT_TIMEOUT", "3")),
                read_timeout=float(env_str("AWS_S3_READ_TIMEOUT", "10")),
                retries={
                    "mode": "standard",
                    "total_max_attempts": env_int("AWS_S3_MAX_ATTEMPTS", 2),
                },
            ),
        },
    }
else:
    # A write that fails (disk full) leaves no partial file: core/storage.py.
    DEFAULT_STORAGE = {"BACKEND": "core.storage.FileSystemMediaStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# /health/ready/ probes the media storage at most once per interval (seconds) per process and
# counts it as failing when the probe takes longer than the deadline (core/health.py).
HEALTH_STORAGE_INTERVAL = env_int("HEALTH_STORAGE_INTERVAL", 30)
HEALTH_STORAGE_DEADLINE = float(env_str("HEALTH_STORAGE_DEADLINE", "5"))

# Security headers (all environments, so tests and browser checks see what production sends).
# Public pages: only this site's own scripts, styles, fonts and images; no inline code and no
# per-request nonce (pages are cached). Media on S3 or a CDN adds its origin to img-src. The
# click-to-load OpenStreetMap views are the only frames, loaded when a visitor asks for them.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url if "//" in url else f"https://{url}")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


MEDIA_ORIGINS = [
    origin
    for origin in (
        _origin(MEDIA_URL) if MEDIA_URL.startswith(("http://", "https://", "//")) else "",
        _origin(env_str("AWS_S3_CUSTOM_DOMAIN")) if env_str("AWS_S3_CUSTOM_DOMAIN") else "",
        _origin(env_str("AWS_S3_ENDPOINT_URL")) if AWS_STORAGE_BUCKET_NAME else "",
    )
    if origin
] + env_list("CSP_EXTRA_IMG_SRC")
MAP_FRAME_ORIGIN = "https://www.openstreetmap.org"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [MAP_FRAME_ORIGIN],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# A preview is the public page framed by the admin's preview panel: the public policy, framed by
# the site itself only (core.middleware.SecurityHeadersMiddleware).
PREVIEW_CSP = {**SECURE_CSP, "frame-ancestors": [CSP.SELF]}
# The Wagtail admin (and its previews) runs inline scripts and styles of its own and frames itself.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF, *MEDIA_ORIGINS],
    "frame-src": [CSP.SELF, MAP_FRAME_ORIGIN],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()"
)

# E-mail (Django 6.1 mailers): printed to the console unless an SMTP host is configured.
smtp_host = env_str("EMAIL_HOST")
if smtp_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": smtp_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Made in Aachen-Nord <hallo@made-in-aachen-nord.example>"
)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background tasks (Wagtail's own and ours): run inline by default; "database" queues them for
# `manage.py db_worker` (django-tasks-db).
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Made in Aachen-Nord"
# No avatars from gravatar.com: the admin never sends editors' e-mail hashes to another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Review e-mails: the Moderators group hears of each submission, the submitter of approval or
# requested changes. Superusers are left out unless asked for: reviewing is the moderators' job.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env_str(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
WAGTAILADMIN_NOTIFICATION_USE_HTML = env_bool("WAGTAILADMIN_NOTIFICATION_USE_HTML", False)
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool(
    "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", False
)
# Wagtail's database search; on PostgreSQL each language is indexed and searched with its own
# text search configuration (stemming, stop words): see core/search_backend.py.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "core.search_backend",
        "LANGUAGE_CONFIGS": {"de": "german", "en": "english", "nl": "dutch", "fr": "french"},
    }
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 15 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
# libavif encoder speed for AVIF renditions (0 slowest/smallest … 10 fastest); see core/images.py.
AVIF_ENCODER_SPEED = env_int("AVIF_ENCODER_SPEED", 8)
# Uploads: raster images only (an SVG can carry script), office and text documents only (no
# HTML, SVG or JavaScript). Documents go through Django's serve view, also from S3, so every
# one is sent as an attachment (never shown inline, not even a PDF) with `nosniff`; a document
# whose content does not match its extension is refused, and so is any upload while the media
# storage does not answer (core/uploads.py).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.ImageForm"
# Request bodies: form fields at most 2.5 MB in memory (Django's default); uploaded files above
# this size are spooled to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Fields in one request (query string or form), Django's default: parsing many thousands of
# fields costs a worker CPU for nothing, so a post with more is answered 400 (`core.views.
# bad_request`). The longest demo page's editor posts 340 (the campaign page; measured in
# Chromium, tests/browser/test_admin_limits.py): a page three times that long must be split.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Logs go to standard error: plain lines ("text", the default), or one JSON object per line
# ("json", production's default; core/logs.py) with a stable `event` field and no personal data.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger would write client addresses and paths of 404s; keep warnings only.
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "django.server": {"level": "WARNING" if not DEBUG else "INFO"},
    },
}

# ---------------------------------------------------------------------------------------------
# Catalogue sync (catalogue/sync/, `manage.py sync_catalogue`; see docs/catalogue-sync.md)
# ---------------------------------------------------------------------------------------------
# The feed the admin's "Sync now" and a bare `sync_catalogue` read: a URL or a file path (dev
# defaults to the bundled sample feed; production and tests to none).
CATALOGUE_FEED_URL = env_str("CATALOGUE_FEED_URL")
# A run that would hide more than this share of the live products stops before it changes
# anything (a truncated export looks like a valid one); `--force` overrides it.
CATALOGUE_MAX_ARCHIVE_SHARE = float(env_str("CATALOGUE_MAX_ARCHIVE_SHARE", "0.2"))
# Seconds to wait for the feed server to connect and for each read (feed and images).
CATALOGUE_HTTP_TIMEOUT = env_int("CATALOGUE_HTTP_TIMEOUT", 30)
# Seconds the whole feed download may take, and each image's: a server that keeps sending a
# byte now and then is abandoned then (the run is refused, or the product skipped).
CATALOGUE_FEED_DEADLINE = env_int("CATALOGUE_FEED_DEADLINE", 300)
CATALOGUE_IMAGE_DEADLINE = env_int("CATALOGUE_IMAGE_DEADLINE", 60)
# Feed and images come only from public addresses (checked after DNS and for every redirect).
# Exceptions are exact "address:port" pairs ("[::1]:8000" for IPv6) - the tests' loopback feed
# server; stays empty in production.
CATALOGUE_FETCH_ALLOW_INTERNAL: list[str] = []
# While a run works it notes the time every so many seconds; a run killed mid-way (SIGKILL, OOM,
# a deploy) is later shown as abandoned at its last note.
CATALOGUE_SYNC_HEARTBEAT = env_int("CATALOGUE_SYNC_HEARTBEAT", 15)
# Products compared, fetched and written together (queries per chunk are fixed).
CATALOGUE_SYNC_CHUNK = 500
CATALOGUE_MAX_FEED_BYTES = env_int("CATALOGUE_MAX_FEED_BYTES", 200 * 1024 * 1024)
# Product photos are checked like an editor's upload: this size cap, then Wagtail's own checks.
CATALOGUE_MAX_IMAGE_BYTES = env_int("CATALOGUE_MAX_IMAGE_BYTES", WAGTAILIMAGES_MAX_UPLOAD_SIZE)
CATALOGUE_IMAGE_WORKERS = env_int("CATALOGUE_IMAGE_WORKERS", 8)
CATALOGUE_IMAGE_COLLECTION = "Katalog"
# True adds new product photos to the admin's image search index at the end of a run (slow for
# thousands of photos; they are in the "Katalog" collection either way, and `update_index` adds them).
CATALOGUE_INDEX_IMAGES = env_bool("CATALOGUE_INDEX_IMAGES", False)
# Designer pages are found by the catalogue's designer ref without importing their app.
CATALOGUE_DESIGNER_PAGE_MODEL = "designers.DesignerPage"
CATALOGUE_DESIGNER_REF_FIELD = "catalogue_ref"
# Stockist links and retailer websites must be https; true also accepts plain http.
SHOP_LINKS_ALLOW_HTTP = env_bool("SHOP_LINKS_ALLOW_HTTP", False)
# UTM parameters added to every outbound shop link (existing parameters are kept).
SHOP_LINKS_UTM_SOURCE = env_str("SHOP_LINKS_UTM_SOURCE", "made-in-aachen-nord")
SHOP_LINKS_UTM_CAMPAIGN = env_str("SHOP_LINKS_UTM_CAMPAIGN", "where-to-buy")
# On PostgreSQL, counting a click waits at most this long for a lock, then gives up (the visitor
# is redirected either way, the click is not counted and a warning is logged).
SHOP_LINKS_COUNT_LOCK_TIMEOUT_MS = env_int("SHOP_LINKS_COUNT_LOCK_TIMEOUT_MS", 500)
# The link checker (`manage.py check_shop_links`): seconds to wait for a shop to connect and to
# answer each request; failed checks in a row before a link counts as broken; parallel checks (one
# at a time per host); longest "Retry-After" a shop may ask for before it is checked again.
SHOP_LINKS_CHECK_TIMEOUT = float(env_str("SHOP_LINKS_CHECK_TIMEOUT", "8"))
SHOP_LINKS_BROKEN_AFTER = env_int("SHOP_LINKS_BROKEN_AFTER", 3)
SHOP_LINKS_CHECK_WORKERS = env_int("SHOP_LINKS_CHECK_WORKERS", 4)
SHOP_LINKS_MAX_RETRY_AFTER = env_int("SHOP_LINKS_MAX_RETRY_AFTER", 24 * 3600)
# The link checker never requests an address that resolves to a loopback, private, link-local or
# reserved address (nor follows a redirect there). Exceptions are exact "address:port" pairs (the
# tests' loopback shops); stays empty in production, like CATALOGUE_FETCH_ALLOW_INTERNAL.
SHOP_LINKS_CHECK_ALLOW_INTERNAL: list[str] = []

# New translations start as drafts, whatever the German page's state (wagtail-localize would
# publish a translation of a live page at once); workplace/translations.py holds the other paths.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation in wagtail-localize's editor ("Translate with DeepL"): DeepL when a key is
# set (keys ending in ":fx" use DeepL's free API); development and tests use wagtail-localize's
# dummy translator (it reverses the words), production without a key offers none.
DEEPL_API_KEY = env_str("DEEPL_API_KEY")
DUMMY_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    "OPTIONS": {},
}
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "FORMALITY": env_str("DEEPL_FORMALITY", "default")},
    }

# ---------------------------------------------------------------------------------------------
# Enquiries (enquiries/, see docs/enquiries.md)
# ---------------------------------------------------------------------------------------------
# Spam rules: a post sooner than this many seconds after the form was shown is a bot's.
ENQUIRY_MIN_SECONDS = env_int("ENQUIRY_MIN_SECONDS", 3)
# A form older than this (seconds) is shown again, filled in, to be sent once more.
ENQUIRY_FORM_MAX_AGE = env_int("ENQUIRY_FORM_MAX_AGE", 2 * 24 * 3600)
# At most this many stored enquiries per client address per window (seconds), on the cache.
ENQUIRY_RATE_LIMIT = env_int("ENQUIRY_RATE_LIMIT", 5)
ENQUIRY_RATE_WINDOW = env_int("ENQUIRY_RATE_WINDOW", 3600)
ENQUIRY_RATE_CACHE = env_str("ENQUIRY_RATE_CACHE", "default")  # an alias in CACHES

# The product feed for partners (partner_feed/, docs/partner-feed.md): products per page, and
# requests per key (or per client address where the feed is public) per window of seconds.
PARTNER_FEED_PAGE_SIZE = env_int("PARTNER_FEED_PAGE_SIZE", 500)
PARTNER_FEED_RATE_LIMIT = env_int("PARTNER_FEED_RATE_LIMIT", 60)
PARTNER_FEED_RATE_WINDOW = env_int("PARTNER_FEED_RATE_WINDOW", 60)
PARTNER_FEED_RATE_CACHE = env_str("PARTNER_FEED_RATE_CACHE", "default")  # an alias in CACHES
# Proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR); the admin
# login's lockout reads the client address the same way (core.ratelimit).
ENQUIRY_PROXY_COUNT = env_int("ENQUIRY_PROXY_COUNT", 0)

# The admin login (core.admin_login): failures per account and per client address before both
# are locked out for ADMIN_LOGIN_LOCKOUT_SECONDS; counted in ADMIN_LOGIN_CACHE.
ADMIN_LOGIN_FAILURES_PER_ACCOUNT = env_int("ADMIN_LOGIN_FAILURES_PER_ACCOUNT", 5)
ADMIN_LOGIN_FAILURES_PER_ADDRESS = env_int("ADMIN_LOGIN_FAILURES_PER_ADDRESS", 20)
ADMIN_LOGIN_LOCKOUT_SECONDS = env_int("ADMIN_LOGIN_LOCKOUT_SECONDS", 900)
ADMIN_LOGIN_CACHE = env_str("ADMIN_LOGIN_CACHE", "default")  # an alias in CACHES
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin_login.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.admin_login.PasswordResetForm"  # noqa: S105 (a class)
# Largest request body accepted by the form endpoint, and the longest answers.
ENQUIRY_MAX_BODY_BYTES = env_int("ENQUIRY_MAX_BODY_BYTES", 128 * 1024)
# A post of a kind that accepts files (designer applications): the whole body at most this; a
# larger one gets the form back with a message (under nginx's client_max_body_size, 20m).
ENQUIRY_MAX_UPLOAD_BYTES = env_int("ENQUIRY_MAX_UPLOAD_BYTES", 19 * 1024 * 1024)
# Designer applications (applications): files per application, bytes per file and together,
# pixels per image.
APPLICATION_MAX_FILES = env_int("APPLICATION_MAX_FILES", 5)
APPLICATION_MAX_FILE_BYTES = env_int("APPLICATION_MAX_FILE_BYTES", 8 * 1024 * 1024)
APPLICATION_MAX_TOTAL_BYTES = env_int("APPLICATION_MAX_TOTAL_BYTES", 15 * 1024 * 1024)
APPLICATION_MAX_PIXELS = env_int("APPLICATION_MAX_PIXELS", 40_000_000)
ENQUIRY_MAX_LINE_LENGTH = env_int("ENQUIRY_MAX_LINE_LENGTH", 200)
ENQUIRY_MAX_TEXT_LENGTH = env_int("ENQUIRY_MAX_TEXT_LENGTH", 5000)
# Staff addresses when a form page names none (comma-separated).
ENQUIRY_NOTIFY_FALLBACK = env_list("ENQUIRY_NOTIFY_FALLBACK")
ENQUIRY_MAIL_MAX_ATTEMPTS = env_int("ENQUIRY_MAIL_MAX_ATTEMPTS", 8)
# Default age (days) for `manage.py purge_enquiries`.
ENQUIRY_RETENTION_DAYS = env_int("ENQUIRY_RETENTION_DAYS", 365)
