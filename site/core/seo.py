"""What search engines and social networks read about a page.

The `<head>` of every page (`templates/includes/seo.html`, through `core.templatetags.seo_tags`)
gets its title, description, Open Graph and Twitter card from here, and its JSON-LD from the page's
`get_structured_data(request)` (see `core.models.BasePage`). The helpers below are what page types
use to build their own JSON-LD: absolute URLs on the site's canonical host, images as
`ImageObject`s, the `BreadcrumbList` and the label's `Organization`.

An image problem (a file gone missing from storage, a broken upload) must never cost a visitor the
page: renditions are made through `social_rendition`, which logs the problem and gives `None`.
"""

import html
import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from core import dependencies

SITE_NAME = settings.WAGTAIL_SITE_NAME
SCHEMA_ORG = "https://schema.org"
SOCIAL_IMAGE_FILTER = "fill-1200x630"
LOGO_PATH = "img/favicon.svg"
# Open Graph names regions as well as languages; these are the regions the site speaks to.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "nl": "nl_NL", "fr": "fr_FR"}


def site_root_url(request) -> str:
    """`https://host[:port]` of the Wagtail site (the canonical host), without a trailing slash.

    Always the Site's configured root URL (the default Site for a host no Site names), never the
    request's `Host`: a page reached under a second host name names the same addresses.
    """
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(request, path: str) -> str:
    """`path` as an absolute URL on the site's host; URLs that are already absolute stay as they
    are (media on a CDN or S3). An empty path gives an empty string.

    The one source of absolute addresses: canonical, `og:url`, hreflang alternates, sitemap
    entries and every URL in JSON-LD go through it (or `page_url`)."""
    if not path or urlsplit(path).scheme:
        return path or ""
    return on_root(site_root_url(request), path)


def on_root(root: str, path: str) -> str:
    """`absolute_url` with the site's root URL already at hand (a list of many addresses on one
    site asks for it once)."""
    if not path:
        return ""
    parts = urlsplit(path)
    if parts.scheme:
        return path
    if parts.netloc:  # protocol-relative: //cdn.example/...
        return f"{urlsplit(root).scheme}:{path}"
    return root + ("" if path.startswith("/") else "/") + path


def page_url(page, request) -> str:
    """The absolute URL of a page, on its Site's root URL (`absolute_url`), or "" when the page
    is not routable."""
    return absolute_url(request, page.get_url(request) or "")


def page_title(page) -> str:
    """The title a page shows to search engines and when shared: its SEO title, else its title."""
    return (getattr(page, "seo_title", "") or page.title).strip()


# The page's own summary fields, in the order a description is taken from them.
SUMMARY_FIELDS = ("lead", "intro")
DESCRIPTION_LENGTH = 160  # what search engines show of a description, about


# Tags that end a block of text: their content is separated from the next block by a space.
_BLOCK_BOUNDARY = re.compile(
    r"<(?:/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|figure|figcaption|table|tr|td|th"
    r"|section|article|pre)|br|hr)\b[^>]*>",
    re.IGNORECASE,
)
# Collapsed to one space; the no-break spaces (U+00A0, U+202F) are kept where the text has them.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def plain_text(value) -> str:
    """Rich text (or any HTML, or plain text) as one line of plain text: tags gone, a space
    between blocks ("…Messingdruckknopf. Jedes…"), entities decoded (`&nbsp;` is a no-break
    space, `&amp;` an ampersand). The one way descriptions, social tags, JSON-LD and search
    results turn rich text into text."""
    text = _BLOCK_BOUNDARY.sub(" ", str(value or ""))
    text = html.unescape(strip_tags(text))
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """`text` cut at a word near `length` characters, with " …" where it was cut."""
    if len(text) <= length:
        return text
    cut = text.rfind(" ", 0, length)
    return text[: cut if cut > 0 else length].rstrip(",;:-–\u00a0 ") + " …"


def description(text) -> str:
    """A description for search engines and link previews from rich or plain text."""
    return shorten(plain_text(text))


def meta_description(page) -> str:
    """The description search engines and link previews show: the editor's search description,
    else the page's lead or introduction as plain text, cut at a word near 160 characters."""
    if text := getattr(page, "search_description", "").strip():
        return text  # plain text as the editor typed it (a "<" in it is a character)
    return description(next((v for name in SUMMARY_FIELDS if (v := getattr(page, name, ""))), ""))


def document_title(title: str) -> str:
    """The `<title>`: the page's title and the site's name, which is not repeated when the title
    already carries it (the home page's SEO title does)."""
    title = " ".join(title.split())
    if not title:
        return SITE_NAME
    return title if SITE_NAME in title else f"{title} · {SITE_NAME}"


def social_rendition(image, filter_spec: str = SOCIAL_IMAGE_FILTER):
    """The rendition of `image` for sharing, or None when it cannot be made (the original is
    missing or broken, the media storage refuses or hangs); database errors still propagate,
    for the 503 page."""
    from core.images import rendition_or_none

    if image is None:
        return None
    return rendition_or_none(image, filter_spec)


