"""Which language versions of a page exist, and where each language's visitors should go.

Also the request memo: values worked out once per request (the visitor's `Locale` above all,
which Wagtail would otherwise look up again for every `Locale.get_active()` and `.localized`).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core import dependencies

_request_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


@contextmanager
def request_memo(address: str | None = None):
    """A memo that lives as long as one request (see `core.middleware.RequestMemoMiddleware`),
    for the request of `address` (its path and query string: `request_address`).

    Only what cannot change while a page is rendered goes in it; outside a request (commands,
    tasks, tests that call code directly) nothing is memoised.
    """
    token = _request_memo.set({_ADDRESS: address})
    try:
        yield
    finally:
        _request_memo.reset(token)


_ADDRESS = "core.i18n:address"


def in_request() -> bool:
    """Whether a reading request's memo is open (`request_memo`)."""
    return _request_memo.get() is not None


def request_address() -> str | None:
    """The path and query string of the reading request (None outside one)."""
    memo = _request_memo.get()
    return memo.get(_ADDRESS) if memo is not None else None


def memoised(key, compute, record=True):
    """`compute()`, worked out once per request for `key` (every time outside a request). What
    working it out read (`core.dependencies`) counts as read again by every recording that uses
    it later in the request: a value kept with its reads (a product card, the frame) that uses
    a label or an alt text the page had looked up before depends on it too. `record=False`: for
    a value that notes its reads itself (`content_version.cached`), or reads no rows."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if not record:
        if key not in memo:
            memo[key] = compute()
        return memo[key]
    if key in memo:
        reads = memo.get((_READS, key))
        if reads is not None:
            dependencies.note(reads)
        return memo[key]
    value, reads = dependencies.with_reads(compute)
    memo[key] = value
    if reads is not None:
        memo[(_READS, key)] = reads
    return value


_READS = "core.i18n:reads"


def forget(key):
    """Drop `key` from this request's memo (a value the request itself has just changed)."""
    memo = _request_memo.get()
    if memo is not None:
        memo.pop(key, None)


def share_locale(obj):
    """Give `obj.locale` the Locale this request already looked up, instead of a query."""
    memo = _request_memo.get()
    if memo is None or obj.locale_id is None or "locale" in obj._state.fields_cache:
        return
    locale = memo.get(("locale", obj.locale_id))
    if locale is None:
        from core.routing import locale_by_id

        locale = locale_by_id(obj.locale_id)
    if locale is not None:
        obj.locale = locale


def patch_locale_lookups():
    """Let Wagtail's `Locale.objects.get_for_language` (behind `Locale.get_active()`,
    `Locale.get_default()` and every `.localized`) answer from the request memo.

    A page render asked for the same Locale six to ten times, one query each. Locales only change
    in the admin's locale views, which are POST requests: the memo is off for those (see the
    middleware), so a Locale added or removed there is never remembered wrongly.

    A patch of Wagtail's `LocaleManager.get_for_language(self, language_code)`, checked against
    Wagtail 8.0.1: `Locale.objects` is Wagtail's manager, which no setting or subclass of ours
    can replace. Outside a request, and for what is not remembered, Wagtail's method answers.
    The replacement keeps it as `replaces`; tests/core/test_wagtail_patches.py fails when its
    signature changes or it disappears.
    """
    manager_class = type(Locale.objects)
    original = manager_class.get_for_language
    if getattr(original, "memoised", False):
        return

    def get_for_language(self, language_code):
        memo = _request_memo.get()
        if memo is None:
            return original(self, language_code)
        key = ("locale", language_code)
        if key not in memo:
            from core.routing import locale_for_language

            # The remembered Locale (see core.routing), else the query, which raises DoesNotExist.
            locale = locale_for_language(language_code) or original(self, language_code)
            memo[key] = memo[("locale", locale.pk)] = locale
        return memo[key]

    get_for_language.memoised = True
    get_for_language.replaces = original
    manager_class.get_for_language = get_for_language


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    has_page: bool  # False: the page is not live in this language, the link goes to that home page


