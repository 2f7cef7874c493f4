"""The page frame: main menu, footer, legal links and each language's home, cached per site and
language.

Every page shows the same frame, and working it out took a dozen queries a render (the menu and
footer snippets in the visitor's language, their links' pages in that language, the legal pages,
the home pages). It is kept in Django's "frame" cache as plain values in five parts per site and
language (`PARTS`: the menu, the footer, the settings, the legal pages, the homes), each under
the structure version (`core.content_version`) with what working it out read
(`cached(..., reads=True)`, `core.dependencies`), so a change replaces only the parts that read
it: a menu entry renamed, its menu; the settings published, the settings (and the `<head>`
fragments that use them). A part is asked for again wherever it is used (`Frame`), and counts as
read by the fragment it is used in, not by every later one (`aside=True`): the menu in the header
ties no fragment of the page to the menu. Within the menu and the footer, the addresses of the
pages they link are kept on their own (`_page_hrefs`, with those pages' reads): a menu entry
renamed reads the entries again, not the pages.

What replaces a part: a navigation, footer or site settings snippet published, unpublished or
deleted, one of their links saved or deleted (the rows of their tables), a page moved or given
another slug or address, a Locale, a Site or a view restriction saved or deleted (the structure
version); what it read by a change of the tree that touches it: a linked page (or one of its
translations) retitled, published or unpublished, a legal page created or retitled. An editor's
content edit (a page published with its title and address unchanged) keeps it, and so does a new
story or any change of a page the frame does not show: the frame shows no page's content, only
titles and addresses. These snippets keep drafts (`core.models.ReviewedSnippet`): saving a draft,
submitting it for review or locking touches only bookkeeping columns and leaves the frame alone;
the frame shows live rows only.

`FRAME_CACHE_TIMEOUT` bounds how long a process-local cache could keep an old frame, and 0 turns
the cache off. `invalidate`, `reset`, `cached`, `get_many`, `store` and `cache_enabled` are the
content version's, importable from here as before.
"""

import hashlib
import logging
from collections.abc import Mapping
from functools import lru_cache
from operator import attrgetter

from django.conf import settings
from django.db.models import F
from django.utils import translation
from wagtail.models import Page, Site

from core.compiled import CompiledValues
from core.content_version import (  # noqa: F401 - kept here for the frame's callers
    cache_enabled,
    cached,
    do_not_keep,
    frame_cache,
    get_many,
    invalidate,
    kept_many,
    prefetch,
    reset,
    store,
)
from core.content_version import current as _version  # noqa: F401 - read by tests/workplace
from core.i18n import memoised
from core.localized import in_language_else_german, lang_mark
from core.registry import index_page_types

logger = logging.getLogger(__name__)


# Which part of the frame holds each of its values: each part is kept apart, with what it read,
# so that a menu entry renamed leaves the footer, the settings (and the `<head>` fragments that
# use them) and the homes in place.
PARTS = {
    "menu": "menu",
    "footer": "footer",
    "footer_links": "footer",
    "settings": "settings",
    "legal_pages": "legal",
    "homes": "homes",
    "home_url": "homes",
}


class Frame(Mapping):
    """The frame's values by name (plain data: strings, lists, dicts, so that they cache well),
    each part worked out or read from the cache when first asked for (once per request), and
    counted as read where it is used."""

    def __init__(self, request, site, language):
        self.request, self.site, self.language = request, site, language

    def _key(self, part: str) -> str:
        return f"{self.site.pk if self.site else '-'}:{self.language}:{part}"

    def __getitem__(self, name):
        # The parts a page asks for one by one, read from the cache in one round trip.
        memoised(
            ("frame-prefetched", self._key("")),
            lambda: prefetch([self._key(part) for part in dict.fromkeys(PARTS.values())]),
            record=False,
        )
        part = PARTS[name]
        key = self._key(part)
        values = cached(
            key,
            _PART_BUILDERS[part],
            self.request,
            self.site,
            self.language,
            reads=True,
            aside=True,
        )
        return values[name]

    def __iter__(self):
        return iter(PARTS)

    def __len__(self):
        return len(PARTS)


def frame(request) -> Frame:
    """The frame for the request's site in the active language (each part worked out once per
    request)."""
    site = Site.find_for_request(request) if request is not None else None
    return Frame(request, site, translation.get_language())


