"""The workshops' pages for other apps' links (`core.registry.partner_page_urls`): a product's
production chain links each workshop that has a live page."""

from django.conf import settings
from django.utils import translation

from core import content_version
from core.index_pages import index_page_url
from workshops.models import Workshop, WorkshopIndexPage


def partner_page_urls() -> dict[str, str]:
    """{catalogue ref: URL of its workshop page} in the active language (the workshops index of
    that language, else the German one), for every workshop with a live profile; kept under the
    content version, so a profile published or taken down shows on the next request."""
    language = translation.get_language()

    def load():
        index = index_page_url(WorkshopIndexPage)
        if not index:
            return {}
        refs = Workshop.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, live=True
        ).values_list("ref", flat=True)
        return {ref: f"{index}{ref}/" for ref in refs}

    return content_version.cached(f"workshops:page-urls:{language}", load)
