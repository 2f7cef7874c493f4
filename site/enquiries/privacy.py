"""The Datenschutz page the consent checkbox links to, found as the footer finds it."""

from operator import attrgetter

from core.localized import in_language_else_german
from core.models import LegalPage


def privacy_page(language_code: str) -> LegalPage | None:
    """The live privacy page in this language, else the German one, else None."""
    pages = LegalPage.objects.live().filter(kind=LegalPage.Kind.PRIVACY).select_related("locale")
    return in_language_else_german(pages, language_code, key=attrgetter("kind")).get(
        LegalPage.Kind.PRIVACY
    )
