"""How the link checker's findings read in the admin (listings, edit forms, report, dashboard)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from shop_links.models import LinkCheck

# The codes `LinkCheck.error` holds.
ERRORS = {
    "http": _("HTTP-Fehler"),
    "timeout": _("Zeitüberschreitung"),
    "reset": _("Verbindung abgebrochen"),
    "refused": _("Verbindung abgelehnt"),
    "dns": _("Adresse nicht auflösbar (DNS)"),
    "tls": _("TLS-/Zertifikatsfehler"),
    "connection": _("Verbindungsfehler"),
    "redirects": _("Zu viele Weiterleitungen"),
    "scheme": _("Weiterleitung zu einer Adresse ohne http(s)"),
    "not-allowed": _("Adresse nicht erlaubt"),
    "private": _("Adresse im internen Netz, nicht geprüft"),
}


def can_watch_links(user) -> bool:
    """Who sees link problems: whoever may change retailers or stockist links."""
    return user.has_perm("shop_links.change_stockistlink") or user.has_perm(
        "shop_links.change_retailer"
    )


def state(failures: int | None, broken: bool | None, checked_at) -> str:
    """A short verdict: ok / failing n× / broken (n×) / not checked yet."""
    if checked_at is None:
        return str(_("noch nicht geprüft"))
    if broken:
        return ngettext(
            "defekt (%(count)d Fehlschlag in Folge)",
            "defekt (%(count)d Fehlschläge in Folge)",
            failures,
        ) % {"count": failures}
    if failures:
        return ngettext(
            "fehlerhaft (%(count)d Fehlschlag)", "fehlerhaft (%(count)d Fehlschläge)", failures
        ) % {"count": failures}
    return str(_("ok"))


def answer(check: LinkCheck) -> str:
    """What the shop answered last time: the HTTP status and/or the error."""
    parts = []
    if check.status:
        parts.append(f"HTTP {check.status}")
    if check.error and check.error != "http":
        parts.append(str(ERRORS.get(check.error, check.error)))
    return ", ".join(parts)


def verdict(check: LinkCheck | None) -> str:
    if check is None:
        return state(0, False, None)
    return state(check.failures, check.broken, check.checked_at)


def report_line(check: LinkCheck) -> str:
    """The verdict and, for a failing address, what the shop answered."""
    return " · ".join(part for part in (verdict(check), answer(check)) if part)
