"""One value of a record, validated: texts, refs, amounts, GTINs, language maps, times, links."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from catalogue.sync.errors import INVALID_TEXT, RowInvalid, describe_character
from core.validators import check_shop_url

REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
AMOUNT_RE = re.compile(r"^\d{1,8}(\.\d{1,2})?$")
_link_syntax = URLValidator(schemes=["http", "https"])


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def text(value, what: str, *, required=False, max_length=None) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RowInvalid(f"{what} must be text, not {type(value).__name__}")
    invalid = INVALID_TEXT.search(value)
    if invalid:
        raise RowInvalid(
            f"{what} contains {describe_character(invalid.group())} at position "
            f"{invalid.start() + 1}; the catalogue must send plain text"
        )
    value = value.strip()
    if required and not value:
        raise RowInvalid(f"{what} is missing")
    if max_length and len(value) > max_length:
        raise RowInvalid(f"{what} is longer than {max_length} characters")
    return value


def ref(value, what: str, *, required=True) -> str:
    value = text(value, what, required=required)
    if value and not REF_RE.match(value):
        raise RowInvalid(f"{what} {value!r} may only contain letters, digits, '-', '_' and '.'")
    return value


def amount(value, what: str) -> str:
    """A price as the feed must write it ("49.00"); a decimal comma is refused, not guessed."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowInvalid(f"{what} is missing or not a number")
    raw = str(value).strip()
    if "," in raw:
        raise RowInvalid(
            f"{what} {raw!r} uses a comma; the feed needs a dot as the decimal separator "
            f"(e.g. {raw.replace('.', '').replace(',', '.')!r})"
        )
    if not AMOUNT_RE.match(raw):
        raise RowInvalid(f"{what} {raw!r} is not an amount such as 49.00")
    return str(Decimal(raw).quantize(Decimal("0.01")))


def gtin(value) -> str:
    value = text(value, "GTIN")
    if not value:
        return ""
    if not value.isdigit() or len(value) not in {8, 12, 13, 14}:
        raise RowInvalid(f"GTIN {value!r} must be 8, 12, 13 or 14 digits")
    digits = [int(char) for char in value]
    weighted = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    if (10 - weighted % 10) % 10 != digits[-1]:
        raise RowInvalid(f"GTIN {value} has an invalid check digit")
    return value


def language_map(value, what: str, *, required_default=False, max_length=None) -> dict:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise RowInvalid(f"{what} must be an object of languages")
    result = {}
    for code, item in value.items():
        code = text(code, f"a language code in {what}")
        item = text(item, f"{what}.{code}", max_length=max_length)
        if item:
            result[str(code)] = item
    if required_default and not result.get(settings.LANGUAGE_CODE):
        raise RowInvalid(f"{what}.{settings.LANGUAGE_CODE} (the German {what}) is missing")
    return result


def timestamp(value, what: str) -> str:
    value = text(value, what)
    if not value:
        return ""
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RowInvalid(f"{what} {value!r} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed.astimezone(datetime.UTC).isoformat()


def catalogue_link(value) -> str:
    value = text(value, "link")
    if value:
        try:
            _link_syntax(value)
        except ValidationError:
            raise RowInvalid(f"link {value!r} is not an absolute http(s) address") from None
    return value


def shop_url(value, what: str) -> str:
    try:
        return check_shop_url(text(value, what))
    except ValidationError as exc:
        raise RowInvalid(f"{what}: {' '.join(exc.messages)}") from None
