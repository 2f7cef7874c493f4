"""Where the label's products can be bought: retailers and their product pages.

Retailers with a `ref` come from the catalogue and are owned by the sync; editors may add
retailers of their own (no `ref`), which a sync never touches. Stockist links point from a
product's German record to a retailer's German row; both are shown in the visitor's language
through `localized`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from shop_links.validators import validate_shop_url


class Retailer(TranslatableMixin, models.Model):
    class Kind(models.TextChoices):
        MUSEUM_SHOP = "museum_shop", _("Museumsshop")
        LABEL_STORE = "label_store", _("Laden des Labels")
        CONCEPT_STORE = "concept_store", _("Concept Store")
        ONLINE_SHOP = "online_shop", _("Online-Shop")

    ref = models.SlugField(
        _("Kennung im Katalog"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("Nur bei Händlern aus dem Katalog; eigene Einträge haben keine."),
    )
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=20, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    country = models.CharField(_("Land (ISO-Code)"), max_length=2, blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    website = models.URLField(_("Website"), max_length=500, validators=[validate_shop_url])
    in_feed = models.BooleanField(
        _("Im Katalog"),
        default=True,
        help_text=_("Fehlt ein Katalog-Händler im letzten Abgleich, wird er ausgeblendet."),
    )

    translatable_fields = [
        SynchronizedField("ref"),
        TranslatableField("name"),
        SynchronizedField("kind"),
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
        SynchronizedField("country"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("website"),
        SynchronizedField("in_feed"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Händler")
        verbose_name_plural = _("Händler")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ref", "locale"],
                condition=~Q(ref=""),
                name="shop_links_retailer_ref_locale",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def from_catalogue(self) -> bool:
        return bool(self.ref)


class StockistLink(models.Model):
    """A retailer's page for one product."""

    retailer = models.ForeignKey(
        Retailer, verbose_name=_("Händler"), on_delete=models.CASCADE, related_name="links"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Produkt"),
        on_delete=models.CASCADE,
        related_name="stockist_links",
    )
    url = models.URLField(_("Adresse"), max_length=1000, validators=[validate_shop_url])
    from_feed = models.BooleanField(_("Aus dem Katalog"), default=False, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Bezugsquelle")
        verbose_name_plural = _("Bezugsquellen")
        ordering = ["product", "position"]
        constraints = [
            models.UniqueConstraint(fields=["retailer", "product"], name="shop_links_link_unique")
        ]

    def __str__(self):
        return f"{self.retailer} → {self.url}"
