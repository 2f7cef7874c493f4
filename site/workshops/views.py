"""What the workshop pages show: the workshops in the visitor's language, the index's filters,
a workshop's page with its products, its head (social tags, JSON-LD, alternates).

Workshops are few (dozens, not thousands): the live profiles of a language are read in a fixed
number of queries and filtered in Python; a workshop's products are the only long list, and it
is bounded (`WORKSHOP_PRODUCTS_SHOWN` cards, then a paginated list of all of them).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Subquery
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from catalogue.models import Product, ProductionPartner
from core import dependencies
from core.i18n import LanguageLink, memoised
from core.localized import in_language_else_german, lang_mark, localized_records
from workshops.models import District, Skill, Workshop, products_route

# A workshop page shows this many of its products as cards (A to Z), then links to all of them.
WORKSHOP_PRODUCTS_SHOWN = 8


@dataclass(frozen=True)
class Text:
    text: str
    lang: str = ""  # the language of `text` where it is not the visitor's (German standing in)

    def __str__(self):
        return self.text


@dataclass
class WorkshopView:
    ref: str
    name: Text
    summary: Text
    description: Text
    capacity: Text
    employment: Text
    skills: list[tuple[str, Text]]  # (code, label)
    district: str
    district_label: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    url: str
    social_employment: bool = False  # the catalogue says so (a recognised workshop)
    in_catalogue: bool = False
    partner: ProductionPartner | None = field(default=None, repr=False)

    @property
    def has_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def skill_labels(locale: Locale) -> dict[str, Text]:
    """{code: label} of every skill, in `locale`'s language else German (one query a request)."""

    def load():
        language = locale.language_code
        rows = Skill.objects.filter(
            locale__language_code__in={language, settings.LANGUAGE_CODE}
        ).select_related("locale")
        shown = in_language_else_german(rows, language, key=lambda row: row.code)
        return {
            code: Text(row.label, lang_mark(row.locale.language_code, language))
            for code, row in sorted(shown.items(), key=lambda item: item[1].label.casefold())
        }

    return memoised(("workshop_skills", locale.pk), load)


def _text(row, name: str, language: str) -> Text:
    value = getattr(row, name)
    return Text(value, lang_mark(row.locale.language_code, language) if value else "")


def workshop_views(index, locale: Locale | None = None) -> list[WorkshopView]:
    """Every live workshop, in `locale`'s language (German where a text is not translated or
    its translation not yet published), A to Z by name. Five queries, however many."""

    def load():
        shown_locale = locale or index.locale
        language = shown_locale.language_code
        sources = list(
            Workshop.objects.filter(locale__language_code=settings.LANGUAGE_CODE, live=True)
            .select_related("locale")
            .prefetch_related("skills")
        )
        texts = localized_records(Workshop, sources, shown_locale)
        partners = in_language_else_german(
            ProductionPartner.objects.filter(
                ref__in=[w.ref for w in sources],
                locale__language_code__in={language, settings.LANGUAGE_CODE},
            ).select_related("locale"),
            language,
            key=lambda row: row.ref,
        )
        labels = skill_labels(shown_locale)
        base = index.url or ""
        views = []
        for source in sources:
            text = texts[source.translation_key]
            partner = partners.get(source.ref)
            name = _text(text, "name", language) if text.name else _text(source, "name", language)
            if not name.text and partner is not None:
                name = _text(partner, "name", language)
            skills = sorted(
                ((s.code, labels.get(s.code) or Text(s.label, "de")) for s in source.skills.all()),
                key=lambda item: item[1].text.casefold(),
            )
            views.append(
                WorkshopView(
                    ref=source.ref,
                    name=name if name.text else Text(source.ref),
                    summary=_text(text, "summary", language),
                    description=_text(text, "description", language),
                    capacity=_text(text, "capacity", language),
                    employment=_text(text, "employment", language),
                    skills=skills,
                    district=source.district,
                    district_label=str(District(source.district).label)
                    if source.district in District.values
                    else source.district,
                    address=source.address,
                    latitude=source.latitude,
                    longitude=source.longitude,
                    url=f"{base}{source.ref}/",
                    social_employment=bool(partner and partner.social_employment),
                    in_catalogue=partner is not None,
                    partner=partner,
                )
            )
        return sorted(views, key=lambda view: view.name.text.casefold())

    shown = locale or index.locale
    return memoised(("workshop_views", index.pk, shown.pk), load)


