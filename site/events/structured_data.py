"""An event page's schema.org `Event` (JSON-LD), in the page's language with absolute URLs."""

from django.templatetags.static import static

from core import seo

STATUS = {False: "https://schema.org/EventScheduled", True: "https://schema.org/EventCancelled"}


def _when(value) -> str:
    """An ISO 8601 date, or date and time with Berlin's offset at that moment."""
    return value.isoformat()


def event_object(page, request) -> dict:
    url = seo.page_url(page, request)
    address = {"@type": "PostalAddress", "addressLocality": page.city}
    if page.street:
        address["streetAddress"] = page.street
    if page.postcode:
        address["postalCode"] = page.postcode
    if page.country:
        address["addressCountry"] = page.country
    place = {"@type": "Place", "name": page.venue, "address": address}
    if page.venue_url:
        place["url"] = page.venue_url
    data = {
        "@context": seo.SCHEMA_ORG,
        "@type": "Event",
        "name": page.title,
        "description": page.lead,
        "url": url,
        "inLanguage": page.locale.language_code,
        "startDate": _when(page.starts_at),
        "eventStatus": STATUS[bool(page.cancelled)],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": {
            "@type": "Organization",
            "@id": seo.organization_id(request),
            "name": seo.SITE_NAME,
            "url": seo.site_root_url(request) + "/",
            "logo": seo.absolute_url(request, static(seo.LOGO_PATH)),
        },
    }
    ends = page.ends_at
    if ends is not None:
        data["endDate"] = _when(ends)
    elif page.multi_day:
        data["endDate"] = page.end_date.isoformat()
    designers = [
        {"@type": "Person", "name": designer.title, "url": seo.page_url(designer, request)}
        for designer in page.localized_designers
    ]
    if designers:
        data["performer"] = designers
    image = seo.image_object(page.image, request) if page.image else None
    if image:
        data["image"] = image
    return data
