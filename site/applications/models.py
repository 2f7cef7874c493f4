"""The application page: a designer describes a design they would license to the label.

A form of the enquiry pipeline (`enquiries`): the page offers what
`enquiries.views.serve_enquiry_form` asks of a form page, posts to the pipeline's addresses with
its signed token, and stores each post as an `Enquiry` of the kind `design_application` with its
checked files as `EnquiryFile`s, in one transaction, before any mail.
"""

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from applications.apps import DESIGN_APPLICATION
from applications.forms import ApplicationForm
from core.models import BasePage
from enquiries.models import FixedFormPageMixin

RICH = ["bold", "italic", "link"]


class DesignApplicationPage(FixedFormPageMixin, BasePage):
    intro = RichTextField(
        _("Einleitung"),
        features=[*RICH, "ul"],
        blank=True,
        help_text=_("Für wen das Label Entwürfe sucht und wie die Prüfung abläuft."),
    )
    thank_you_text = RichTextField(
        _("Dank nach dem Absenden"),
        features=RICH,
        blank=True,
        help_text=_("Wird nach dem Absenden gezeigt, in der Sprache der Seite."),
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

    # The enquiry form's template, with this page's button label (`get_context`).
    template = "enquiries/enquiry_form_page.html"
    form_class = ApplicationForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("thank_you_text"), FieldPanel("to_address")], heading=_("Nach dem Absenden")
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        SynchronizedField("to_address"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Bewerbungsseite für Entwürfe")
        verbose_name_plural = _("Bewerbungsseiten für Entwürfe")
        # The "Designer relations" group's switch: see and change design applications (only).
        permissions = [
            ("review_design_applications", _("Kann Bewerbungen mit Entwürfen sehen und bearbeiten"))
        ]

    # The pipeline's form page (enquiries.models.FixedFormPageMixin) -----------------------

    def process_form_submission(self, form, *, request=None, token=None):
        """The application and its files in one transaction; the mail is queued after commit."""
        from enquiries.models import EnquiryFile
        from enquiries.submission import store_submission

        data = {key: form.cleaned_data.get(key) for key in ApplicationForm.ANSWERS}
        with transaction.atomic():
            enquiry = store_submission(
                self, data, email=form.cleaned_data["email"], token=token, kind=DESIGN_APPLICATION
            )
            if not enquiry.repeated:
                for checked in form.checked_files:
                    stored = EnquiryFile(
                        enquiry=enquiry,
                        name=checked.name,
                        content_type=checked.content_type,
                        size=checked.size,
                    )
                    stored.file.save(checked.name, ContentFile(checked.content), save=True)
        return enquiry

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["submit_label"] = gettext("Bewerbung senden")
        return context

    def landing_texts(self) -> dict:
        return {
            "thanks_heading": gettext("Vielen Dank für Ihre Bewerbung"),
            "thanks_text": gettext(
                "Wir haben Ihren Entwurf erhalten und melden uns, sobald wir ihn geprüft haben."
            ),
            "back_label": gettext("Zurück zur Bewerbungsseite"),
        }
