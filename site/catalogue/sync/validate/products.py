"""One product record: texts per language, variants, images, stockists, partners, dimensions."""

from django.conf import settings

from catalogue.sync.errors import RowInvalid
from catalogue.sync.feed import KEEP, ProductData
from catalogue.sync.html import clean_html
from catalogue.sync.validate.images import normalise_images
from catalogue.sync.validate.values import (
    catalogue_link,
    language_map,
    ref,
    shop_url,
    site_languages,
    text,
    timestamp,
)
from catalogue.sync.validate.variants import minimum_order, normalise_variant

STATUSES = {"active", "draft", "archived"}
DIMENSION_KEYS = {"length_cm", "width_cm", "height_cm", "weight_g"}
# Optional product fields a JSON feed always has; the CSV export has none of them.
JSON_CARRIES = frozenset({"handle", "link", "dimensions", "updated_at", "image_alt"})


def normalise_product(raw: dict, *, location: str, currency: str, carried: set | None = None):
    """One product as the feed gives it (JSON shape) -> ProductData, or RowInvalid.

    `carried` names the optional fields this source has at all; the rest become KEEP.
    """
    if not isinstance(raw, dict):
        raise RowInvalid("a product must be an object")
    carried = JSON_CARRIES if carried is None else carried
    external_id = text(raw.get("external_id"), "external_id", required=True, max_length=64)
    status = text(raw.get("status"), "status", required=True)
    if status not in STATUSES:
        raise RowInvalid(f"unknown status {status!r} (expected {', '.join(sorted(STATUSES))})")

    titles = language_map(raw.get("title"), "title", required_default=True, max_length=255)
    descriptions = language_map(raw.get("description"), "description")
    materials = language_map(raw.get("material"), "material", max_length=500)
    default = settings.LANGUAGE_CODE
    texts = {}
    for code in site_languages():
        if code not in titles:
            continue
        texts[code] = {
            "title": titles[code],
            # A language the catalogue lacks for one field shows the German text until then.
            "description": clean_html(descriptions.get(code) or descriptions.get(default, "")),
            "material": materials.get(code) or materials.get(default, ""),
        }

    variants_raw = raw.get("variants")
    if not isinstance(variants_raw, list) or not variants_raw:
        raise RowInvalid("a product needs at least one variant")
    # A product's minimum order (the site's extension) holds for its variants without their own.
    product_minimum = minimum_order(raw.get("minimum_order"), "minimum_order")
    variants = [
        normalise_variant(item, position, currency, product_minimum)
        for position, item in enumerate(variants_raw)
    ]

    images = normalise_images(raw, location, carried)

    stockists, retailers_seen = [], set()
    for index, item in enumerate(raw.get("stockists") or []):
        if not isinstance(item, dict):
            raise RowInvalid(f"stockist {index + 1} must be an object")
        retailer = ref(item.get("retailer_ref"), f"stockist {index + 1} retailer_ref")
        if retailer in retailers_seen:
            raise RowInvalid(f"retailer {retailer!r} is listed twice as a stockist")
        retailers_seen.add(retailer)
        stockists.append((retailer, shop_url(item.get("url"), f"stockist link for {retailer}")))

    made_by = raw.get("made_by") or []
    if not isinstance(made_by, list):
        raise RowInvalid("made_by must be a list of partner refs")
    made_by = [ref(item, "made_by partner") for item in made_by]
    if len(set(made_by)) != len(made_by):
        raise RowInvalid("a production partner is listed twice in made_by")

    dimensions = KEEP
    if "dimensions" in carried:
        dimensions = raw.get("dimensions") or {}
        if not isinstance(dimensions, dict) or set(dimensions) - DIMENSION_KEYS:
            raise RowInvalid(f"dimensions may only have {', '.join(sorted(DIMENSION_KEYS))}")
        for key, value in dimensions.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise RowInvalid(f"dimensions.{key} must be a number of at least 0")

    return ProductData(
        external_id=external_id,
        status=status,
        handle=text(raw.get("handle"), "handle", max_length=200) if "handle" in carried else KEEP,
        texts=texts,
        designer_ref=ref(raw.get("designer_ref"), "designer_ref", required=False),
        product_type=text(raw.get("product_type"), "product_type", max_length=60),
        made_by=made_by,
        dimensions=dimensions,
        link=catalogue_link(raw.get("link")) if "link" in carried else KEEP,
        updated_at=(
            timestamp(raw.get("updated_at"), "updated_at") if "updated_at" in carried else KEEP
        ),
        images=images,
        variants=variants,
        stockists=stockists,
    )
