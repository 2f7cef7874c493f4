"""How the link checker's findings read in the admin (listings, edit forms, report, dashboard)."""

from django.utils import timezone
from django.utils.formats import date_format
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


def summary(check: LinkCheck | None) -> str:
    """One line for a listing cell or a help text."""
    if check is None:
        return state(0, False, None)
    text = state(check.failures, check.broken, check.checked_at)
    if check.checked_at:
        text += " · " + str(_("geprüft %(when)s")) % {
            "when": date_format(timezone.localtime(check.checked_at), "SHORT_DATETIME_FORMAT")
        }
    if check.failures and answer(check):
        text += f" · {answer(check)}"
    if check.retry_after and check.retry_after > timezone.now():
        text += " · " + str(_("Shop bittet um Pause bis %(when)s")) % {
            "when": date_format(timezone.localtime(check.retry_after), "SHORT_DATETIME_FORMAT")
        }
    return text
