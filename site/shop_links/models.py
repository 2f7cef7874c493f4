"""Where the label's products can be bought: retailers, their product pages, and private counts.

Retailers with a `ref` come from the catalogue and are owned by the sync; editors may add
retailers of their own (no `ref`), which a sync never touches. Stockist links point from a
product's German record (or, added by editors, a German designer page) to a retailer's German
row; both are shown in the visitor's language.

`ClickCount` holds daily totals per link and placement and nothing about a visitor. `LinkCheck`
is the link checker's last word on one outbound address, shared by every row that uses it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.index_pages import IndexPage
from core.models import ReviewedSnippet, revisions_relation, workflow_states_relation
from shop_links.validators import check_shop_url

ALLOW_HTTP_HELP = _(
    "Nur ankreuzen, wenn der Shop wirklich keine verschlüsselte Adresse (https) hat."
)


def _check_url(instance, field: str, *, required: bool = True):
    value = getattr(instance, field)
    if not value and not required:
        return
    allow_http = instance.allow_http or getattr(settings, "SHOP_LINKS_ALLOW_HTTP", False)
    try:
        setattr(instance, field, check_shop_url(value, allow_http=allow_http))
    except ValidationError as error:
        raise ValidationError({field: error}) from None


# A catalogue retailer's fields that belong to the catalogue (the sync writes them; editors
# see them read-only, `forms.RetailerForm`; no draft brings old values back, `with_content_json`).
CATALOGUE_FIELDS = (
    "ref",
    "name",
    "kind",
    "street",
    "postcode",
    "city",
    "country",
    "latitude",
    "longitude",
    "website",
    "allow_http",
    "in_feed",
)


class Retailer(ReviewedSnippet):
    class Kind(models.TextChoices):
        MUSEUM_SHOP = "museum_shop", _("Museumsshop")
        LABEL_STORE = "label_store", _("Laden des Labels")
        CONCEPT_STORE = "concept_store", _("Concept Store")
        ONLINE_SHOP = "online_shop", _("Online-Shop")

    # A product page reads its shops row by row (`core.dependencies.rows_read`), by the key a
    # shop's translations share: a shop renamed re-renders the product pages that list it only.
    row_read_key = "translation_key"
    # What a shop's own entries show (a where-to-buy line, the retailers page, a map): the
    # catalogue's facts but its key and the feed flag, and the editors' texts. A save that
    # changes only these re-renders the pages that show this shop and leaves the lists of shops
    # read as rows (`dependencies.rows_read(Retailer, ())`: which shops are shown, as the
    # results page counts them; `core.content_version._note_row_lists`); liveness, the feed
    # and a new or deleted shop replace those lists too. Pages that show every shop (the
    # retailers page, the workshops' map) read the shops' table as a whole.
    row_content_fields = (frozenset(CATALOGUE_FIELDS) - {"ref", "in_feed"}) | {
        "description",
        "opening_hours",
    }

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
    website = models.URLField(_("Website"), max_length=500)
    allow_http = models.BooleanField(
        _("http-Adresse erlauben"), default=False, help_text=ALLOW_HTTP_HELP
    )
    description = models.TextField(
        _("Kurzbeschreibung"),
        blank=True,
        help_text=_("Ein, zwei Sätze über den Laden, für die Händlerseite."),
    )
    opening_hours = models.TextField(
        _("Öffnungszeiten"),
        blank=True,
        help_text=_("Eine Zeile je Tag oder Zeitraum, z. B. „Di–Fr 11–18 Uhr“."),
    )
    in_feed = models.BooleanField(
        _("Im Katalog"),
        default=True,
        help_text=_("Fehlt ein Katalog-Händler im letzten Abgleich, wird er ausgeblendet."),
    )
    _revisions = revisions_relation("retailer")
    workflow_states = workflow_states_relation("retailer")

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
        SynchronizedField("allow_http"),
        TranslatableField("description"),
        TranslatableField("opening_hours"),
        SynchronizedField("in_feed"),
    ]

    class Meta(ReviewedSnippet.Meta):
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
    def is_online(self) -> bool:
        return self.kind == self.Kind.ONLINE_SHOP

    @property
    def list_key(self) -> str:
        """How addresses name the shop: `#haendler-<key>` on the retailers page,
        `?retailer=<key>` on the product index. The catalogue's ref, else the row's id."""
        return self.ref or str(self.pk)

    @classmethod
    def shown(cls):
        """The German rows of the shops visitors see: published, and in the catalogue's last
        snapshot where they come from it (`in_feed`)."""
        return cls.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, in_feed=True, live=True
        )

    @classmethod
    def shown_by_key(cls, key: str):
        """The German row of the visible shop with this `list_key`, or None (one query)."""
        rows = cls.shown()
        if key.isascii() and key.isdigit() and len(key) < 10:
            return rows.filter(Q(ref=key) | Q(ref="", pk=int(key))).first()
        return rows.filter(ref=key).first() if key else None

    def clean(self):
        super().clean()
        _check_url(self, "website")

    def with_content_json(self, content):
        """A revision as an object, with the catalogue's facts as they are now.

        The sync writes a catalogue retailer's row directly (always live); a draft or a
        revision under review was taken before and must not bring old addresses back when it
        is published, nor show them in the editor.
        """
        obj = super().with_content_json(content)
        if self.ref:
            for name in CATALOGUE_FIELDS:
                setattr(obj, name, getattr(self, name))
        return obj


class StockistLink(models.Model):
    """A retailer's page for one product, or an editor's pointer from a designer to a retailer.

    Catalogue links (`from_feed`) always name a product and an address. Editors' links name a
    product or a designer page; without an address they lead to the retailer's website.
    """

    retailer = models.ForeignKey(
        Retailer, verbose_name=_("Händler"), on_delete=models.CASCADE, related_name="links"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Produkt"),
        on_delete=models.CASCADE,
        related_name="stockist_links",
        null=True,
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    designer = models.ForeignKey(
        settings.CATALOGUE_DESIGNER_PAGE_MODEL,
        verbose_name=_("Designer:in"),
        on_delete=models.CASCADE,
        related_name="stockist_links",
        null=True,
        blank=True,
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Statt eines Produkts: ein Händler, der Arbeiten dieser Person führt."),
    )
    url = models.URLField(
        _("Adresse"),
        max_length=1000,
        blank=True,
        help_text=_("Leer lassen, um auf die Website des Händlers zu verlinken."),
    )
    allow_http = models.BooleanField(
        _("http-Adresse erlauben"), default=False, help_text=ALLOW_HTTP_HELP
    )
    paid = models.BooleanField(
        _("Bezahlte Platzierung"),
        default=False,
        help_text=_("Bezahlte Links werden als solche gekennzeichnet (rel=„sponsored“)."),
    )
    new_tab = models.BooleanField(_("In neuem Tab öffnen"), default=False)
    from_feed = models.BooleanField(_("Aus dem Katalog"), default=False, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    # The product's German title, the order of a shop's list (A to Z): in this table, the index
    # below walks a shop's links in that order and a listing stops after its first rows instead
    # of sorting every link of the shop. Kept equal to `product.title` by `save()` here, by
    # `Product.save()` and by the catalogue sync (`shop_links.catalogue_feed`).
    product_title = models.CharField(max_length=255, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("Bezugsquelle")
        verbose_name_plural = _("Bezugsquellen")
        ordering = ["product", "position"]
        indexes = [
            models.Index(
                fields=["retailer", "product_title", "id"], name="shop_links_link_shop_title"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["retailer", "product"],
                condition=Q(product__isnull=False),
                name="shop_links_link_unique",
            ),
            models.UniqueConstraint(
                fields=["retailer", "designer"],
                condition=Q(designer__isnull=False),
                name="shop_links_designer_link_unique",
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=False, designer__isnull=True)
                | Q(product__isnull=True, designer__isnull=False),
                name="shop_links_link_product_or_designer",
                violation_error_message=_(
                    "Bitte entweder ein Produkt oder eine Designer:in wählen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.retailer} → {self.target_url}"

    def save(self, *args, **kwargs):
        self.product_title = self.product.title if self.product_id else ""
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "product_title"}
        super().save(*args, **kwargs)

    @property
    def target_url(self) -> str:
        """Where the visitor goes: the product page at the retailer, else its website."""
        return self.url or self.retailer.website

    def clean(self):
        super().clean()
        _check_url(self, "url", required=self.from_feed)


class ClickCount(models.Model):
    """Clicks on one outbound link on one day, by where on the site the link was placed.

    A row is a number: no address, browser, cookie or any other trace of who clicked. `website`
    rows count clicks on a retailer's website link (`/go/shop/<id>/`, no `link`); the others
    count one stockist link. `product` and `designer_ref` are copied when counting, so the report
    survives a link being removed: its rows then keep their numbers with `link` empty, and the
    per-retailer uniqueness applies to `website` rows only, so such orphans never collide.
    """

    class Placement(models.TextChoices):
        PRODUCT = "product", _("Produktseite")
        DESIGNER = "designer", _("Designerseite")
        RETAILERS = "retailers", _("Händlerseite")
        BLOCK = "block", _("Inhaltsblock")
        OTHER = "other", _("Andere")

    day = models.DateField(_("Tag"))
    retailer = models.ForeignKey(
        Retailer, verbose_name=_("Händler"), on_delete=models.CASCADE, related_name="+"
    )
    link = models.ForeignKey(
        StockistLink,
        verbose_name=_("Bezugsquelle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Produkt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    designer_ref = models.SlugField(_("Designer:in (Kennung)"), max_length=80, blank=True)
    placement = models.CharField(_("Platzierung"), max_length=20, choices=Placement.choices)
    website = models.BooleanField(_("Website"), default=False, editable=False)
    count = models.PositiveIntegerField(_("Klicks"), default=0)

    class Meta:
        verbose_name = _("Klickzahl")
        verbose_name_plural = _("Klickzahlen")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "link", "placement"],
                condition=Q(link__isnull=False),
                name="shop_links_clicks_per_link",
            ),
            models.UniqueConstraint(
                fields=["day", "retailer", "placement"],
                condition=Q(website=True),
                name="shop_links_clicks_per_retailer",
            ),
            models.CheckConstraint(
                condition=Q(website=False) | Q(link__isnull=True),
                name="shop_links_clicks_website_has_no_link",
            ),
        ]
        indexes = [models.Index(fields=["day", "retailer"], name="shop_links_clicks_day")]

    def __str__(self):
        return f"{self.day}: {self.retailer_id} × {self.count}"


class LinkCheck(models.Model):
    """The link checker's findings for one outbound address (`check_shop_links`).

    `failures` counts consecutive failed checks; `broken` is set only after several of them
    (`SHOP_LINKS_BROKEN_AFTER`) and cleared by the next success. Nothing is hidden or deleted
    because of it: editors decide.
    """

    url = models.URLField(_("Adresse"), max_length=1000, unique=True)
    status = models.PositiveSmallIntegerField(_("HTTP-Status"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=200, blank=True)
    final_url = models.URLField(_("Endgültige Adresse"), max_length=1000, blank=True)
    checked_at = models.DateTimeField(_("Geprüft am"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("Dauer (ms)"), null=True, blank=True)
    failures = models.PositiveSmallIntegerField(_("Fehlschläge in Folge"), default=0)
    broken = models.BooleanField(_("Defekt"), default=False)
    retry_after = models.DateTimeField(_("Erneut prüfen ab"), null=True, blank=True)

    class Meta:
        verbose_name = _("Linkprüfung")
        verbose_name_plural = _("Linkprüfungen")
        ordering = ["url"]

    def __str__(self):
        return self.url


class RetailerIndexPage(IndexPage):
    """Every shop that sells the label's products: an accessible list first, a map on request.

    Shops are grouped by country and city, online shops apart; each has a section with an anchor
    (`#haendler-<ref>`) saying what it stocks. The map is an enhancement: a link to
    openstreetmap.org per shop, and a self-hosted script that embeds OpenStreetMap's map only
    when the visitor asks for it, so nothing loads from another host before.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Händlerseite")
        verbose_name_plural = _("Händlerseiten")

    def directory(self, request):
        """The retailers of this page's language, worked out once per request (body and head)."""
        from shop_links.presentation import directory

        cached = getattr(request, "_retailer_directory", None)
        if cached is None or cached[0] != self.pk:
            cached = (self.pk, directory(self.locale))
            if request is not None:
                request._retailer_directory = cached
        return cached[1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = self.directory(request)
        return context

    def get_structured_data(self, request) -> list[dict]:
        from shop_links.presentation import store_structured_data

        stores = [store_structured_data(s, request) for s in self.directory(request).stockists]
        return [*super().get_structured_data(request), *stores]
