"""The label's products as the catalogue describes them, plus the editorial layer around them.

Products are translatable snippets, not pages: the catalogue can hold thousands of them, and
page-tree writes (paths, revisions, the search index) would make every sync slow. A routable
index page serves them publicly (a later issue).

Each product exists once per locale (wagtail-localize's `translation_key` + `locale`). The
German row is the *record*: variants, images, production partners and stockist links hang off
it, so a translation is texts only and the facts exist once. Fields the catalogue owns are
written by the sync alone (read-only in the admin); `teaser`, `featured`, `designer_page` and
the passport's texts (`care_advice`, `repair_advice`, `material_origin`, `step_notes`) belong to
the editors and no sync ever writes them.
"""

from dataclasses import dataclass
from operator import itemgetter

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.localized import in_language_else_german, lang_mark
from core.routing import locale_for_language

# The safe subset descriptions are cleaned to (see catalogue.sync.html); the editor features
# match it so that a translator's editor offers nothing the sanitiser would remove.
DESCRIPTION_FEATURES = ["bold", "italic", "ol", "ul", "link"]


def _source_locale() -> dict:
    """The filter for German rows, by the locale's id where it is known (kept with the site's
    structure, `core.routing`): a join on the locale's language code would keep PostgreSQL from
    reading a designer's first products from its index (`catalogue_product_designer`)."""
    locale = locale_for_language(settings.LANGUAGE_CODE)
    if locale is None:
        return {"locale__language_code": settings.LANGUAGE_CODE}
    return {"locale_id": locale.pk}


class CatalogueManager(models.Manager):
    def sources(self):
        """The German records, which carry the facts (variants, images, links)."""
        return self.filter(**_source_locale())


class ProductionPartner(TranslatableMixin, models.Model):
    """A workshop or local business in a product's production chain."""

    ref = models.SlugField(_("Kennung im Katalog"), max_length=80)
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=80, blank=True)
    city = models.CharField(_("Ort"), max_length=80, blank=True)
    social_employment = models.BooleanField(
        _("Sozialer Arbeitsmarkt"),
        default=False,
        help_text=_("Anerkannte Werkstatt, die Menschen beschäftigt, die lange ohne Arbeit waren."),
    )
    in_feed = models.BooleanField(_("Im Katalog"), default=True)

    translatable_fields = [
        SynchronizedField("ref"),
        TranslatableField("name"),
        SynchronizedField("kind"),
        SynchronizedField("city"),
        SynchronizedField("social_employment"),
        SynchronizedField("in_feed"),
    ]
    objects = CatalogueManager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Produktionspartner")
        verbose_name_plural = _("Produktionspartner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ref", "locale"], name="catalogue_partner_ref_locale")
        ]

    def __str__(self):
        return self.name


class CatalogueTerm(TranslatableMixin, models.Model):
    """What a code of the feed means, in each language: a partner's kind (`sewing`), a product's
    category (`mug`).

    The feed names these with codes; visitors read the label of their language
    (`catalogue.vocabulary`). The data migration seeds the codes of the sample feed in four
    languages; catalogue managers add a code the feed starts using (the dashboard and the sync
    log list those that have no entry yet) and translate it like any other snippet.
    """

    class Kind(models.TextChoices):
        PARTNER_KIND = "partner_kind", _("Art eines Produktionspartners")
        CATEGORY = "category", _("Produktart")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("Code im Katalog"),
        max_length=80,
        help_text=_("Genau wie im Katalog-Feed, z. B. „sewing“ oder „tea_towel“."),
    )
    label = models.CharField(_("Bezeichnung"), max_length=120)

    translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("code"),
        TranslatableField("label"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Katalog-Begriff")
        verbose_name_plural = _("Katalog-Begriffe")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code", "locale"], name="catalogue_term_kind_code_locale"
            )
        ]

    def __str__(self):
        return self.label


def partner_choices():
    """The production partners an editor can write a step note for (their catalogue refs)."""
    return [
        (ref, f"{name} ({ref})")
        for ref, name in ProductionPartner.objects.sources().values_list("ref", "name")
    ]


class StepNoteBlock(blocks.StructBlock):
    """What was done at one workshop of a product's chain, in an editor's words. Keyed by the
    partner's catalogue ref, not by the chain's rows: the sync rewrites those when the feed's
    chain changes, and a note must outlive that (a ref no longer in the chain is not shown)."""

    partner = blocks.ChoiceBlock(
        choices=partner_choices,
        label=_("Werkstatt"),
        help_text=_("Ein Schritt der Herstellung dieses Produkts (aus dem Katalog)."),
    )
    text = blocks.TextBlock(
        label=_("Was hier gemacht wurde"),
        max_length=300,
        help_text=_("Ein, zwei Sätze, z. B. „Zugeschnitten und genäht“."),
    )

    class Meta:
        icon = "cogs"
        label = _("Schritt")


