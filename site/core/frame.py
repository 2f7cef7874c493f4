"""The page frame: main menu, footer, legal links and each language's home, cached per site and
language.

Every page shows the same frame, and working it out took a dozen queries a render (the menu and
footer snippets in the visitor's language, their links' pages in that language, the legal pages,
the home pages). It is kept in Django's cache as plain values, one entry per site and language,
under a version number that every change which could alter it replaces:

- a navigation, footer or site settings snippet published, unpublished or deleted, or one of
  their links saved or deleted (in the admin, by a translation, by code). These snippets keep
  drafts (`core.models.ReviewedSnippet`): saving a draft, submitting it for review or locking
  touches only bookkeeping columns and leaves the frame alone; the frame shows live rows only;
- any page saved, published, unpublished, moved or deleted (titles, slugs and live states are
  in the frame; a draft save replaces the version too, which costs one rebuild, never a stale
  frame);
- a Locale, a Site or a page's view restriction saved or deleted.

The same version covers what `core.routing` remembers to find a request's page (its site,
Locale, the page at a path, the private sections).

The version is replaced at once (so the rest of a request or test sees the change) and again
when the transaction commits (so a request that read the old rows in between cannot leave them
behind under the new version). With several server processes, the cache must be a shared one
(`REDIS_URL`) for a change to reach every process at once; `FRAME_CACHE_TIMEOUT` bounds how long a
process-local cache could keep an old frame, and 0 turns the cache off.
"""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core.i18n import forget, memoised

VERSION_KEY = "core:frame:version"


def _version() -> str:
    """The current version, read from the cache once per request."""

    def load():
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        return version

    return memoised(VERSION_KEY, load)


def _replace_version():
    cache.set(VERSION_KEY, uuid4().hex, None)
    forget(VERSION_KEY)


def invalidate(**kwargs):
    """Replace the frame's version now and once more when the transaction commits."""
    _replace_version()
    transaction.on_commit(_replace_version)


def reset():
    """Forget every cached frame (tests: a rolled-back transaction sends no signal)."""
    cache.delete(VERSION_KEY)
    forget(VERSION_KEY)


def _invalidate_for_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


# Columns a draft save, a workflow step or a lock writes on a reviewed snippet's row: none of
# them is shown to visitors.
DRAFT_BOOKKEEPING = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
)


def only_draft_bookkeeping(update_fields) -> bool:
    """Whether a save wrote nothing but a reviewed snippet's draft bookkeeping."""
    return bool(update_fields) and set(update_fields) <= DRAFT_BOOKKEEPING


def _invalidate_unless_draft(sender, instance, update_fields=None, **kwargs):
    if not only_draft_bookkeeping(update_fields):
        invalidate()


def frame_snippets():
    from core.models import Footer, Navigation, SiteSettings

    return (Navigation, Footer, SiteSettings)


def connect_signals():
    from core.models import FooterLink, NavigationItem

    for model in frame_snippets():
        name = model.__name__
        post_save.connect(_invalidate_unless_draft, sender=model, dispatch_uid=f"frame-save-{name}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"frame-delete-{name}")
        for signal in (published, unpublished):
            signal.connect(invalidate, sender=model, dispatch_uid=f"frame-{id(signal)}-{name}")
    for model in (NavigationItem, FooterLink, Locale, Site, PageViewRestriction):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"frame-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"frame-delete-{model.__name__}")
    # Pages come in many classes; one receiver for all saves and deletes, which checks the class.
    post_save.connect(_invalidate_for_page, dispatch_uid="frame-save-page")
    post_delete.connect(_invalidate_for_page, dispatch_uid="frame-delete-page")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"frame-{id(signal)}")


def frame(request) -> dict:
    """The frame for the request's site in the active language (worked out once per request)."""
    site = Site.find_for_request(request) if request is not None else None
    language = translation.get_language()

    return memoised(
        ("frame", site.pk if site else None, language),
        lambda: _cached(f"{site.pk if site else '-'}:{language}", build, request, site, language),
    )


def cache_enabled() -> bool:
    return bool(settings.FRAME_CACHE_TIMEOUT)


def _key(name: str, version: str | None = None) -> str:
    return f"core:frame:{version or _version()}:{name}"


def _cached(name, compute, *args):
    """`compute(*args)` from the cache under the frame's current version, or worked out and
    stored there."""
    if not cache_enabled():
        return compute(*args)
    key = _key(name)
    value = cache.get(key)
    if value is None:
        value = compute(*args)
        cache.set(key, value, settings.FRAME_CACHE_TIMEOUT)
    return value


