"""One production partner record: names per language, kind, city, social employment."""

from catalogue.sync.errors import RowInvalid
from catalogue.sync.feed import PartnerData
from catalogue.sync.validate.values import language_map, ref, text


def normalise_partner(raw) -> PartnerData:
    if not isinstance(raw, dict):
        raise RowInvalid("a partner must be an object")
    social = raw.get("social_employment", False)
    if not isinstance(social, bool):
        raise RowInvalid("social_employment must be true or false")
    return PartnerData(
        ref=ref(raw.get("ref"), "ref"),
        names=language_map(raw.get("name"), "name", required_default=True, max_length=200),
        kind=text(raw.get("kind"), "kind", max_length=80),
        city=text(raw.get("city"), "city", max_length=80),
        social_employment=social,
    )