def _menu(request, site, language) -> dict:
    """The entries of the live main menu in the visitor's language, else of the German one
    (of the first such navigation an editor made): one query, which reads no page (the linked
    pages' addresses are kept apart, `_page_hrefs`: a menu entry renamed leaves them)."""
    items = _menu_query(language).rows()
    first_by_language = {}
    for item in items:
        first_by_language.setdefault(item["menu_language"], item["navigation_id"])
    shown = first_by_language.get(language, first_by_language.get(settings.LANGUAGE_CODE))
    return {
        "menu": _resolve_links(
            [item for item in items if item["navigation_id"] == shown], request, language
        )
    }


@lru_cache(maxsize=32)
def _menu_query(language) -> CompiledValues:
    """The query of `_menu`'s entries, built once per language and process and its SQL once per
    database (`core.compiled`): building a query (its joins, filters and columns) costs Django
    more than running it, and a menu entry renamed runs it at the next request in every
    language."""
    from core.models import NavigationItem

    return CompiledValues(
        _link_values(
            NavigationItem.objects.filter(
                navigation__live=True,
                navigation__locale__language_code__in=sorted({language, settings.LANGUAGE_CODE}),
            )
            .annotate(menu_language=F("navigation__locale__language_code"))
            .order_by("navigation_id", "sort_order"),
            "navigation_id",
            "menu_language",
        )
    )


def _footer(request, site, language) -> dict:
    from core.models import Footer

    footer = _for_language(Footer, language)
    footer_links = _resolve_links(_links(footer.links), request, language) if footer else []
    return {
        "footer": {"about": footer.about, "contact": footer.contact} if footer else None,
        "footer_links": footer_links,
    }


def _settings(request, site, language) -> dict:
    from core.models import SiteSettings

    settings_in_language = settings_values(_for_language(SiteSettings, language))
    keep_for_error_pages("funding", language, settings_in_language["funding"])
    return {"settings": settings_in_language}


def _legal(request, site, language) -> dict:
    return {"legal_pages": _legal_pages(language)}


def _home_values(request, site, language) -> dict:
    homes = _homes(site)
    home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
    return {
        # Each language's live home: its URL as the language switcher links it.
        "homes": {code: item["url"] for code, item in homes.items()},
        "home_url": home["home_url"] if home else "/",
    }


_PART_BUILDERS = {
    "menu": _menu,
    "footer": _footer,
    "settings": _settings,
    "legal": _legal,
    "homes": _home_values,
}


def index_url(model_label: str) -> str:
    """The `url` of the live index page of this type ("app_label.ModelName", one that its app
    registered in `index_page_types`, see `core.registry`) in the active language, "" when that
    language has none; cached like the frame (same version)."""
    language = translation.get_language()

    # The key names the registered types: after a deploy that registers a new one, a list kept
    # by the code before it (in Redis, under the same structure version) is not read.
    types = hashlib.blake2b("|".join(index_page_types()).encode(), digest_size=6).hexdigest()
    urls = cached(f"indexes:{language}:{types}", _index_urls, language, reads=True)
    return urls.get(model_label, "")