def live_index(locale):
    """The live, public workshops index of `locale` that has an address on a site, or None."""
    from workshops.models import WorkshopIndexPage

    pages = WorkshopIndexPage.objects.live().public().filter(locale=locale).order_by("pk")
    return next((page for page in pages if page.url), None)


def workshop_choices(locale) -> list[tuple[str, Text]]:
    """(ref, name) of the live workshops, for the enquiry form's choice; a name's `lang` is set
    where the German name stands in."""
    locale = locale or Locale.get_active()
    index = live_index(locale) or live_index(Locale.get_default())
    if index is None:
        return []
    return [(view.ref, view.name) for view in workshop_views(index, locale)]


def _one(request, name: str) -> str:
    """A filter's value from the query, "" when missing or not plain text (`?skill=a&skill=b`
    reads the last)."""
    value = request.GET.get(name, "")
    return value.strip()[:80] if isinstance(value, str) else ""


def listing(index, request) -> dict:
    """The index's workshops, filtered by `?skill=<code>` and `?district=<code>` (values that
    name nothing known are left out, never an error), 24 a page."""
    views = workshop_views(index)
    labels = skill_labels(index.locale)
    skill = _one(request, "skill")
    skill = skill if skill in labels else ""
    district = _one(request, "district")
    district = district if district in District.values else ""
    chosen = [
        view
        for view in views
        if (not skill or skill in dict(view.skills)) and (not district or view.district == district)
    ]
    page = Paginator(chosen, index.per_page).get_page(request.GET.get("page", 1))
    used_districts = {view.district for view in views}
    filters = {key: value for key, value in (("skill", skill), ("district", district)) if value}
    return {
        "workshops": page.object_list,
        "page_obj": page,
        "all_count": len(views),
        "skill_options": [(code, label) for code, label in labels.items()],
        "district_options": [(c, label) for c, label in District.choices if c in used_districts],
        "filter_skill": skill,
        "filter_district": district,
        "filter_skill_label": labels.get(skill),
        "filter_district_label": str(District(district).label) if district else "",
        "listing_filters": filters,
        **_index_map([view for view in chosen if view.has_map], index.locale),
        "form": index.get_form(page=index, user=None),
        "form_token": "",
        "honeypot_name": _honeypot(),
    }


# Shops within this distance of the workshops' centre share their map (the quarter's region:
# Aachen, Herzogenrath, Eupen); the others are on the retailers page with their own maps.
SHOPS_NEAR_KM = 20


@dataclass(frozen=True)
class MapShop:
    """A shop with a place on the workshops' map: its name in the visitor's language (German
    marked where it stands in), its address and its entry on the retailers page."""

    name: str
    name_lang: str
    street: str
    locality: str
    url: str
    latitude: Decimal
    longitude: Decimal


