"""What the ground floor needs to know about the feature apps, as they tell it.

`core` imports no feature app and names none of their models. Where it needs to know about
them, each feature app says so with attributes on its `AppConfig` (read here through
`django.apps.apps.get_app_configs()`, once the app registry is ready):

- `shown_on_pages = True`: rows of this app's models can show on a public page, so saving or
  deleting one replaces the content version (`core.content_version`: the page cache, and
  whatever read the row's table: frame, fragments, vocabularies, are worked out again);
- `not_shown_on_pages = ("modelname", ...)`: the models of such an app that never show on a page
  (rows written by visitors' requests, background jobs or the admin's workflow only), whose
  writes leave the caches alone;
- `index_page_types = ("app_label.ModelName", ...)`: index page types that blocks and cards link
  to on every page (`core.frame.index_url(label)` returns the live one's URL in the active
  language);
- `body_blocks = (("name", "app.blocks.BlockClass"), ...)`: StreamField blocks that every page body
  offers (`core.blocks.BodyStreamBlock`, which content pages and the home page extend), e.g. the
  products app's "where to buy". A body block is built when a page type's stream is first used,
  after the app registry is ready, so the ground floor never imports the app that offers it.
- `partner_pages = "app.module.function"`: a function giving the public pages of production
  partners in the active language, `{catalogue ref: URL}` (the workshops app's), so that a
  product's production chain links each workshop that has a page (`partner_page_urls()`).
- `appearances = "app.module.function"`: a function `(designer_keys=, product_refs=)` giving the
  upcoming appearances (events) of designers (their pages' translation keys) and catalogue
  products (their `external_id`s) in the active language, as `(items, fresh_until)`: a list of
  dicts for the "Meet us at" list of designer and product pages, and the moment the first of
  them ends (None without any) (`appearances()`; the events app's).

Page types need no entry: a page of any app counts as content. Wagtail's and taggit's models are
listed here (`THIRD_PARTY_CONTENT`), as the ground floor may name those.
"""

import functools
import itertools

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from core import freshness

# Apps that are not the project's, and which of their models show on pages (None: all of them
# except those in the second set).
THIRD_PARTY_CONTENT: dict[str, tuple[set[str] | None, set[str]]] = {
    "wagtailcore": (
        {"page", "locale", "site", "pageviewrestriction", "collectionviewrestriction"},
        set(),
    ),
    "wagtailimages": (None, {"rendition"}),
    "wagtaildocs": (None, set()),
    "taggit": (None, set()),
}


@functools.cache
def _content_models() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """(apps whose models show on pages, model labels that never do, third-party apps' shown
    models where only some are)."""
    shown_apps, unshown, only = set(), set(), {}
    for config in apps.get_app_configs():
        if getattr(config, "shown_on_pages", False):
            shown_apps.add(config.label)
            unshown.update(
                f"{config.label}.{name.lower()}"
                for name in getattr(config, "not_shown_on_pages", ())
            )
    for label, (shown, not_shown) in THIRD_PARTY_CONTENT.items():
        shown_apps.add(label)
        unshown.update(f"{label}.{name}" for name in not_shown)
        if shown is not None:
            only[label] = frozenset(shown)
    return frozenset(shown_apps), frozenset(unshown), only


def shown_on_pages(model) -> bool:
    """Whether rows of `model` can show on a public page (see the module's docstring)."""
    shown_apps, unshown, only = _content_models()
    meta = model._meta
    if meta.app_label not in shown_apps or meta.label_lower in unshown:
        return False
    if meta.app_label in only:
        return meta.model_name in only[meta.app_label]
    return True


def index_page_types() -> list[str]:
    """The labels of the index page types the feature apps registered, in app order."""
    return [
        label
        for config in apps.get_app_configs()
        for label in getattr(config, "index_page_types", ())
    ]


def body_blocks() -> list[tuple[str, object]]:
    """New instances of the body blocks the feature apps registered, as (name, block), in app
    order. Only callable once the app registry is ready: a stream built earlier (a StreamField
    given a block *instance* at import time) would silently miss them, so it fails loudly."""
    if not apps.ready:
        raise ImproperlyConfigured(
            "core.registry.body_blocks() before the app registry is ready: give StreamField the "
            "block class (StreamField(BodyStreamBlock)), not an instance, so it is built later."
        )
    return [
        (name, import_string(path)())
        for config in apps.get_app_configs()
        for name, path in getattr(config, "body_blocks", ())
    ]


def partner_page_urls() -> dict[str, str]:
    """{catalogue ref: URL} of the production partners' public pages in the active language,
    from the apps that have them (`partner_pages` on their AppConfig); {} when none has."""
    urls = {}
    for config in apps.get_app_configs():
        path = getattr(config, "partner_pages", None)
        if path:
            urls.update(import_string(path)())
    return urls


def appearances(request, *, designer_keys=(), product_refs=()) -> list[dict]:
    """Where designers (their pages' translation keys) or catalogue products (`external_id`s)
    can be met soon, in the active language, from the apps that know (`appearances` on their
    AppConfig), soonest first; [] when none does. The page `request` renders is noted as right
    until the first of them ends (`core.freshness`), so the page cache lets it go then."""
    found = []
    for config in apps.get_app_configs():
        path = getattr(config, "appearances", None)
        if path:
            items, until = import_string(path)(
                designer_keys=tuple(designer_keys), product_refs=tuple(product_refs)
            )
            found.append(items)
            freshness.fresh_until(request, until)
    return sorted(itertools.chain.from_iterable(found), key=lambda item: item["sort_key"])
