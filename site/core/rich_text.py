"""Rich text whose stored links and images point nowhere still renders, and still opens.

Rich text keeps page and document links as `<a linktype="page" id="7">` and images as
`<embed embedtype="image" id="3" format="…">`. An import, a copied database or an old revision can
hold an id that is not a number, no id at all, or the id of something deleted since. Wagtail's
handlers then fail the whole page (a non-numeric id reaches the database query; a missing `id`,
`format` or `url` is a KeyError), the page editor (its Draftail converter looks the page up) and
the reference index update after a save. Wagtail also renders a deleted page's or document's link
as an `<a>` that leads nowhere and a deleted image as an `<img>` without a source.

The handlers here replace Wagtail's for the same link and embed types: a reference that cannot be
resolved is logged (`rich_text_reference_broken`, with its kind, the id as stored and the reason)
and left out: an image or media embed renders nothing, a link keeps its text and loses the link
(`without_placeholder_links`, applied by the project's `wagtailcore/shared/richtext.html`, removes
the bare `<a>` the rewriter leaves). In the editor, a page link without a usable id opens as plain
text, so saving the page repairs it; a link to a deleted page stays a (broken) page link, as
Wagtail shows it.
"""

import logging
import re
from html import unescape

from django.db import DatabaseError
from django.utils.html import escape, strip_tags
from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.embeds.rich_text import MediaEmbedHandler
from wagtail.images.formats import get_image_formats
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Locale, Page
from wagtail.rich_text.pages import PageLinkHandler

logger = logging.getLogger(__name__)

EVENT = "rich_text_reference_broken"
# Longer ids than this cannot be a row's (PostgreSQL's bigint has 19 digits) and would fail the
# query instead of finding nothing.
MAX_ID_DIGITS = 18
# What the link rewriter leaves for a link it cannot resolve: an `<a>` without any attribute
# (Draftail never stores one), up to its end tag (links do not nest).
PLACEHOLDER_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)
# A page link to another language, as `SafePageLinkHandler` writes it, up to its end tag.
TITLED_LINK = re.compile(
    r'(<a href="[^"]*" hreflang="([^"]+)") data-title="([^"]*)"([^>]*>)(.*?)</a>', re.DOTALL
)


def stored_id(attrs: dict) -> int | None:
    """The id a stored link or embed names, or None when it names none a row could have."""
    value = attrs.get("id") or ""
    if value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None


def log_broken(kind: str, attrs: dict, reason: str) -> None:
    logger.warning(
        "Rich text: a %s reference was left out (%s)",
        kind,
        reason,
        extra={
            "event": EVENT,
            "kind": kind,
            "target_id": (attrs.get("id") or "")[:40],
            "reason": reason,
        },
    )


def without_placeholder_links(html: str) -> str:
    """`html` with every link that leads nowhere replaced by its text."""
    return PLACEHOLDER_LINK.sub(r"\1", html) if "<a>" in html else html


def _mark_language(match) -> str:
    start, language, title, rest, text = match.groups()
    if unescape(strip_tags(text)).split() == unescape(title).split():
        start += f' lang="{language}"'
    return f"{start}{rest}{text}</a>"


def mark_link_languages(html: str) -> str:
    """A link to a page in another language (`SafePageLinkHandler`) whose text is that page's
    title gets `lang` as well as `hreflang`; the title the handler passed along is dropped."""
    return TITLED_LINK.sub(_mark_language, html) if " data-title=" in html else html


def _resolve(handler, attrs_list: list[dict], kind: str):
    """(attrs, object or None) for each stored reference, in one query; unusable ids are logged."""
    ids = [stored_id(attrs) for attrs in attrs_list]
    found = handler.get_many([{"id": id_} for id_ in ids])
    for attrs, id_, instance in zip(attrs_list, ids, found, strict=True):
        if instance is None:
            log_broken(kind, attrs, "not found" if id_ is not None else "no usable id")
        yield attrs, instance


def _links(handler, attrs_list: list[dict], kind: str, href) -> list[str]:
    tags = []
    for attrs, instance in _resolve(handler, attrs_list, kind):
        url = href(instance) if instance is not None else None
        if instance is not None and not url:
            log_broken(kind, attrs, "no address")
        tags.append(f'<a href="{escape(url)}">' if url else "<a>")
    return tags