def get_many(names) -> dict:
    """The values stored under these names (those there are), in one cache round trip."""
    version = _version()
    keys = {_key(name, version): name for name in names}
    return {keys[key]: value for key, value in cache.get_many(list(keys)).items()}


def store(name, value):
    """Keep `value` under `name` until the frame's version changes."""
    cache.set(_key(name), value, settings.FRAME_CACHE_TIMEOUT)


def build(request, site, language) -> dict:
    """The frame's values, all plain data (strings, lists, dicts) so that they cache well."""
    from core.models import Footer, Navigation, SiteSettings

    navigation = _for_language(Navigation, language)
    menu = []
    if navigation is not None:
        menu = _resolve_links(list(navigation.items.select_related("link_page")), request, language)
    footer = _for_language(Footer, language)
    footer_links = (
        _resolve_links(list(footer.links.select_related("link_page")), request, language)
        if footer
        else []
    )
    homes = _homes(site)
    home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
    site_settings = _for_language(SiteSettings, language)
    return {
        "menu": menu,
        "footer": {"about": footer.about, "contact": footer.contact} if footer else None,
        "settings": settings_values(site_settings),
        "footer_links": footer_links,
        "legal_pages": _legal_pages(language),
        # Each language's live home: its URL as the language switcher links it.
        "homes": {code: item["url"] for code, item in homes.items()},
        "home_url": home["home_url"] if home else "/",
    }


def index_url(model_label: str) -> str:
    """The `url` of the live index page of this type ("designers.StoryIndexPage") in the active
    language, "" when that language has none; cached like the frame (same version)."""
    language = translation.get_language()

    urls = memoised(
        ("index_urls", language), lambda: _cached(f"indexes:{language}", _index_urls, language)
    )
    return urls[model_label]


# Index pages that blocks and cards link to on every page (latest stories, product cards).
INDEX_PAGE_TYPES = [
    "products.ProductIndexPage",
    "designers.StoryIndexPage",
    "shop_links.RetailerIndexPage",
]


def _index_urls(language) -> dict[str, str]:
    from django.apps import apps

    urls = {}
    for label in INDEX_PAGE_TYPES:
        model = apps.get_model(label)
        page = model.objects.live().public().filter(locale__language_code=language).first()
        urls[label] = page.url if page else ""
    return urls


def _for_language(model, language):
    """The live snippet in the visitor's language, else the German one (never nothing when a
    live one exists)."""
    items = {
        obj.locale.language_code: obj
        for obj in model.objects.filter(live=True).select_related("locale")
    }
    return items.get(language) or items.get(settings.LANGUAGE_CODE)


def settings_values(site_settings) -> dict:
    """Contact details, profiles and the default social image's id, as plain values."""
    if site_settings is None:
        return {"address": "", "email": "", "phone": "", "profiles": [], "social_image_id": None}
    return {
        "address": site_settings.address,
        "email": site_settings.email,
        "phone": site_settings.phone,
        "profiles": site_settings.social_profiles(),
        "social_image_id": site_settings.default_social_image_id,
    }


def _resolve_links(items, request, language) -> list[dict]:
    """Label and `href` of each link: the linked page in the visitor's language when it is live
    there. One query for all links, where asking each page for its translation would take one each.
    """
    keys = {item.link_page.translation_key for item in items if item.link_page_id}
    localized = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=keys, locale__language_code=language
        )
    }
    links = []
    for item in items:
        if item.link_page_id:
            page = localized.get(item.link_page.translation_key, item.link_page)
            href = page.get_url(request) or ""
        else:
            href = item.link_url
        links.append({"label": item.label, "resolved_href": href})
    return links


def _legal_pages(language) -> list[dict]:
    """Impressum and Datenschutz in the visitor's language, else in German: always linked."""
    from core.models import LegalPage

    pages = {}
    for legal in LegalPage.objects.live().select_related("locale").order_by("kind"):
        code = legal.locale.language_code
        if code == language or (code == settings.LANGUAGE_CODE and legal.kind not in pages):
            pages[legal.kind] = legal
    return [
        {
            "url": pages[kind].url,
            "title": pages[kind].title,
            "locale": {"language_code": pages[kind].locale.language_code},
        }
        for kind in LegalPage.Kind.values
        if kind in pages
    ]


def _homes(site) -> dict[str, dict]:
    """The site root's live translations: for each language its URL as the language switcher
    links it (`url`) and as the wordmark links it (`home_url`)."""
    if site is None:
        return {}
    homes = {}
    for item in (
        Page.objects.live()
        .filter(translation_key=site.root_page.translation_key)
        .select_related("locale")
    ):
        url = item.get_url(None, current_site=site)
        homes[item.locale.language_code] = {"url": url, "home_url": item.url}
    return homes