class ProductQuerySet(models.QuerySet):
    def live(self):
        """What visitors may see: active in the catalogue and present in its latest snapshot."""
        return self.filter(status=Product.Status.ACTIVE, in_feed=True)

    def sources(self):
        return self.filter(**_source_locale())


class Product(TranslatableMixin, models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        DRAFT = "draft", _("Entwurf")
        ARCHIVED = "archived", _("Archiviert")

    # Catalogue-owned: the sync writes these, nobody else.
    external_id = models.CharField(_("Katalog-ID"), max_length=64, db_index=True)
    slug = models.SlugField(
        _("Adresse"),
        max_length=120,
        help_text=_("Bleibt stabil; frühere Adressen leiten weiter."),
    )
    handle = models.CharField(_("Handle im Katalog"), max_length=200, blank=True)
    status = models.CharField(
        _("Status im Katalog"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    in_feed = models.BooleanField(
        _("Im Katalog"),
        default=True,
        help_text=_("Fehlt das Produkt im letzten Katalog-Abgleich, wird es ausgeblendet."),
    )
    title = models.CharField(_("Titel"), max_length=255)
    description = RichTextField(_("Beschreibung"), features=DESCRIPTION_FEATURES, blank=True)
    material = models.CharField(_("Material"), max_length=500, blank=True)
    designer_ref = models.SlugField(_("Designer:in (Kennung)"), max_length=80, blank=True)
    product_type = models.CharField(_("Produktart"), max_length=60, blank=True)
    dimensions = models.JSONField(_("Maße"), default=dict, blank=True)
    link = models.URLField(_("Seite im Katalog"), max_length=500, blank=True)
    catalogue_updated_at = models.DateTimeField(_("Geändert im Katalog"), null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The feed row this state was synced from, as `catalogue.sync.known.row_digest` sums it up: a
    # later run that finds the very same row reads no more of it (empty: not known, read it).
    feed_digest = models.CharField(max_length=64, blank=True, editable=False)
    synced_at = models.DateTimeField(_("Zuletzt abgeglichen"), null=True, blank=True)

    # Editorial: written by editors only; the sync never touches them.
    teaser = models.TextField(
        _("Anreißer"), blank=True, max_length=300, help_text=_("Ein, zwei Sätze für Karten.")
    )
    featured = models.BooleanField(_("Hervorgehoben"), default=False)
    designer_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Designer-Seite"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Leer lassen: die Seite wird über die Kennung der Designer:in gefunden. "
            "Nur setzen, um diese Zuordnung zu übersteuern."
        ),
    )
    # The passport (the product page's section and the hang tag's QR code): what the feed does
    # not say, per language. Editorial like the teaser: the sync never writes them.
    material_origin = models.TextField(
        _("Herkunft der Materialien"),
        blank=True,
        max_length=600,
        help_text=_("Woher Stoffe, Holz oder Ton kommen, z. B. „Sitzbezüge der ASEAG, Aachen“."),
    )
    care_advice = models.TextField(
        _("Pflegehinweise"),
        blank=True,
        max_length=600,
        help_text=_("Wie man das Produkt reinigt und pflegt."),
    )
    repair_advice = models.TextField(
        _("Reparatur"),
        blank=True,
        max_length=600,
        help_text=_("Was man selbst reparieren kann und wer sonst hilft."),
    )
    step_notes = StreamField(
        [("step", StepNoteBlock())],
        verbose_name=_("Was in den Werkstätten gemacht wurde"),
        blank=True,
        help_text=_(
            "Je Werkstatt der Herstellung ein kurzer Satz; die Reihenfolge kommt aus dem Katalog."
        ),
    )
    """Why a page FK plus `designer_ref`, not a FK to the designer page model: the designers
    app builds on the catalogue (its pages list products), so the catalogue must not import
    it. The catalogue's `designer_ref` is matched to a designer page's `catalogue_ref` at read
    time (`designer()`); this field is the editors' override for the rare product whose page
    differs, and it survives every sync because the sync never writes it."""

    translatable_fields = [
        SynchronizedField("external_id"),
        SynchronizedField("slug"),
        SynchronizedField("status"),
        SynchronizedField("in_feed"),
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("material"),
        SynchronizedField("designer_ref"),
        SynchronizedField("product_type"),
        SynchronizedField("dimensions"),
        SynchronizedField("link"),
        TranslatableField("teaser"),
        SynchronizedField("featured"),
        SynchronizedField("designer_page"),
        TranslatableField("material_origin"),
        TranslatableField("care_advice"),
        TranslatableField("repair_advice"),
        TranslatableField("step_notes"),
    ]
    objects = ProductQuerySet.as_manager()

    # Pages read products row by row (`core.dependencies.rows_read`), by the key a product's
    # translations share: an editor's save of one product re-renders the pages that show it,
    # not every page with products. The lists of products (which are featured, a designer's) are
    # read as rows too: a save that changes a column other than these (which no list picks or
    # orders by) re-renders every page that lists products (`content_version._note_row_lists`).
    row_read_key = "translation_key"
    # Which products are featured is a list of its own (`rows_read(Product, (), flags=
    # {"featured"})`, the featured products' cards): a product featured or no longer re-renders
    # those lists, not a designer's or the index's, which do not pick by it.
    row_list_flags = frozenset({"featured"})
    row_content_fields = frozenset(
        {
            "description",
            "material",
            "teaser",
            "material_origin",
            "care_advice",
            "repair_advice",
            "step_notes",
        }
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Produkt")
        verbose_name_plural = _("Produkte")
        ordering = ["title"]
        # The live products of a language A to Z (the product index) and a designer's (a
        # designer page): the database reads the first rows of the index and stops, and counts
        # them from the index alone (docs/performance.md, bounded lists).
        indexes = [
            models.Index(
                fields=["locale", "status", "in_feed", "title", "id"],
                name="catalogue_product_live_title",
            ),
            models.Index(
                fields=["designer_ref", "locale", "status", "in_feed", "title", "id"],
                name="catalogue_product_designer",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id", "locale"], name="catalogue_product_external_id_locale"
            ),
            models.UniqueConstraint(
                fields=["slug", "locale"], name="catalogue_product_slug_locale"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # The shops' lists sort by a copy of the title (`StockistLink.product_title`).
            self.stockist_links.exclude(product_title=self.title).update(product_title=self.title)

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.ACTIVE and self.in_feed

    @property
    def record(self) -> "Product":
        """The German row, which holds variants, images, partners and stockist links."""
        if self.locale_id == Locale.objects.get_for_language(settings.LANGUAGE_CODE).pk:
            return self
        return Product.objects.get(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )

    def designer(self):
        """The designer page: the editors' choice, or the page whose catalogue ref matches."""
        if self.designer_page_id:
            return self.designer_page.specific
        if not self.designer_ref:
            return None
        from catalogue.designers import designer_pages_by_ref

        return designer_pages_by_ref([self.designer_ref]).get(self.designer_ref)

    @classmethod
    def record_at(cls, slug: str, locale: Locale):
        """The German row of the product whose row in `locale` has `slug`, in one query, or
        None (an old slug, a German slug under another language: `resolve_slug`)."""
        german = Locale.objects.get_for_language(settings.LANGUAGE_CODE)
        if locale.pk == german.pk:
            return cls.objects.filter(slug=slug, locale=locale).first()
        return cls.objects.filter(
            locale=german,
            translation_key__in=cls.objects.filter(slug=slug, locale=locale).values(
                "translation_key"
            ),
        ).first()

    @classmethod
    def resolve_slug(cls, slug: str, locale: Locale | None = None):
        """(product, moved): the product at `slug`, or the one that used to live there.

        `moved` is true for a former slug, so the caller answers with a permanent redirect.
        """
        locale = locale or Locale.get_active()
        product = cls.objects.filter(slug=slug, locale=locale).first()
        if product is not None:
            return product, False
        old = ProductSlugHistory.objects.filter(slug=slug).select_related("product").first()
        if old is None:
            return None, False
        product = old.product.get_translation_or_none(locale) or old.product
        return product, True


class ProductSlugHistory(models.Model):
    """A slug a product had before: old links keep working and redirect to the current one."""

    slug = models.SlugField(max_length=120, unique=True)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Frühere Adresse")
        verbose_name_plural = _("Frühere Adressen")

    def __str__(self):
        return self.slug


class ProductPartner(models.Model):
    """One step of a product's production chain, in the catalogue's order."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(
        ProductionPartner, on_delete=models.CASCADE, related_name="product_links"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["product", "partner"], name="catalogue_product_partner")
        ]

    def __str__(self):
        return f"{self.product} ← {self.partner}"


@dataclass(frozen=True)
class ShownText:
    """A text from the feed as one visitor reads it, `lang` set only where it is not the visitor's
    language (the German text standing in)."""

    text: str
    lang: str = ""

    def __str__(self):
        return self.text


def in_language(values: dict, code: str) -> tuple[str, str]:
    """From a feed's {language: text}: the text in `code`, else the German one, with its language
    where it is not `code`; ("", "") where neither is given."""
    texts = [(language, (text or "").strip()) for language, text in values.items()]
    shown = in_language_else_german(
        [(language, text) for language, text in texts if text],
        code,
        key=lambda item: "text",
        language_of=itemgetter(0),
    )
    if "text" not in shown:
        return "", ""
    language, text = shown["text"]
    return text, lang_mark(language, code)


class Variant(models.Model):
    class Availability(models.TextChoices):
        IN_STOCK = "in_stock", _("Vorrätig")
        OUT_OF_STOCK = "out_of_stock", _("Ausverkauft")
        PREORDER = "preorder", _("Vorbestellbar")
        BACKORDER = "backorder", _("Nachbestellt")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("Artikelnummer"), max_length=64, unique=True)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    options = models.JSONField(_("Optionen"), default=dict, blank=True)
    price = models.DecimalField(_("Preis"), max_digits=10, decimal_places=2)
    sale_price = models.DecimalField(
        _("Aktionspreis"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("Währung"), max_length=3, default="EUR")
    availability = models.CharField(_("Verfügbarkeit"), max_length=20, choices=Availability.choices)
    # The site's extension of the feed (docs/catalogue-sync.md), shown on line sheets only.
    wholesale_price = models.DecimalField(
        _("Großhandelspreis"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    minimum_order = models.PositiveIntegerField(_("Mindestbestellmenge"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Variante")
        verbose_name_plural = _("Varianten")
        ordering = ["product", "position"]

    def __str__(self):
        return self.sku

    def option_labels(self, language_code: str | None = None) -> list[ShownText]:
        """Option values in the visitor's language; German, marked as such, where the catalogue
        has none in that language."""
        code = language_code or translation.get_language()
        return [
            ShownText(*shown)
            for values in self.options.values()
            if (shown := in_language(values, code))[0]
        ]


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="catalogue_products"
    )
    position = models.PositiveSmallIntegerField(default=0)
    source_url = models.CharField(max_length=1000)
    alt = models.JSONField(default=dict, blank=True, help_text="{language code: alt text}")

    class Meta:
        ordering = ["product", "position"]

    def __str__(self):
        return self.source_url

    def alt_text(self, language_code: str | None = None) -> tuple[str, str]:
        """The feed's alt text in that language, else its German one, and the language it is in
        ("" where the visitor's); ("", "") where the feed gives none."""
        return in_language(self.alt or {}, language_code or translation.get_language())


class ImageSource(models.Model):
    """Where a catalogue photo came from and what the server said about it: the sync's memory of
    an image URL. Its validators (ETag, Last-Modified, Content-Length) let the next run ask the
    server "changed since?" instead of downloading the photo again; the image is the library
    image the URL's current content is. A local file's size and modification time stand in for
    the validators."""

    url = models.CharField(max_length=1000, unique=True)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="catalogue_sources"
    )
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    content_length = models.PositiveBigIntegerField(null=True, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.url


class SyncRun(models.Model):
    """One run of the catalogue sync, for the admin's run log."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Läuft")
        SUCCEEDED = "succeeded", _("Erfolgreich")
        REFUSED = "refused", _("Abgebrochen (Feed abgelehnt)")
        LOCKED = "locked", _("Nicht gestartet (läuft schon)")
        FAILED = "failed", _("Fehlgeschlagen")
        ABANDONED = "abandoned", _("Abgebrochen (Prozess beendet)")

    class Trigger(models.TextChoices):
        COMMAND = "command", _("Befehl")
        ADMIN = "admin", _("Admin (Jetzt abgleichen)")
        DEMO = "demo", _("Demo-Inhalte")

    started_at = models.DateTimeField(_("Beginn"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("Letztes Lebenszeichen"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=1000)
    trigger = models.CharField(_("Gestartet durch"), max_length=10, choices=Trigger.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("Ergebnis"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    dry_run = models.BooleanField(_("Probelauf"), default=False)
    forced = models.BooleanField(_("Mit --force"), default=False)
    message = models.TextField(_("Meldung"), blank=True)
    counts = models.JSONField(_("Zahlen"), default=dict, blank=True)
    errors = models.JSONField(_("Fehler"), default=list, blank=True)
    warnings = models.JSONField(_("Hinweise"), default=list, blank=True)

    class Meta:
        verbose_name = _("Katalog-Abgleich")
        verbose_name_plural = _("Katalog-Abgleiche")
        ordering = ["-started_at"]
        permissions = [("run_sync", _("Kann einen Katalog-Abgleich starten"))]

    def __str__(self):
        # In the site's time zone, like every other time the admin shows (stored in UTC).
        started = f"{timezone.localtime(self.started_at):%Y-%m-%d %H:%M}" if self.started_at else ""
        return f"{started} {self.get_status_display()}".strip()

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at

    @property
    def error_count(self) -> int:
        return len(self.errors)


class SyncLock(models.Model):
    """The row a PostgreSQL run locks (`SELECT … FOR UPDATE NOWAIT`) for as long as it runs."""

    name = models.CharField(max_length=40, primary_key=True)

    class Meta:
        verbose_name = _("Abgleich-Sperre")

    def __str__(self):
        return self.name