def locale_home(site: Site | None, language_code: str) -> Page | None:
    """The live home page of a language, or None when that language has none."""
    if site is None:
        return None
    root = site.root_page
    if root.locale.language_code == language_code:
        return root if root.live else None
    return (
        Page.objects.live()
        .filter(translation_key=root.translation_key, locale__language_code=language_code)
        .first()
    )


def live_translations(page: Page) -> dict[str, Page]:
    """The page's live language versions (itself included when live), by language code: one
    query, shared by the language switcher, the hreflang links and Open Graph's locales."""

    def load():
        return {
            item.locale.language_code: item
            for item in Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
        }

    return memoised(("translations", page.pk), load)


def translated_view(*parameters: str):
    """Marks a Django view under `i18n_patterns` whose address is translated (`gettext_lazy` in
    its URL pattern) and which answers in every language: its language links go to the same view
    in each language (`/fr/recherche/?q=…` ↔ `/nl/zoeken/?q=…`), not to the home pages.
    `parameters` are the query parameters it reads, which the language switcher keeps."""

    def mark(view):
        view.query_parameters = parameters
        return view

    return mark


def _view_parameters(request) -> tuple[str, ...] | None:
    match = getattr(request, "resolver_match", None)
    return getattr(match.func, "query_parameters", None) if match is not None else None


def language_links(
    page: Page | None, site: Site | None, homes: dict[str, str] | None = None, request=None
) -> list[LanguageLink]:
    """One link per site language: to the page's live translation, else to that language's home.

    `homes` (language code: URL of that language's live home, as `core.frame` keeps them) saves
    the query for the homes; without it, two queries whatever the number of languages. A view
    marked with `translated_view` (the search) links to itself in every language.
    """
    current = translation.get_language()
    if page is None and request is not None and _view_parameters(request) is not None:
        return [
            LanguageLink(code, name, translate_url(request.path, code), code == current, True)
            for code, name in settings.LANGUAGES
        ]
    translations = live_translations(page) if page is not None and page.pk else {}
    if homes is None:
        homes = {}
        if site is not None:
            for item in (
                Page.objects.live()
                .filter(translation_key=site.root_page.translation_key)
                .select_related("locale")
            ):
                homes[item.locale.language_code] = item.get_url(None, current_site=site)
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        has_page = target is not None
        url = target.get_url(None, current_site=site) if has_page else homes.get(code)
        if url:
            links.append(LanguageLink(code, name, url, code == current, has_page))
    return links


def switcher_links(links: list[LanguageLink], request, page) -> list[LanguageLink]:
    """The language switcher's links: what the visitor was looking at is kept in each language
    that has the page — the query parameters the page type declares (`cache_query_parameters`:
    filters, pagination) or the view reads (`translated_view`: the search query), no others.
    A link to another language's home page (no translation) keeps nothing; the switcher says
    where it leads. The hreflang alternates use the links' plain URLs."""
    if request is None:
        return links
    names = getattr(page, "cache_query_parameters", None) if page is not None else None
    if names is None:
        names = _view_parameters(request) or ()
    kept = [(name, value) for name, value in request.GET.lists() if name in names]
    pairs = [(name, value) for name, values in sorted(kept) for value in values if value]
    if not pairs:
        return links
    query = "?" + urlencode(pairs)
    return [replace(link, url=link.url + query) if link.has_page else link for link in links]


def localized_live_pages(model, chosen, image_field: str) -> list:
    """Pages an editor chose in a block, in the visitor's language: live and public ones only,
    in the editor's order, with their picture's renditions, in one query however many."""
    chosen = [page for page in chosen if page is not None]
    by_key = {
        page.translation_key: page
        for page in model.objects.live()
        .public()
        .filter(translation_key__in=[p.translation_key for p in chosen], locale=Locale.get_active())
        .select_related(image_field)
        .prefetch_related(f"{image_field}__renditions")
    }
    return [by_key[p.translation_key] for p in chosen if p.translation_key in by_key]
