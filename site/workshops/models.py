"""The workshop network: production partners at public addresses, with what editors say of them.

The catalogue's partners (`catalogue.models.ProductionPartner`, written by the sync) carry the
facts the label's feed knows: ref, name per language, kind, city, social employment. What a
visitor reads about a workshop - what it does, its skills, capacity, employment, location - is
editorial and lives here, in a `Workshop` profile keyed to the partner's `ref`, which no sync ever
touches. A profile whose `ref` the catalogue does not know is a workshop editors added (with its
own name). Profiles are translatable snippets under review (`core.models.ReviewedSnippet`): a
translation or an edit reaches visitors when a moderator publishes it.

The skills are a vocabulary of their own (`Skill`: a code, a label per language), which editors
extend in the admin. The `WorkshopIndexPage` (one per language, under the home page) routes the
workshops' pages: /<lang>/<index>/<ref>/.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.index_pages import IndexPage
from core.models import ReviewedSnippet, revisions_relation, workflow_states_relation

RICH = ["bold", "italic", "link", "ul"]


# A workshop's own product list, named in the page's language like the index's slugs
# (/de/werkstaetten/<ref>/produkte/, /en/workshops/<ref>/products/, …); the route
# (`WorkshopIndexPage.products`) answers 404 to another language's name.
PRODUCTS_ROUTES = {"de": "produkte", "en": "products", "nl": "producten", "fr": "produits"}


def products_route(language_code: str) -> str:
    return PRODUCTS_ROUTES.get(language_code, PRODUCTS_ROUTES[settings.LANGUAGE_CODE])


class District(models.TextChoices):
    """Aachen's city districts (Stadtbezirke); names, not translated."""

    MITTE = "mitte", "Aachen-Mitte"
    BRAND = "brand", "Brand"
    EILENDORF = "eilendorf", "Eilendorf"
    HAAREN = "haaren", "Haaren"
    KORNELIMUENSTER = "kornelimuenster-walheim", "Kornelimünster/Walheim"
    LAURENSBERG = "laurensberg", "Laurensberg"
    RICHTERICH = "richterich", "Richterich"
    OUTSIDE = "ausserhalb", _("Außerhalb von Aachen")


def german_rows():
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class Skill(TranslatableMixin, models.Model):
    """A machine or a skill a workshop offers (`sewing`, `laser_cutting`), in each language."""

    code = models.SlugField(
        _("Code"),
        max_length=60,
        help_text=_(
            "Kurz und ohne Leerzeichen, z. B. „laser_cutting“; steht in der Filter-Adresse."
        ),
    )
    label = models.CharField(_("Bezeichnung"), max_length=80)

    translatable_fields = [SynchronizedField("code"), TranslatableField("label")]
    panels = [FieldPanel("code"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Fertigkeit")
        verbose_name_plural = _("Fertigkeiten")
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="workshops_skill_code_locale")
        ]

    def __str__(self):
        return self.label


