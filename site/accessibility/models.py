"""The accessibility statement ("Erklärung zur Barrierefreiheit") and its feedback form.

The page holds the parts a statement under the EU Web Accessibility Directive and the BITV 2.0
has: how far the site meets the requirements (a choice, shown with its standard sentence), the
content that is not accessible (what, why, the alternative), when and how the statement was
prepared and last reviewed, a way to report barriers, and the enforcement procedure's contact.

The feedback form is a form of the enquiry pipeline (`enquiries`): the page offers what
`enquiries.views.serve_enquiry_form` asks of a form page (`get_form`, `process_form_submission`,
`render_landing_page`), posts to the pipeline's own addresses with its signed token, and stores
each post as an `Enquiry` of the kind `accessibility_feedback`, before any mail.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from accessibility.apps import FEEDBACK
from accessibility.blocks import LimitationsBlock
from accessibility.forms import FeedbackForm, safe_page_path
from core.models import BasePage
from enquiries.models import FixedFormPageMixin

RICH = ["bold", "italic", "link"]


class AccessibilityStatementPage(FixedFormPageMixin, BasePage):
    class Conformance(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    class Method(models.TextChoices):
        SELF = "self", _("Selbstbewertung")
        EXTERNAL = "external", _("Prüfung durch eine unabhängige Stelle")
        BOTH = "both", _("Selbstbewertung und Prüfung durch eine unabhängige Stelle")

    intro = RichTextField(_("Einleitung"), features=RICH, blank=True)
    conformance = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
        help_text=_("Die Seite zeigt dazu den passenden Standardsatz in jeder Sprache."),
    )
    limitations = StreamField(
        LimitationsBlock(),
        verbose_name=_("Nicht barrierefreie Inhalte"),
        blank=True,
        help_text=_("Je Einschränkung: was, warum, und welche Alternative es gibt."),
    )
    prepared_on = models.DateField(_("Erstellt am"))
    reviewed_on = models.DateField(
        _("Zuletzt überprüft am"),
        help_text=_("Mindestens einmal im Jahr und nach jeder größeren Änderung der Website."),
    )
    method = models.CharField(
        _("Wie wurde geprüft?"), max_length=10, choices=Method.choices, default=Method.SELF
    )
    method_note = models.TextField(
        _("Zur Prüfung"),
        blank=True,
        help_text=_("Freiwillig: womit und was geprüft wurde."),
    )
    feedback_intro = RichTextField(_("Einleitung zum Rückmeldeformular"), features=RICH, blank=True)
    thank_you_text = RichTextField(
        _("Dank nach dem Absenden"),
        features=RICH,
        blank=True,
        help_text=_("Wird nach dem Absenden gezeigt, in der Sprache der Seite."),
    )
    enforcement = RichTextField(
        _("Durchsetzungsverfahren"),
        features=[*RICH, "ul"],
        help_text=_(
            "Die zuständige Stelle des Landes mit Anschrift und Kontaktweg. Vor jeder "
            "Veröffentlichung prüfen: nur geprüfte Angaben eintragen."
        ),
    )
    to_address = models.CharField(
        _("Benachrichtigung an"),
        max_length=255,
        blank=True,
        help_text=_(
            "E-Mail-Adressen des Teams, durch Kommas getrennt; ohne Angabe die Adresse aus "
            "ENQUIRY_NOTIFY_FALLBACK."
        ),
    )

    template = "accessibility/accessibility_statement_page.html"
    # The enquiry form's thank-you page, with this form's words (`render_landing_page`).
    form_class = FeedbackForm
    # The feedback form fills in the page a visitor came from (`?seite=/de/produkte/`).
    cache_query_parameters = ("seite",)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("conformance"),
        FieldPanel("limitations"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("method"),
                FieldPanel("method_note"),
            ],
            heading=_("Erstellung dieser Erklärung"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_intro"), FieldPanel("thank_you_text"), FieldPanel("to_address")],
            heading=_("Rückmeldungen"),
        ),
        FieldPanel("enforcement"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        SynchronizedField("conformance"),
        TranslatableField("limitations"),
        SynchronizedField("prepared_on"),
        SynchronizedField("reviewed_on"),
        SynchronizedField("method"),
        TranslatableField("method_note"),
        TranslatableField("feedback_intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("enforcement"),
        SynchronizedField("to_address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")

    def conformance_sentence(self) -> str:
        """The standard sentence for the chosen status, in the active language."""
        sentences = {
            self.Conformance.FULL: gettext(
                "Diese Website erfüllt die Anforderungen der BITV 2.0 vollständig; sie verweist "
                "auf die Europäische Norm EN 301 549 und damit auf die WCAG 2.1, Stufe AA."
            ),
            self.Conformance.PARTIAL: gettext(
                "Diese Website erfüllt die Anforderungen der BITV 2.0 teilweise; sie verweist "
                "auf die Europäische Norm EN 301 549 und damit auf die WCAG 2.1, Stufe AA. Die "
                "unten genannten Inhalte sind noch nicht barrierefrei."
            ),
            self.Conformance.NONE: gettext(
                "Diese Website erfüllt die Anforderungen der BITV 2.0 nicht; sie verweist auf die "
                "Europäische Norm EN 301 549 und damit auf die WCAG 2.1, Stufe AA. Die wichtigsten "
                "Mängel sind unten genannt."
            ),
        }
        return sentences[self.conformance]

    # The pipeline's form page (enquiries.models.FixedFormPageMixin) ------------------------

    def initial_answers(self, request) -> dict:
        """`?seite=` fills in the page asked about, when it is a plain path of this site."""
        path = safe_page_path(request.GET.get("seite"))
        return {"page": path} if path else {}

    def process_form_submission(self, form, *, request=None, token=None):
        from enquiries.submission import store_submission

        data = {key: form.cleaned_data.get(key) for key in ("problem", "page", "email", "consent")}
        return store_submission(
            self, data, email=form.cleaned_data.get("email") or "", token=token, kind=FEEDBACK
        )

    def landing_texts(self) -> dict:
        return {
            "thanks_heading": gettext("Vielen Dank für Ihre Rückmeldung"),
            "thanks_text": gettext("Wir haben Ihre Rückmeldung erhalten und kümmern uns darum."),
            "back_label": gettext("Zurück zur Erklärung zur Barrierefreiheit"),
        }
