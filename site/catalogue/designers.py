"""Finding designer pages by the catalogue's designer ref, without importing the designers app.

The designers app builds on the catalogue, so the dependency must not point back. The page model
and its ref field are named in settings (`CATALOGUE_DESIGNER_PAGE_MODEL`,
`CATALOGUE_DESIGNER_REF_FIELD`) and looked up through the app registry at call time; without
that app installed, every ref is simply unknown (reported by the sync, never an error).
"""

from django.apps import apps
from django.conf import settings


def designer_page_model():
    label = getattr(settings, "CATALOGUE_DESIGNER_PAGE_MODEL", "")
    if not label:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def designer_pages_by_ref(refs) -> dict[str, object]:
    """{ref: page} for live designer pages in the default language, in one query."""
    model = designer_page_model()
    refs = [ref for ref in set(refs) if ref]
    if model is None or not refs:
        return {}
    field = getattr(settings, "CATALOGUE_DESIGNER_REF_FIELD", "catalogue_ref")
    pages = model.objects.filter(
        **{f"{field}__in": refs}, locale__language_code=settings.LANGUAGE_CODE
    ).live()
    return {getattr(page, field): page for page in pages}
