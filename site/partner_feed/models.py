"""Who may read the partner feed (`partner_feed.views`): the access switch and the partners' keys.

A key is shown once, when an editor creates it, and stored only as its SHA-256 digest (a key is
32 random bytes, so an unsalted digest cannot be guessed back). A request names its key by the
short public `prefix` in it (`min_<prefix>_<secret>`); the digest of the whole key is then
compared in constant time. Revoking sets `revoked_at`: the row stays, so the log's key ids keep
their meaning.
"""

import hashlib
import hmac
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

KEY_PREFIX = "min"
PREFIX_LENGTH = 8
# The longest key looked at: longer values are refused before anything is hashed.
LONGEST_KEY = 80


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """(prefix, key): a fresh key and the public part a request is matched by."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def split_key(key: str) -> str:
    """The prefix of a well-formed key, else ""."""
    if not key or len(key) > LONGEST_KEY or not key.isascii() or not key.isprintable():
        return ""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != PREFIX_LENGTH:
        return ""
    return parts[1]


class PartnerKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PartnerKey(models.Model):
    partner = models.CharField(
        _("Partner"), max_length=200, help_text=_("Wer den Schlüssel bekommt, z. B. der Shop.")
    )
    note = models.TextField(
        _("Notiz"),
        blank=True,
        max_length=1000,
        help_text=_("Intern: wofür, mit wem vereinbart. Keine Passwörter oder Schlüssel."),
    )
    prefix = models.CharField(_("Kennung"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    key_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("Erstellt"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("Widerrufen"), null=True, blank=True, editable=False)
    last_used = models.DateField(_("Zuletzt benutzt"), null=True, blank=True, editable=False)

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("ein Schlüssel", "Partner-Schlüssel")
        verbose_name_plural = _("Partner-Schlüssel")
        ordering = ["partner", "-created_at"]
        permissions = [("manage_keys", _("Kann Schlüssel für den Produkt-Feed verwalten"))]

    def __str__(self):
        return f"{self.partner} ({self.prefix})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def issue(self) -> str:
        """Give the row a fresh key and return it: the only time anyone sees it."""
        self.prefix, key = new_key()
        self.key_digest = digest(key)
        return key

    def matches(self, key: str) -> bool:
        return hmac.compare_digest(self.key_digest, digest(key))

    @classmethod
    def for_key(cls, key: str) -> "PartnerKey | None":
        """The active key row `key` is, else None (one query; none for a malformed key)."""
        prefix = split_key(key)
        if not prefix:
            return None
        row = cls.objects.active().filter(prefix=prefix).first()
        return row if row is not None and row.matches(key) else None

    def note_use(self) -> None:
        """Remember the day of use (a date, no more): one write per key and day."""
        today = timezone.localdate()
        if self.last_used != today:
            PartnerKey.objects.filter(pk=self.pk).update(last_used=today)
            self.last_used = today


@register_setting(icon="key")
class FeedAccess(BaseGenericSetting):
    """Whether anyone may read the product feed, or only partners with a key."""

    public = models.BooleanField(
        _("Feed öffentlich"),
        default=False,
        help_text=_(
            "An: jeder kann den Produkt-Feed abrufen (ohne Schlüssel, begrenzt je Adresse). "
            "Aus: nur Partner mit einem gültigen Schlüssel."
        ),
    )

    class Meta:
        verbose_name = _("Zugang zum Produkt-Feed")


class FeedState(models.Model):
    """The digest of one page of the feed in one language as partners last got it, and since when:
    the Last-Modified a partner's If-Modified-Since is compared with. Written only when the
    content changes (`partner_feed.views.last_modified`)."""

    language = models.CharField(max_length=8)
    page = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)
    modified_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "page"], name="partner_feed_state_page")
        ]

    def __str__(self):
        return f"{self.language} {self.page}: {self.digest[:12]}"