class UsableIdsOnly:
    """Wagtail's reference index ("usage") gets the references whose id could be a row's; one
    without id no longer fails the index update of the whole object."""

    @classmethod
    def extract_references(cls, attrs):
        if stored_id(attrs) is not None:
            yield from super().extract_references(attrs)


def _live_translations(pages, locale) -> dict:
    """{translation key: the live page in `locale`} for pages in other languages, one query
    (none when all are in `locale` already)."""
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    if not keys:
        return {}
    return {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
    }


class SafePageLinkHandler(UsableIdsOnly, PageLinkHandler):
    """A page link leads to the page's live translation in the visitor's language. Where there
    is none, it leads to the page as stored, marked `hreflang` with that page's language; its
    title rides along (`data-title`) so that `mark_link_languages` can mark the link text
    `lang` too when the text is that title. Two queries for all the links of a text."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        from core.routing import locale_by_id

        resolved = list(_resolve(cls, attrs_list, "page"))
        locale = Locale.get_active()
        translated = _live_translations([page for _a, page in resolved if page], locale)
        tags = []
        for attrs, page in resolved:
            if page is None:
                tags.append("<a>")
                continue
            target = translated.get(page.translation_key, page)
            url = target.url
            if not url:
                log_broken("page", attrs, "no address")
                tags.append("<a>")
                continue
            language = ""
            if target.locale_id != locale.pk:
                target_locale = locale_by_id(target.locale_id) or target.locale
                language = target_locale.language_code
            if language:
                tags.append(
                    f'<a href="{escape(url)}" hreflang="{language}" '
                    f'data-title="{escape(target.title)}">'
                )
            else:
                tags.append(f'<a href="{escape(url)}">')
        return tags


class SafeDocumentLinkHandler(UsableIdsOnly, DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return _links(cls, attrs_list, "document", lambda document: document.url)


class SafeImageEmbedHandler(UsableIdsOnly, ImageEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        formats = {image_format.name: image_format for image_format in get_image_formats()}
        tags = []
        for attrs, image in _resolve(cls, attrs_list, "image"):
            image_format = formats.get(attrs.get("format"))
            if image is not None and image_format is None:
                log_broken("image", attrs, "unknown format")
            tags.append(_image_html(image, image_format, attrs) if image and image_format else "")
        return tags


def _image_html(image, image_format, attrs) -> str:
    try:
        return image_format.image_to_html(image, attrs.get("alt", ""))
    except DatabaseError:
        raise
    except Exception as error:
        logger.error(
            "An image was left out of rich text: its rendition failed (%s)",
            type(error).__name__,
            extra={"event": "image_rendition_failed", "image_id": image.pk},
        )
        return ""


class SafeMediaEmbedHandler(MediaEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = []
        for attrs in attrs_list:
            if attrs.get("url"):
                tags.append(cls.expand_db_attributes(attrs))
            else:
                log_broken("media", attrs, "no address")
                tags.append("")
        return tags


class SafePageLinkElementHandler(PageLinkElementHandler):
    """The editor's reading of a stored page link: one without a usable id becomes its text."""

    def handle_starttag(self, name, attrs, state, contentstate):
        kept = stored_id(dict(attrs)) is not None
        state.__dict__.setdefault("page_links_kept", []).append(kept)
        if kept:
            super().handle_starttag(name, attrs, state, contentstate)
        else:
            log_broken("page", dict(attrs), "no usable id")

    def handle_endtag(self, name, state, contentstate):
        if state.page_links_kept.pop():
            super().handle_endtag(name, state, contentstate)


def register(features) -> None:
    """Replace Wagtail's handlers (run after Wagtail's own `register_rich_text_features` hooks)."""
    for handler in (SafePageLinkHandler, SafeDocumentLinkHandler):
        features.register_link_type(handler)
    for handler in (SafeImageEmbedHandler, SafeMediaEmbedHandler):
        features.register_embed_type(handler)
    # Wagtail's rule for the "link" feature, with the page-link reader replaced.
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': SafePageLinkElementHandler("LINK"),
            },
            "to_database_format": {"entity_decorators": {"LINK": link_entity}},
        },
    )
