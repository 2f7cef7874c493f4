"""The shared resources as a visitor reads them: in their language (else German, marked), with
the page to ask on in their language, grouped by kind. A fixed number of queries, however many
resources there are: the German resources with their images, their translations, the renditions,
the pages to ask on (two)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core import seo
from core.i18n import memoised
from core.images import alt_for, prefetch_renditions
from core.localized import lang_mark, localized_records
from depot.models import KIND_HEADINGS, ResourceKind, SharedResource

PARAMETER = "kind"


@dataclass
class ShownResource:
    resource: SharedResource  # in the visitor's language, else the German one
    source: SharedResource  # the German resource: image, contact and order
    lang: str  # `lang` for the resource's texts where German stands in, else ""
    ask_page: Page | None = None  # live and public, in the visitor's language where it has one

    @property
    def anchor(self) -> str:
        return f"ressource-{self.source.pk}"

    @property
    def image(self):
        return self.source.image

    @property
    def image_alt(self) -> str:
        """The resource's own alt text, else the library image's in the language shown."""
        if self.resource.image_alt:
            return self.resource.image_alt
        return alt_for(self.image, self.lang or None) if self.image else ""


def _ask_pages(sources) -> dict[int, Page]:
    """{German page id: the live, public page in the visitor's language, else the German one}
    for the pages the resources link to."""
    ids = {source.ask_page_id for source in sources if source.ask_page_id}
    if not ids:
        return {}
    german = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids)}
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE or not german:
        return german
    translated = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(
            translation_key__in=[page.translation_key for page in german.values()],
            locale__language_code=language,
        )
    }
    return {pk: translated.get(page.translation_key, page) for pk, page in german.items()}


def _shown_resources() -> list[ShownResource]:
    sources = list(
        SharedResource.objects.filter(locale__language_code=settings.LANGUAGE_CODE, live=True)
        .select_related("image")
        .order_by("sort_order", "name", "pk")
    )
    prefetch_renditions([source.image for source in sources])
    shown = localized_records(SharedResource, sources)
    pages = _ask_pages(sources)
    german = lang_mark(settings.LANGUAGE_CODE)
    return [
        ShownResource(
            resource=shown[source.translation_key],
            source=source,
            lang=german if shown[source.translation_key] is source else "",
            ask_page=pages.get(source.ask_page_id),
        )
        for source in sources
    ]


def shown_resources() -> list[ShownResource]:
    """Every published resource, in the page's order, once per request (the list and the
    JSON-LD read the same)."""
    return memoised(("depot", "resources", translation.get_language()), _shown_resources)


def selected_kind(request) -> str:
    """The kind `?kind=` names, if it is one; anything else (unknown, empty, garbage) is ""."""
    value = request.GET.get(PARAMETER, "")
    return value if value in ResourceKind.values else ""


def groups(resources, selected: str = "") -> list[dict]:
    """[{kind, heading, resources}] in the page's order (rooms, machines, tools), kinds without
    a resource left out; only the selected kind where one is."""
    return [
        {"kind": kind.value, "heading": heading, "resources": items}
        for kind, heading in KIND_HEADINGS.items()
        if not selected or selected == kind.value
        if (items := [item for item in resources if item.source.kind == kind.value])
    ]


def place(page, request) -> dict:
    """The Depot as a schema.org `Place`; each shared resource is an `amenityFeature`."""
    address = {"@type": "PostalAddress", "addressLocality": page.locality, "addressCountry": "DE"}
    if page.street_address:
        address["streetAddress"] = page.street_address
    if page.postal_code:
        address["postalCode"] = page.postal_code
    data = {
        "@context": seo.SCHEMA_ORG,
        "@type": "Place",
        "name": page.place_name,
        "url": seo.page_url(page, request),
        "address": address,
        "containedInPlace": {"@type": "Place", "name": "Aachen-Nord"},
    }
    if text := seo.description(page.search_description or page.intro):
        data["description"] = text
    features = [
        {"@type": "LocationFeatureSpecification", "name": item.resource.name, "value": True}
        for item in page.shown_resources()
    ]
    if features:
        data["amenityFeature"] = features
    return data