def default_social_image(request):
    """The image shared for pages without their own: the site settings' default image in the
    visitor's language (editors choose it), else the home page's social (or hero) image."""
    from wagtail.images import get_image_model

    from core.content_version import cached
    from core.frame import frame

    image_id = frame(request)["settings"]["social_image_id"]
    if image_id is not None:
        image = get_image_model().objects.filter(pk=image_id).first()
        if image is not None:
            return image
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None

    def home_image_id():
        home = site.root_page.specific
        image = home.get_social_image() if hasattr(home, "get_social_image") else None
        return image.pk if image is not None else False

    # The home page's image id is kept under the content version (replaced on every page change).
    image_id = cached(f"home-social-image:{site.pk}", home_image_id)
    return get_image_model().objects.filter(pk=image_id).first() if image_id else None


def social_image(page, request):
    image = page.get_social_image() if hasattr(page, "get_social_image") else None
    return image or default_social_image(request)


def image_object(
    image, request, filter_spec: str = SOCIAL_IMAGE_FILTER, caption: tuple[str, str] | None = None
) -> dict | None:
    """A schema.org `ImageObject` for a rendition of `image`, or None without a usable image.

    Its caption is `caption` (text, language) where the caller knows better (a catalogue
    photo's alt text from the feed), else the image's alt text in the active language with the
    German fallback (`core.images.alt_and_language`); `inLanguage` says which language it is in.
    """
    from core.images import alt_and_language

    rendition = social_rendition(image, filter_spec)
    if rendition is None:
        return None
    data = {
        "@type": "ImageObject",
        "url": absolute_url(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }
    text, language = caption or alt_and_language(image)
    if text:
        data["caption"] = text
        data["inLanguage"] = language
    return data


def breadcrumb_list(page, request) -> dict:
    """`BreadcrumbList` from the page's home (its language's root) down to the page itself. The
    ancestors are read by their titles and addresses alone (`dependencies.recording(
    structure_only=True)`): an edit of the parent's text leaves the child's parts in place."""
    trail = []
    if page.depth is None or page.depth > 2:  # a language's home is its own trail: no query
        with dependencies.recording(structure_only=True):
            trail = [
                ancestor
                for ancestor in page.get_ancestors(inclusive=True).filter(depth__gte=2)
                if ancestor.pk != page.pk
            ]
    trail.append(page)
    items = []
    for crumb in trail:
        url = page_url(crumb, request)
        if url:
            items.append(
                {
                    "@type": "ListItem",
                    "position": len(items) + 1,
                    "name": crumb.title,
                    "item": url,
                }
            )
    return {"@context": SCHEMA_ORG, "@type": "BreadcrumbList", "itemListElement": items}


def organization_id(request) -> str:
    return f"{site_root_url(request)}/#organization"


def organization(request, home) -> dict:
    """The label as an `Organization`: its home page (in the visitor's language), logo, and the
    contact details and profiles of the site settings in that language (`core.frame`)."""
    from core import frame

    contact = frame.frame(request)["settings"]
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Organization",
        "@id": organization_id(request),
        "name": SITE_NAME,
        "url": page_url(home, request),
        "logo": absolute_url(request, static(LOGO_PATH)),
    }
    if contact["address"]:
        data["address"] = " ".join(contact["address"].split())
    if contact["email"]:
        data["email"] = contact["email"]
    if contact["phone"]:
        data["telephone"] = contact["phone"]
    if contact["profiles"]:
        data["sameAs"] = [profile["url"] for profile in contact["profiles"]]
    return data


def website(request, home) -> dict:
    """The site as a `WebSite` in the home page's language, searchable through its search page."""
    language_code = home.locale.language_code
    with translation.override(language_code):
        search_url = absolute_url(request, reverse("search"))
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": page_url(home, request),
        "inLanguage": language_code,
        "publisher": {"@id": organization_id(request)},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def json_ld(data) -> SafeString:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are escaped as JSON
    unicode escapes, so no text (a `</script>` in a title) can end the script early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), cls=_LazyTextEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every character that could end the script is escaped


class _LazyTextEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Promise):
            return str(o)
        return super().default(o)


def open_graph(page, request) -> dict:
    """The values of the Open Graph and Twitter card tags of a page."""
    language_code = page.locale.language_code
    from core.i18n import live_translations

    # The same look-up as the language switcher's (one query a request for both).
    translations = live_translations(page) if page.pk else {}
    alternate_locales = sorted(
        {OG_LOCALES[code] for code in translations if code in OG_LOCALES and code != language_code}
    )
    from core.images import alt_and_language

    shared = social_image(page, request)
    rendition = social_rendition(shared)
    image = None
    if rendition is not None:
        alt, alt_language = alt_and_language(shared, language_code)
        image = {
            "url": absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
            # Set where the alt text is not in the page's language (the German fallback).
            "alt_language": alt_language if alt_language != language_code else "",
        }
    return {
        "title": page_title(page),
        "description": meta_description(page),
        "type": getattr(page, "og_type", "website"),
        "url": page_url(page, request),
        "site_name": SITE_NAME,
        "locale": OG_LOCALES.get(language_code, language_code),
        "alternate_locales": alternate_locales,
        "image": image,
    }
