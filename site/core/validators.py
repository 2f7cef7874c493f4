"""Which addresses may be sent to a visitor as a link to a shop.

Used by the shop links (editors' input, link checks) and by the catalogue sync (the feed's
retailer and stockist addresses); `shop_links.validators` re-exports it for its migrations.

A stockist link ends up as an `href` on the site and, later, behind a counted redirect, so a bad
value is more than a typo: `javascript:` and `data:` run code, a relative path points into our
own site, and plain `http` sends visitors to a page anyone on their network can alter. Only
absolute `https` addresses pass, `http` only where it is explicitly allowed
(`SHOP_LINKS_ALLOW_HTTP`, for the odd small shop without TLS).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_url_syntax = URLValidator(schemes=["http", "https"])


def check_shop_url(url: str, *, allow_http: bool | None = None) -> str:
    """The cleaned URL, or ValidationError saying what is wrong with it."""
    if allow_http is None:
        allow_http = getattr(settings, "SHOP_LINKS_ALLOW_HTTP", False)
    value = (url or "").strip()
    if not value:
        raise ValidationError(_("Die Adresse fehlt."), code="empty")
    if any(ord(char) < 32 for char in value):
        raise ValidationError(_("Die Adresse enthält Steuerzeichen."), code="control")
    scheme = urlsplit(value).scheme.lower()
    if not scheme:
        raise ValidationError(
            _("„%(url)s“ ist keine vollständige Adresse (https://… fehlt)."),
            code="relative",
            params={"url": value},
        )
    if scheme == "http" and not allow_http:
        raise ValidationError(
            _("„%(url)s“ ist unverschlüsselt (http); nur https-Adressen sind erlaubt."),
            code="http",
            params={"url": value},
        )
    if scheme not in {"http", "https"}:
        raise ValidationError(
            _("„%(scheme)s:“-Adressen sind nicht erlaubt, nur https."),
            code="scheme",
            params={"scheme": scheme},
        )
    try:
        _url_syntax(value)
    except ValidationError:
        raise ValidationError(
            _("„%(url)s“ ist keine gültige Adresse."), code="malformed", params={"url": value}
        ) from None
    return value


def validate_shop_url(value):
    """Model-field validator form of `check_shop_url`, for editors' input in the admin."""
    check_shop_url(value)
