"""The Datenschutz page the consent checkbox links to, found as the footer finds it."""

from django.conf import settings

from core.models import LegalPage


def privacy_page(language_code: str) -> LegalPage | None:
    """The live privacy page in this language, else the German one, else None."""
    pages = {
        page.locale.language_code: page
        for page in LegalPage.objects.live()
        .filter(kind=LegalPage.Kind.PRIVACY)
        .select_related("locale")
    }
    return pages.get(language_code) or pages.get(settings.LANGUAGE_CODE)