def _index_urls(language) -> dict[str, str]:
    """Every registered index type's URL in `language`, in one query (after a structural change
    the first render works this out: it was a query or two per type)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    labels = index_page_types()
    models = {label: apps.get_model(label) for label in labels}
    content_types = ContentType.objects.get_for_models(*models.values())
    label_of = {content_types[model].pk: label for label, model in models.items()}
    urls = dict.fromkeys(labels, "")
    pages = (
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, content_type_id__in=label_of)
        .only("url_path", "content_type_id", "depth", "path")
        .order_by("path")
    )
    for page in pages:
        label = label_of[page.content_type_id]
        # The first one a visitor can reach: a page outside every site's tree has no URL.
        if not urls[label]:
            urls[label] = page.url or ""
    keep_for_error_pages("index_urls", language, urls)
    return urls


def _for_language(model, language):
    """The live snippet in the visitor's language, else the German one (never nothing when a
    live one exists)."""
    rows = model.objects.filter(live=True).select_related("locale")
    return in_language_else_german(rows, language, key=lambda row: "row").get("row")


def settings_values(site_settings) -> dict:
    """Contact details, profiles, the default social image's id and the funding notice, as plain
    values."""
    if site_settings is None:
        return {
            "address": "",
            "email": "",
            "phone": "",
            "profiles": [],
            "social_image_id": None,
            "funding": None,
        }
    return {
        "address": site_settings.address,
        "email": site_settings.email,
        "phone": site_settings.phone,
        "profiles": site_settings.social_profiles(),
        "social_image_id": site_settings.default_social_image_id,
        "funding": funding_values(site_settings),
    }


# The logo's rendition: at most 160 px high, shown at 48 px (phones) to 64 px, sharp at 2x.
FUNDING_LOGO_FILTER = "max-480x160"


def funding_values(site_settings) -> dict | None:
    """The funding notice (rich text, rendered) and its logos ({"src", "width", "height", "alt",
    "href", "statement"}, in the editor's order), in the settings' language. None when there is
    neither."""
    from wagtail.rich_text import RichText

    from core.images import prefetch_renditions

    logos = []
    # `.all()` (in memory for the admin's preview of settings not yet saved); the images and
    # their renditions in one query each.
    rows = [row for row in site_settings.funding_logos.all().select_related("image") if row.image]
    prefetch_renditions([row.image for row in rows])
    for logo in rows:
        rendition = logo_rendition(logo.image)
        logos.append(
            {
                # No rendition (the media storage failed): the alt text stands in as text.
                "src": rendition.url if rendition else "",
                "width": rendition.width if rendition else None,
                "height": rendition.height if rendition else None,
                "alt": logo.alt_text,
                "href": logo.link,
                "statement": logo.statement,
            }
        )
    if not site_settings.funding_notice and not logos:
        return None
    return {
        "notice": str(RichText(site_settings.funding_notice))
        if site_settings.funding_notice
        else "",
        "logos": logos,
        # `lang` for German standing in where the visitor's language has no live settings.
        "lang": lang_mark(site_settings.locale.language_code),
    }


def _error_page_key(name: str, language: str) -> str:
    return f"core:error-page:{name}:{language}"


def keep_for_error_pages(name: str, language: str, value) -> None:
    """Keep a value of the frame as it was last worked out ("funding": the funding notice,
    "index_urls": the registered index pages' URLs), for the pages that cannot work it out: the
    500, 503 and 400 pages render without the database (`core.views.server_error`), and the
    funding rules ask for the notice on every page, as the statement's link and the easy-read
    link are owed on every page. Kept without a version or expiry (written each time the value is
    worked out, so it follows every published change); a failing cache only leaves the error
    pages without it."""
    if not cache_enabled():
        return
    try:
        frame_cache().set(_error_page_key(name, language), {"value": value}, None)
    except Exception:  # the frame must not fail for the error pages' copy
        logger.warning("%s not kept for the error pages", name, exc_info=True)


ERROR_PAGE_VALUES = ("funding", "index_urls")


def kept_for_error_pages(language: str) -> dict:
    """What the frame last worked out in `language` for the error pages: `funding` (else the
    German one) and `index_urls`, and the German `german_index_urls` (for pages that exist in
    German only, or stand in for a language without them). Reads the cache only, never the
    database, and never raises: what is missing is None or {}."""
    german = settings.LANGUAGE_CODE
    keys = [
        _error_page_key(name, code) for name in ERROR_PAGE_VALUES for code in (language, german)
    ]
    try:
        found = frame_cache().get_many(keys)
    except Exception:  # an error page must render whatever the cache does
        found = {}

    def value(name, code):
        kept = found.get(_error_page_key(name, code))
        return kept["value"] if kept else None

    return {
        "funding": value("funding", language) or value("funding", german),
        "index_urls": value("index_urls", language) or {},
        "german_index_urls": value("index_urls", german) or {},
    }


def logo_rendition(image):
    """The logo's rendition, or None where it cannot be made (`core.images.rendition_or_none`:
    the frame is worked out outside the image tags, so it leaves the image out the way they do);
    the frame built without it is served but not kept, so the logo is back once the storage is."""
    from core.images import rendition_or_none

    rendition = rendition_or_none(image, FUNDING_LOGO_FILTER)
    if rendition is None:
        do_not_keep()
    return rendition


# What `_resolve_links` reads of a link, and of a linked page: its URL needs its `url_path` only.
_LINK_FIELDS = ("label", "link_url", "link_page_id")
_LINKED_PAGE_FIELDS = ("url_path", "translation_key", "locale_id", "live")


def _link_values(items, *fields):
    """A menu's or footer's links (`LinkFields` rows) as plain values: what `_resolve_links`
    reads of them, and `fields`. Their pages are not read here: the addresses of the pages a
    menu links are kept apart (`_page_hrefs`), so a menu entry renamed reads its entries only."""
    return items.values(*_LINK_FIELDS, *fields)


def _links(items, *fields) -> list[dict]:
    """`_link_values`, read."""
    return list(_link_values(items, *fields))


def _resolve_links(items, request, language) -> list[dict]:
    """Label and `href` of each link (`_links`): the linked page's address as `_page_hrefs`
    gives it, or the link's own URL; left out when it has neither (a page no visitor can
    reach)."""
    page_ids = sorted({item["link_page_id"] for item in items if item["link_page_id"]})
    hrefs = _page_hrefs(request, language, page_ids) if page_ids else {}
    links = []
    for item in items:
        href = hrefs.get(item["link_page_id"], "") if item["link_page_id"] else item["link_url"]
        if href:
            links.append({"label": item["label"], "resolved_href": href})
    return links


def _page_hrefs(request, language, page_ids) -> dict[int, str]:
    """{page id: the address a link to it leads a visitor of `language` to} for these pages,
    each kept on its own (`kept_many`, per site, language and page) with what working it out
    read of that page and its translations (`Reads.of_pages`), whose titles, liveness and
    places replace it; not the menu or footer that links them (a menu entry renamed keeps them
    all), nor the other pages linked (a new slug of one works out that one's address again,
    not the others'). Those not kept are worked out together, in the queries of one."""
    site = Site.find_for_request(request) if request is not None else None
    prefix = f"{site.pk if site else '-'}:{language}:href:"
    concerns = {}

    def work_out(names) -> dict[str, str]:
        ids = [int(name.removeprefix(prefix)) for name in names]
        hrefs = _work_out_page_hrefs(request, language, ids, concerns)
        return {f"{prefix}{pk}": hrefs.get(pk, "") for pk in ids}

    def reads_of(name, reads):
        pk = int(name.removeprefix(prefix))
        return reads.of_pages(*concerns.get(pk, ({pk}, ())))  # a page gone: its id, asked

    found = kept_many([f"{prefix}{pk}" for pk in page_ids], work_out, reads_of=reads_of)
    return {pk: href for pk in page_ids if (href := found[f"{prefix}{pk}"])}


def _work_out_page_hrefs(request, language, page_ids, concerns=None) -> dict[int, str]:
    """The linked page in the visitor's language when it is live there, else the linked page
    itself when it is live, else its German page when that is live (an editor linked the French
    page, which is unpublished now); none (no key) when no such page is live.

    A link to a live page in the visitor's language already (the German menu's, or a menu
    translated with its links) is that page; the others are looked up in one query for all,
    where asking each page for its translation would take one each.

    `concerns`, a dict, receives for each linked page (page ids, translation keys): the pages
    read and the translation keys looked up that decide its address (`_page_hrefs`).
    """
    from core.routing import locale_for_language

    locale = locale_for_language(language)

    def at_home(page) -> bool:
        return locale is not None and page.locale_id == locale.pk and page.live

    linked = list(Page.objects.filter(pk__in=page_ids).only(*_LINKED_PAGE_FIELDS))
    keys = {page.translation_key for page in linked if not at_home(page)}
    found = {}
    if keys:
        languages = {language, settings.LANGUAGE_CODE}
        for page in (
            Page.objects.live()
            .filter(translation_key__in=keys, locale__language_code__in=languages)
            .only(*_LINKED_PAGE_FIELDS)
        ):
            found[page.translation_key, page.locale_id == getattr(locale, "pk", None)] = page
    hrefs = {}
    concerns = {} if concerns is None else concerns
    for page in linked:
        if at_home(page):
            shown = page
            concerns[page.pk] = ({page.pk}, ())
        else:
            key = page.translation_key
            here, german = found.get((key, True)), found.get((key, False))
            # Its German page stands in where neither it nor its translation here is live.
            shown = here or (page if page.live else None) or german
            concerns[page.pk] = ({page.pk, *(t.pk for t in (here, german) if t)}, (key,))
        href = (shown.get_url(request) or "") if shown is not None else ""
        if href:  # a page no visitor can reach (not live, outside the site) has none
            hrefs[page.pk] = href
    return hrefs


def _legal_pages(language) -> list[dict]:
    """Impressum and Datenschutz in the visitor's language, else in German: always linked."""
    from core.models import LegalPage

    rows = LegalPage.objects.live().select_related("locale").order_by("kind", "path")
    pages = in_language_else_german(
        # Only pages a visitor can reach: one outside every site's tree has no URL.
        (page for page in rows if page.url),
        language,
        key=attrgetter("kind"),
    )
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
