"""Which language versions of a page exist, and where each language's visitors should go."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site


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


def language_links(page: Page | None, site: Site | None) -> list[LanguageLink]:
    """One link per site language: to the page's live translation, else to that language's home.

    Two queries whatever the number of languages: the page's live translations, and the homes.
    """
    current = translation.get_language()
    translations = {}
    if page is not None and page.pk:
        for item in (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
        ):
            translations[item.locale.language_code] = item
    homes = {}
    if site is not None:
        for item in (
            Page.objects.live()
            .filter(translation_key=site.root_page.translation_key)
            .select_related("locale")
        ):
            homes[item.locale.language_code] = item
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        has_page = target is not None
        if target is None:
            target = homes.get(code)
        if target is None:
            continue
        url = target.get_url(None, current_site=site)
        if url:
            links.append(LanguageLink(code, name, url, code == current, has_page))
    return links