def _km(lat1, lon1, lat2, lon2) -> float:
    """Distance on the earth's surface (haversine), enough to tell near from far."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


def shops_near(views: list[WorkshopView], locale: Locale) -> list[MapShop]:
    """The live shops with a street address and coordinates near the workshops (two queries)."""
    from shop_links.models import Retailer
    from shop_links.presentation import retailers_page_url

    if not views:
        return []
    centre = (
        sum(float(view.latitude) for view in views) / len(views),
        sum(float(view.longitude) for view in views) / len(views),
    )
    rows = [
        row
        for row in Retailer.shown()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .exclude(kind=Retailer.Kind.ONLINE_SHOP)
        .select_related("locale")
        if _km(*centre, float(row.latitude), float(row.longitude)) <= SHOPS_NEAR_KM
    ]
    names = localized_records(Retailer, rows, locale)
    page = retailers_page_url(locale)
    shops = []
    for row in rows:
        shown = names[row.translation_key]
        shops.append(
            MapShop(
                name=shown.name,
                name_lang=lang_mark(settings.LANGUAGE_CODE) if shown is row else "",
                street=row.street,
                locality=" ".join(part for part in (row.postcode, row.city) if part),
                url=f"{page}#haendler-{row.list_key}" if page else "",
                latitude=row.latitude,
                longitude=row.longitude,
            )
        )
    return sorted(shops, key=lambda shop: shop.name.casefold())


def map_of(views: list[WorkshopView], shops: list[MapShop] = ()) -> dict:
    """The links of a map on request (`includes/map_on_request.html`): one workshop as the
    campaign's location block shows a place (`campaigns.blocks.LocationBlock`), several places
    (workshops and the shops near them) in a frame around them all, with the lists of their
    addresses beside it."""
    from campaigns.blocks import LocationBlock

    if not views:
        return {"map_workshops": [], "map_shops": []}
    shops = list(shops)
    if len(views) == 1 and not shops:
        value = {"latitude": views[0].latitude, "longitude": views[0].longitude}
        context = LocationBlock().get_context(value)
        return {
            "map_workshops": views,
            "map_shops": [],
            "map_link": context["map_link"],
            "map_embed": context["map_embed"],
        }
    places = [*views, *shops]
    lats = [float(place.latitude) for place in places]
    lons = [float(place.longitude) for place in places]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_lat, pad_lon = max((north - south) * 0.15, 0.002), max((east - west) * 0.15, 0.004)
    bbox = f"{west - pad_lon:.5f},{south - pad_lat:.5f},{east + pad_lon:.5f},{north + pad_lat:.5f}"
    centre_lat, centre_lon = (south + north) / 2, (west + east) / 2
    return {
        "map_workshops": views,
        "map_shops": shops,
        "map_link": f"https://www.openstreetmap.org/#map=12/{centre_lat:.5f}/{centre_lon:.5f}",
        "map_embed": f"https://www.openstreetmap.org/export/embed.html?bbox={bbox}&layer=mapnik",
    }


def _index_map(views: list[WorkshopView], locale: Locale) -> dict:
    """The index's map: the workshops shown and the shops near them."""
    return map_of(views, shops_near(views, locale))


def _honeypot() -> str:
    from enquiries import spam

    return spam.HONEYPOT_NAME


def index_context(index, request) -> dict:
    return listing(index, request)


def find_workshop(index, ref: str) -> WorkshopView:
    for view in workshop_views(index):
        if view.ref == ref:
            return view
    raise Http404


def _made_there(view: WorkshopView):
    from products.presentation import live_records

    if view.partner is None:
        return None
    german = view.partner
    if german.locale.language_code != settings.LANGUAGE_CODE:
        german = ProductionPartner.objects.sources().filter(ref=view.ref).first()
    return live_records().filter(partner_links__partner=german)


def workshop_products(view: WorkshopView, request, limit=WORKSHOP_PRODUCTS_SHOWN):
    """The first live products made in this workshop as cards, and how many there are: one query
    for the rows with their count (`products.presentation.designer_products` does the same)."""
    from products.presentation import ProductSample, product_cards

    theirs = _made_there(view)
    if theirs is None:
        return ProductSample([], 0)
    # A list an editor's save changes only with every list (`Product.row_content_fields`); its
    # cards read their products row by row (`product_cards`).
    with dependencies.rows_read(Product, ()):
        records = list(
            theirs.annotate(
                list_total=Subquery(
                    theirs.order_by()
                    .values("partner_links__partner")
                    .annotate(n=Count("pk"))
                    .values("n")
                )
            )
            .select_related("locale")
            .order_by("title", "pk")[:limit]
        )
    total = records[0].list_total if records else 0
    url = f"{view.url}{products_route(translation.get_language())}/" if total > len(records) else ""
    return ProductSample(product_cards(request, records), total, url)


def workshop_response(index, request, ref: str):
    view = find_workshop(index, ref)
    context = {
        "workshop": view,
        "products": workshop_products(view, request),
        "form": index.get_form(page=index, user=None, initial={"workshop": view.ref}),
        "form_token": "",
        "honeypot_name": _honeypot(),
        "head": workshop_head(index, view, request),
        **(map_of([view]) if view.has_map else {}),
    }
    context["language_links_override"] = context["head"]["switcher"]
    return index.render(request, template="workshops/workshop_page.html", context_overrides=context)