class Workshop(ReviewedSnippet, ClusterableModel):
    """What editors say about one production partner (or about a workshop they added)."""

    ref = models.SlugField(
        _("Kennung"),
        max_length=80,
        help_text=_(
            "Die Kennung des Produktionspartners im Katalog (z. B. „depot-naehwerkstatt“); für "
            "eine Werkstatt, die der Katalog nicht kennt, eine neue. Steht in der Adresse der Seite."
        ),
    )
    name = models.CharField(
        _("Name"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leer lassen, wenn der Katalog die Werkstatt kennt: dann gilt sein Name. Pflicht für "
            "eine Werkstatt, die nicht im Katalog steht."
        ),
    )
    summary = models.TextField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Ein, zwei Sätze für die Übersicht."),
    )
    description = RichTextField(_("Was die Werkstatt macht"), features=RICH, blank=True)
    skills = ParentalManyToManyField(
        Skill,
        verbose_name=_("Maschinen und Fertigkeiten"),
        blank=True,
        limit_choices_to=german_rows,
        related_name="workshops",
    )
    capacity = models.TextField(
        _("Kapazität"),
        blank=True,
        max_length=1000,
        help_text=_("Z. B. Stückzahlen im Monat, Vorlaufzeit, Materialien."),
    )
    employment = models.CharField(
        _("Beschäftigung"),
        max_length=200,
        blank=True,
        help_text=_(
            "Ob die Werkstatt Menschen beschäftigt oder qualifiziert, die lange ohne Arbeit "
            "waren, in einem kurzen Satz; leer lassen, wenn nicht."
        ),
    )
    district = models.CharField(
        _("Stadtbezirk"), max_length=30, choices=District.choices, default=District.MITTE
    )
    address = models.CharField(
        _("Anschrift"), max_length=200, blank=True, help_text=_("Freiwillig.")
    )
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Freiwillig, für die Karte: z. B. 50.7836."),
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    _revisions = revisions_relation("workshop")
    workflow_states = workflow_states_relation("workshop")

    panels = [
        FieldRowPanel([FieldPanel("ref"), FieldPanel("name")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        FieldPanel("capacity"),
        FieldPanel("employment"),
        MultiFieldPanel(
            [
                FieldPanel("district"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Lage"),
        ),
    ]
    translatable_fields = [
        SynchronizedField("ref"),
        TranslatableField("name"),
        TranslatableField("summary"),
        TranslatableField("description"),
        SynchronizedField("skills"),
        TranslatableField("capacity"),
        TranslatableField("employment"),
        SynchronizedField("district"),
        SynchronizedField("address"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    class Meta(ReviewedSnippet.Meta):
        verbose_name = _("Werkstatt")
        verbose_name_plural = _("Werkstätten")
        ordering = ["ref"]
        constraints = [
            models.UniqueConstraint(fields=["ref", "locale"], name="workshops_workshop_ref_locale")
        ]

    def __str__(self):
        return self.name or self.ref

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Für die Karte beide Koordinaten angeben.")})
        if not self.name and self.ref:
            from catalogue.models import ProductionPartner

            if not ProductionPartner.objects.filter(ref=self.ref).exists():
                raise ValidationError(
                    {
                        "name": _(
                            "Der Katalog kennt diese Kennung nicht: bitte einen Namen eintragen."
                        )
                    }
                )


class WorkshopIndexPage(RoutablePageMixin, IndexPage):
    """The workshops at /<lang>/<index>/ (filters by skill and district) and their pages at
    /<lang>/<index>/<ref>/; the production enquiry form on both (`workshops.enquiry`)."""

    to_address = models.CharField(
        _("Benachrichtigung an"),
        max_length=255,
        blank=True,
        help_text=_(
            "E-Mail-Adressen des Teams für Produktionsanfragen, durch Kommas getrennt; ohne "
            "Angabe die Adresse aus ENQUIRY_NOTIFY_FALLBACK."
        ),
    )

    content_panels = [*IndexPage.content_panels, FieldPanel("to_address")]
    translatable_fields = [*IndexPage.translatable_fields, SynchronizedField("to_address")]

    per_page = 24
    cache_query_parameters = ("page", "skill", "district")
    template = "workshops/workshop_index_page.html"
    landing_page_template = "enquiries/enquiry_form_page_landing.html"

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Übersicht Werkstätten")
        verbose_name_plural = _("Übersichten Werkstätten")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from enquiries.views import serve_enquiry_form

            return serve_enquiry_form(self, request, *args, **kwargs)
        return super().serve(request, *args, **kwargs)

    @path("")
    def index(self, request):
        from workshops.views import index_context

        return self.render(request, context_overrides=index_context(self, request))

    @re_path(r"^(?P<ref>[-\w]+)/$")
    def workshop(self, request, ref):
        from workshops.views import workshop_response

        return workshop_response(self, request, ref)

    @re_path(r"^(?P<ref>[-\w]+)/(?P<name>{})/$".format("|".join(sorted(PRODUCTS_ROUTES.values()))))
    def products(self, request, ref, name):
        from workshops.views import workshop_products_response

        if name != products_route(self.locale.language_code):
            raise Http404  # another language's name: one address per language
        return workshop_products_response(self, request, ref)

    # The enquiry pipeline's form page (enquiries.views.serve_enquiry_form) ---------------------

    def get_form(self, *args, page=None, user=None, **kwargs):
        from workshops.enquiry import ProductionEnquiryForm

        return ProductionEnquiryForm(*args, page=self, user=None, **kwargs)

    def process_form_submission(self, form, *, request=None, token=None):
        from workshops.enquiry import store_production_enquiry

        return store_production_enquiry(self, form, token)

    def get_context(self, request, *args, **kwargs):
        from enquiries.privacy import privacy_page

        context = super().get_context(request, *args, **kwargs)
        context["privacy_page"] = privacy_page(self.locale.language_code)
        if request.method == "POST" and "workshops" not in context:
            # The form came back (errors, a fresh token): the index around it.
            from workshops.views import listing

            context.update(listing(self, request))
        return context

    def render_landing_page(self, request, enquiry=None, *args, **kwargs):
        from django.template.response import TemplateResponse
        from django.utils.translation import gettext

        context = self.get_context(request)
        context.update(
            enquiry=enquiry,
            thanks_heading=gettext("Vielen Dank für Ihre Produktionsanfrage"),
            thanks_text=gettext(
                "Wir haben Ihre Anfrage erhalten und melden uns, sobald wir mit der Werkstatt "
                "gesprochen haben."
            ),
            back_label=gettext("Zurück zu den Werkstätten"),
        )
        return TemplateResponse(request, self.landing_page_template, context)
