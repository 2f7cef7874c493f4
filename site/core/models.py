"""The shared base page, legal pages, navigation, footer and site settings."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
    get_page_models,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import seo
from core.blocks import BodyStreamBlock


class ListedParentPageTypes:
    """`parent_page_types` of a page type the ground floor defines: the page types that list it
    in their own `subpage_types`.

    The ground floor names no feature app, so its pages cannot say "under the home page"
    themselves; the feature apps that want them say so (`HomePage.subpage_types` lists the
    content and legal pages). A page type that allows every child (Wagtail's root, which takes
    no `subpage_types`) is not listed, so these pages stay out of the top of the tree, as they
    did when they named their parents. Read by Wagtail once the app registry is ready
    (`clean_parent_page_models`, which keeps the answer).
    """

    def __get__(self, instance, owner):
        return [
            model._meta.label
            for model in get_page_models()
            if getattr(model, "subpage_types", None) is not None
            and owner in model.clean_subpage_models()
        ]


class BasePage(Page):
    """What every public page type shares: SEO texts, a social image and the translation rules.

    Declaring the translatable fields here, once, keeps every page type consistent in
    wagtail-localize: texts are translated, images and settings are synchronised from German.
    """

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild für soziale Medien"),
        help_text=_("Wird beim Teilen gezeigt (1200 × 630). Ohne Angabe: das Hauptbild der Seite."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("social_image"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("social_image"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("search_description")]

    # Open Graph's og:type; e.g. "article" for stories, "profile" for designers.
    og_type = "website"
    # How the site search names a page of this type on its result card, and counts them.
    search_kind = _("Seite")
    search_kind_count = ngettext_lazy("%(count)s Seite", "%(count)s Seiten", "count")
    # The query parameters this page type reads (pagination, filters): the page cache keys on
    # these and ignores every other parameter (`core.pagecache.key_parameters`).
    cache_query_parameters: tuple[str, ...] = ()
    # True where the page type's templates show its image fields inside page fragments only
    # (`{% fragment "…" page %}`, the `<head>`'s included): their renditions are then fetched
    # when such a fragment renders afresh, not for a page whose fragments are all kept.
    images_in_fragments: bool = False

    class Meta:
        abstract = True

    def get_social_image(self):
        return self.social_image

    def get_context(self, request, *args, **kwargs):
        from core.i18n import share_locale

        share_locale(self)
        if not self.images_in_fragments:
            self.prefetch_renditions()
        return super().get_context(request, *args, **kwargs)

    def get_view_restrictions(self):
        from core import routing

        return routing.get_view_restrictions(self, super().get_view_restrictions)

    def prefetch_renditions(self):
        """The renditions of the page's image fields, fetched in one query before the templates
        ask for them. Those of the images in its StreamFields are fetched where a stream is
        rendered (`{% fragment %}`, `core.templatetags.fragment_tags`): a stream read from the
        fragment cache is not even converted from its JSON."""
        from wagtail.images import get_image_model

        from core.images import prefetch_renditions

        image_model = get_image_model()
        images = []
        for field in self._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is image_model
                and getattr(self, field.attname) is not None
            ):
                images.append(getattr(self, field.name))
        prefetch_renditions(images)

    def get_structured_data(self, request) -> list[dict]:
        """The page's JSON-LD: a list of schema.org objects, each rendered in its own
        `<script type="application/ld+json">` in the page's `<head>` (escaped by `core.seo.json_ld`).

        Contract for page types that extend it: call `super().get_structured_data(request)` and
        append your own objects (`Person` for a designer, `Article` for a story, `Product` with an
        `Offer`/`AggregateOffer` for a product), each a dict with `"@context": core.seo.SCHEMA_ORG`
        and an `"@type"`, every URL absolute on the Site's root URL
        (`core.seo.absolute_url(request, path)`, `core.seo.page_url(page, request)`), images
        through `core.seo.image_object(image, request)` (which gives None for a missing or broken
        file: leave the key out then), texts from rich text through `core.seo.plain_text`. Texts
        in the page's language. Keep the number of queries independent of how many items the page lists.
        `tests/seo/jsonld.py` validates the result.

        Every page gets its `BreadcrumbList`; a language's home page (the root of its tree) also
        the label's `Organization` and the `WebSite` with its search.
        """
        data = [seo.breadcrumb_list(self, request)]
        if self.depth == 2:
            data += [seo.organization(request, self), seo.website(request, self)]
        return data


class ContentPage(BasePage):
    """A general page ("Über das Projekt") composed from the common blocks."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyStreamBlock, verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ListedParentPageTypes()  # the home page and content pages list it
    subpage_types = ["core.ContentPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


class LegalPage(BasePage):
    """Impressum and Datenschutz: simple pages editors fill, always linked from the footer."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Impressum")
        PRIVACY = "privacy", _("Datenschutz")

    kind = models.CharField(
        _("Art"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("Der Fußbereich verlinkt jede Art automatisch."),
    )
    updated = models.DateField(_("Stand"), null=True, blank=True)
    body = RichTextField(
        _("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("updated"),
        FieldPanel("body"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("updated"),
        TranslatableField("body"),
    ]

    parent_page_types = ListedParentPageTypes()  # the home page lists it
    subpage_types = []

    class Meta:
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")


SOCIAL_FIELDS = ("instagram_url", "facebook_url", "linkedin_url", "mastodon_url")


class LinkFields(models.Model):
    """A link to a page of the site (preferred: it follows translations) or to an address."""

    label = models.CharField(_("Beschriftung"), max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("Oder Adresse"), blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta:
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Bitte entweder eine Seite oder eine Adresse angeben."))

    @property
    def href(self) -> str:
        if self.link_page_id:
            # The page in the visitor's language when it is live, else the page itself.
            return self.link_page.localized.url or ""
        return self.link_url


class ReviewedSnippet(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """A translatable snippet shown on the public site whose edits go through review.

    Saving keeps a draft revision; the row (what visitors see) changes only when a moderator
    publishes, through the "Redaktionelle Prüfung" workflow (workplace/workflow.py). Public
    queries must ask for `live=True`: a snippet created as a draft has a row that is not live.
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True


def revisions_relation(name: str) -> GenericRelation:
    """Revisions of a snippet, deleted with it (Wagtail's recommended reverse relation)."""
    return GenericRelation("wagtailcore.Revision", related_query_name=name)


def workflow_states_relation(name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


class Navigation(PreviewableMixin, ReviewedSnippet, ClusterableModel):
    """The main menu of one language; editors translate it like any snippet."""

    name = models.CharField(_("Name"), max_length=60, default="Hauptnavigation")
    _revisions = revisions_relation("navigation")
    workflow_states = workflow_states_relation("navigation")

    panels = [FieldPanel("name"), InlinePanel("items", label=_("Einträge"))]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("Navigation")
        verbose_name_plural = _("Navigationen")

    def __str__(self):
        return f"{self.name} ({self.locale.language_code})"

    def get_preview_template(self, request, mode_name):
        return "core/previews/navigation.html"


class NavigationItem(TranslatableMixin, Orderable, LinkFields):
    navigation = ParentalKey(Navigation, on_delete=models.CASCADE, related_name="items")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Navigationseintrag")

    def __str__(self):
        return self.label


class Footer(PreviewableMixin, ReviewedSnippet, ClusterableModel):
    """The footer of one language: a short text about the project, contact and links."""

    about = models.TextField(_("Über das Projekt"), max_length=400)
    contact = models.TextField(_("Kontakt"), blank=True, max_length=400)
    _revisions = revisions_relation("footer")
    workflow_states = workflow_states_relation("footer")

    panels = [FieldPanel("about"), FieldPanel("contact"), InlinePanel("links", label=_("Links"))]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("Fußbereich")
        verbose_name_plural = _("Fußbereiche")

    def __str__(self):
        return f"{_('Fußbereich')} ({self.locale.language_code})"

    def get_preview_template(self, request, mode_name):
        return "core/previews/footer.html"


class FooterLink(TranslatableMixin, Orderable, LinkFields):
    footer = ParentalKey(Footer, on_delete=models.CASCADE, related_name="links")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Link im Fußbereich")

    def __str__(self):
        return self.label


class SiteSettings(PreviewableMixin, ReviewedSnippet, ClusterableModel):
    """Site-wide texts and addresses of one language, so that none of them needs a developer.

    A translatable snippet with one instance per language rather than a Wagtail site setting:
    wagtail-localize translates snippets, not `BaseSiteSetting`. The German instance is the
    source; addresses, profiles and the image are synchronised to the translations. The funding
    notice and its logos (`FundingLogo`) are shown in every page's footer and in full on the
    project page; their texts (the notice, alt texts, the EU statement) are translated.
    """

    address = models.TextField(
        _("Postanschrift"), blank=True, max_length=300, help_text=_("Eine Zeile je Adresszeile.")
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), blank=True, max_length=40)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Standardbild für soziale Medien"),
        help_text=_("Für Seiten ohne eigenes Bild (1200 × 630)."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    funding_notice = RichTextField(
        _("Förderhinweis"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_(
            "Der Text, den die Förderrichtlinien verlangen: Projekt, Programm und Geldgeber. "
            "Steht im Fußbereich jeder Seite und auf der Projektseite."
        ),
    )
    _revisions = revisions_relation("sitesettings")
    workflow_states = workflow_states_relation("sitesettings")

    panels = [
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in SOCIAL_FIELDS],
            heading=_("Profile in sozialen Medien"),
        ),
        FieldPanel("default_social_image"),
        MultiFieldPanel(
            [FieldPanel("funding_notice"), InlinePanel("funding_logos", label=_("Logos"))],
            heading=_("Förderhinweis"),
        ),
    ]
    translatable_fields = [
        TranslatableField("address"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        *[SynchronizedField(name) for name in SOCIAL_FIELDS],
        SynchronizedField("default_social_image"),
        TranslatableField("funding_notice"),
        TranslatableField("funding_logos"),
    ]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("Website-Einstellungen")
        verbose_name_plural = _("Website-Einstellungen")

    def __str__(self):
        return f"{_('Website-Einstellungen')} ({self.locale.language_code})"

    def social_profiles(self) -> list[dict]:
        """The filled-in profiles as {"name", "url"}, in a fixed order."""
        return [
            {"name": str(self._meta.get_field(name).verbose_name), "url": getattr(self, name)}
            for name in SOCIAL_FIELDS
            if getattr(self, name)
        ]

    def get_preview_template(self, request, mode_name):
        return "core/previews/site_settings.html"

    def get_preview_context(self, request, mode_name):
        from core.frame import settings_values

        return {
            **super().get_preview_context(request, mode_name),
            "settings": settings_values(self),
        }


class ImageAltText(models.Model):
    """An image's alt text in one of the site's other languages.

    The German alt text is the image's own description (Wagtail's "default alt text", else its
    title); editors fill in the others in the image's edit form (`core.uploads.ImageForm`). Pages
    read them through `core.images.alt_for`, never directly.
    """

    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="alt_texts"
    )
    language_code = models.CharField(_("Sprache"), max_length=8)
    alt = models.CharField(_("Alternativtext"), max_length=255)

    class Meta:
        verbose_name = _("Alternativtext")
        verbose_name_plural = _("Alternativtexte")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "language_code"], name="core_imagealttext_one_per_language"
            )
        ]

    def __str__(self):
        return f"{self.language_code}: {self.alt}"


class FundingLogo(TranslatableMixin, Orderable):
    """One logo of the funding notice: the image, its alt text, a link and, for the EU emblem,
    the statement the EU's rules ask to show beside it ("Kofinanziert von der Europäischen Union")."""

    site_settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="funding_logos"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        # An image deleted from the library leaves the row (and its texts) without a logo; the
        # footer skips it until an editor chooses another.
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=200,
        help_text=_("Wer fördert, in Worten, z. B. „Logo des Programms BIWAQ“."),
    )
    link = models.URLField(_("Link"), blank=True, help_text=_("Die Website des Geldgebers."))
    statement = models.CharField(
        _("Text neben dem Logo"),
        max_length=120,
        blank=True,
        help_text=_("Beim EU-Emblem: „Kofinanziert von der Europäischen Union“."),
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("link"),
        FieldPanel("statement"),
    ]
    translatable_fields = [
        SynchronizedField("image"),
        TranslatableField("alt_text"),
        SynchronizedField("link"),
        TranslatableField("statement"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Förderlogo")
        verbose_name_plural = _("Förderlogos")

    def __str__(self):
        return self.alt_text