def workshop_products_response(index, request, ref: str):
    from products.presentation import product_cards

    view = find_workshop(index, ref)
    records = _made_there(view)
    if records is None:
        raise Http404
    page = Paginator(records.order_by("title", "pk"), index.per_page).get_page(
        request.GET.get("page", 1)
    )
    context = {
        "workshop": view,
        "products": product_cards(request, page.object_list, heading="h2"),
        "page_obj": page,
        "head": workshop_head(index, view, request, products=True),
    }
    context["language_links_override"] = context["head"]["switcher"]
    return index.render(
        request, template="workshops/workshop_products.html", context_overrides=context
    )


def workshop_head(index, view: WorkshopView, request, products: bool = False) -> dict:
    """Description, social tags, JSON-LD, canonical and hreflang links of a workshop page (or,
    with `products`, of its product list): the workshop is at an address in every language with a
    live workshops index (German texts standing in where a translation is missing)."""
    from core import seo

    def suffix(code: str) -> str:
        return f"{products_route(code)}/" if products else ""

    language = translation.get_language()
    url = seo.absolute_url(request, f"{view.url}{suffix(language)}")
    order = [code for code, _name in settings.LANGUAGES]
    indexes = sorted(
        index.get_translations(inclusive=True).live().select_related("locale"),
        key=lambda page: order.index(page.locale.language_code),
    )
    alternates = [
        (
            page.locale.language_code,
            seo.absolute_url(
                request, f"{page.get_url(request)}{view.ref}/{suffix(page.locale.language_code)}"
            ),
        )
        for page in indexes
    ]
    description = seo.description(view.summary.text or view.description.text)
    og = {
        "title": view.name.text,
        "description": description,
        "type": "website",
        "url": url,
        "site_name": seo.SITE_NAME,
        "locale": seo.OG_LOCALES.get(language, language),
        "alternate_locales": sorted(
            seo.OG_LOCALES[code] for code, _url in alternates if code != language
        ),
        "image": None,
        "text_language": view.summary.lang if view.summary.text else view.description.lang,
    }
    breadcrumbs = seo.breadcrumb_list(index, request)
    breadcrumbs["itemListElement"].append(
        {
            "@type": "ListItem",
            "position": len(breadcrumbs["itemListElement"]) + 1,
            "name": view.name.text,
            "item": seo.absolute_url(request, view.url),
        }
    )
    structured = [breadcrumbs]
    if not products:
        structured.append(structured_data(view, request))
    site_root = seo.site_root_url(request)
    names = dict(settings.LANGUAGES)
    return {
        "switcher": [
            LanguageLink(code, names[code], link[len(site_root) :], code == language, True)
            for code, link in alternates
        ],
        "description": description,
        "og": og,
        "structured_data": [seo.json_ld(item) for item in structured],
        "canonical": url,
        "alternates": alternates,
        "x_default": dict(alternates).get(settings.LANGUAGE_CODE),
    }


def structured_data(view: WorkshopView, request) -> dict:
    """schema.org `LocalBusiness`: name, address, where it is, what it knows how to do."""
    from core import seo

    address = {
        "@type": "PostalAddress",
        "addressLocality": "Aachen" if view.district != District.OUTSIDE else "",
        "addressCountry": "DE",
    }
    if view.address:
        address["streetAddress"] = view.address
    if view.district != District.OUTSIDE:
        address["addressRegion"] = view.district_label
    else:
        address["addressLocality"] = view.partner.city if view.partner else gettext("Region Aachen")
    data = {
        "@context": seo.SCHEMA_ORG,
        "@type": "LocalBusiness",
        "name": view.name.text,
        "url": seo.absolute_url(request, view.url),
        "address": address,
    }
    text = view.summary.text or seo.plain_text(view.description.text)
    if text:
        data["description"] = text
    if view.skills:
        data["knowsAbout"] = [label.text for _code, label in view.skills]
    if view.has_map:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(view.latitude),
            "longitude": float(view.longitude),
        }
    return data
