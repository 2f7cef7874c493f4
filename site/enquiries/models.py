"""The enquiry form page (Wagtail's form builder) and the enquiries it stores.

Field keys are stable across languages: a form field's `clean_name` is formed once, from the
label it had when it was first saved (in German, the source language), and wagtail-localize
synchronises it to every translation, while the label, help text and choices are translated.
Stored enquiries and exports use that key, so relabelling, reordering or adding fields in any
language never breaks what is already stored.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage
from enquiries import kinds
from enquiries.forms import EnquiryFormBuilder

# Names the form itself uses besides the editors' fields (spam checks); an editor's field never
# gets one of them as its key.
RESERVED_NAMES = frozenset({"form_token", "website"})


class EnquiryFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("EnquiryFormPage", on_delete=models.CASCADE, related_name="form_fields")

    panels = [
        FieldPanel(
            "clean_name",
            read_only=True,
            heading=_("Schlüssel"),
            help_text=_(
                "Unter diesem Namen werden Antworten gespeichert und exportiert; er wird einmal "
                "aus der ersten Beschriftung gebildet und gilt für alle Sprachen."
            ),
        ),
        *AbstractFormField.panels,
    ]

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("Formularfeld")
        verbose_name_plural = _("Formularfelder")

    def get_field_clean_name(self):
        name = get_field_clean_name(self.label)
        return f"{name}_field" if name in RESERVED_NAMES else name


def default_form_fields() -> list[EnquiryFormField]:
    """The field set a new enquiry form starts with (German labels; keys fixed here)."""
    from enquiries import defaults

    return [EnquiryFormField(**spec) for spec in defaults.FIELDS]


class FixedFormPageMixin:
    """A page whose fixed form posts into the pipeline as kind `kind_name` (accessibility
    feedback, designer applications): served by `enquiries.views.serve_enquiry_form`, with the
    privacy page for the consent and the shared thank-you page in its own words
    (`landing_texts`). The page gives `form_class` and `process_form_submission`."""

    form_class = None
    landing_page_template = "enquiries/enquiry_form_page_landing.html"

    def serve(self, request, *args, **kwargs):
        from enquiries.views import serve_enquiry_form

        return serve_enquiry_form(self, request, *args, **kwargs)

    def get_form(self, *args, page=None, user=None, **kwargs):
        return self.form_class(*args, page=self, user=None, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from enquiries.privacy import privacy_page

        context = super().get_context(request, *args, **kwargs)
        context["privacy_page"] = privacy_page(self.locale.language_code)
        return context

    def landing_texts(self) -> dict:
        """`thanks_heading`, `thanks_text`, `back_label` in the active language."""
        return {}

    def render_landing_page(self, request, enquiry=None, *args, **kwargs):
        from django.template.response import TemplateResponse

        context = self.get_context(request)
        context.update(enquiry=enquiry, **self.landing_texts())
        return TemplateResponse(request, self.landing_page_template, context)


class EnquiryFormPage(EmailFormMixin, FormMixin, BasePage):
    """Businesses enquire about space in Aachen-Nord; every enquiry is stored before any mail."""

    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)
    thank_you_text = RichTextField(
        _("Dank nach dem Absenden"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Wird nach dem Absenden gezeigt, in der Sprache der Seite."),
    )

    template = "enquiries/enquiry_form_page.html"
    landing_page_template = "enquiries/enquiry_form_page_landing.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Formularfelder")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            heading=_("Benachrichtigung an das Team"),
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("form_fields"),
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
        SynchronizedField("subject"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Anfrageformular")
        verbose_name_plural = _("Anfrageformulare")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A page an editor starts in the admin (created with keyword arguments only, never
        # loaded from the database or copied from another page) begins with the default fields.
        if not args and "title" not in kwargs and not kwargs.get("id"):
            self.form_fields = default_form_fields()

    # The form builder ----------------------------------------------------------------------

    form_builder = EnquiryFormBuilder

    def get_form_fields(self):
        return self.form_fields.all()

    def get_submission_class(self):
        return Enquiry

    def get_data_fields(self):
        return [
            *super().get_data_fields(),
            ("campaign", _("Kampagne")),
            ("status", _("Status")),
        ]

    def get_submissions_list_view_class(self):
        """Wagtail's submissions listing (Forms menu), with formula-safe CSV/XLSX downloads."""
        from core.admin_exports import formula_safe_view

        return formula_safe_view(super().get_submissions_list_view_class())

    def serve(self, request, *args, **kwargs):
        from enquiries.views import serve_enquiry_form

        return serve_enquiry_form(self, request, *args, **kwargs)

    def process_form_submission(self, form, *, request=None, token=None):
        """Store the enquiry (never send mail here: `enquiries.tasks` does, after commit)."""
        from enquiries.submission import store_enquiry

        return store_enquiry(self, form, token=token)

    def get_context(self, request, *args, **kwargs):
        from enquiries.privacy import privacy_page

        context = super().get_context(request, *args, **kwargs)
        context["privacy_page"] = privacy_page(self.locale.language_code)
        return context

    def email_key(self) -> str | None:
        """The key of the field that holds the enquirer's address (for confirmation, erasure)."""
        keys = [(f.clean_name, f.field_type) for f in self.get_form_fields()]
        for key, field_type in keys:
            if key == "email" and field_type == "email":
                return key
        return next((key for key, field_type in keys if field_type == "email"), None)


class Enquiry(ClusterableModel, AbstractFormSubmission):
    """One enquiry: the visitor's answers (`form_data`, by field key) and how staff work it."""

    class Status(models.TextChoices):
        NEW = "new", _("Neu")
        CONTACTED = "contacted", _("Kontaktiert")
        VISIT_ARRANGED = "visit_arranged", _("Besichtigung vereinbart")
        MOVED_IN = "moved_in", _("Eingezogen")
        CLOSED = "closed", _("Abgeschlossen")

    class Notification(models.TextChoices):
        PENDING = "pending", _("Ausstehend")
        SENT = "sent", _("Gesendet")
        FAILED = "failed", _("Nicht gesendet")

    # Kept when an editor deletes the form page: an enquiry is never lost with its page.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Formularseite"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("Sprache"), max_length=8, choices=settings.LANGUAGES)
    # What the post is about (`enquiries.kinds`): the enquiry form's location enquiries, or a
    # kind another app registered (accessibility feedback); each kind has its own statuses.
    kind = models.CharField(
        _("Art"),
        max_length=32,
        choices=kinds.kind_choices,
        default=kinds.LOCATION,
        db_index=True,
    )
    # The enquirer's address, lower-cased, so that one person's data can be found and erased.
    email = models.EmailField(_("E-Mail"), blank=True, db_index=True)
    campaign = models.CharField(_("Kampagne"), max_length=64, blank=True, db_index=True)
    utm_source = models.CharField("utm_source", max_length=100, blank=True)
    utm_medium = models.CharField("utm_medium", max_length=100, blank=True)
    utm_campaign = models.CharField("utm_campaign", max_length=100, blank=True)
    utm_term = models.CharField("utm_term", max_length=100, blank=True)
    utm_content = models.CharField("utm_content", max_length=100, blank=True)
    # The random key of the form rendering that sent it (in the signed form token): a second post
    # of the same form (reload, double click, a browser's retry) finds this enquiry.
    form_key = models.CharField(
        _("Formularschlüssel"), max_length=32, null=True, blank=True, unique=True, editable=False
    )

    # The statuses of every kind (each kind offers its own in the admin: `status_options`).
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=kinds.status_choices,
        default=Status.NEW,
        db_index=True,
    )
    notification_state = models.CharField(
        _("Benachrichtigung"),
        max_length=10,
        choices=Notification.choices,
        default=Notification.PENDING,
        db_index=True,
    )
    notification_attempts = models.PositiveSmallIntegerField(_("Sendeversuche"), default=0)
    notification_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), null=True, blank=True)
    staff_notified_at = models.DateTimeField(_("Team benachrichtigt"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("Bestätigung gesendet"), null=True, blank=True)

    # Set by `enquiries.submission`: True when a post found the enquiry its form already stored.
    repeated = False

    UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")

    class Meta:
        verbose_name = _("Anfrage")
        verbose_name_plural = _("Anfragen")
        ordering = ["-submit_time", "-pk"]
        # One switch for staff: "enquiries.manage_enquiries" (see enquiries.permissions).
        default_permissions = ()
        permissions = [("manage_enquiries", _("Kann Anfragen sehen, bearbeiten und löschen"))]

    def __str__(self):
        name = self.form_data.get("company") or self.form_data.get("contact_person") or ""
        return f"#{self.pk} {name}".strip()

    def save(self, *args, **kwargs):
        if self._state.adding and self.status == self.Status.NEW:
            self.status = kinds.get(self.kind).initial_status
        super().save(*args, **kwargs)

    @property
    def kind_info(self) -> kinds.Kind:
        return kinds.get(self.kind)

    def status_options(self) -> tuple[tuple[str, str], ...]:
        return self.kind_info.statuses

    def status_label(self) -> str:
        return kinds.status_label(self.kind, self.status)

    status_label.short_description = _("Status")

    def kind_label(self) -> str:
        return str(self.kind_info.label)

    kind_label.short_description = _("Art")

    def company_name(self) -> str:
        """The list's first column: the company, else the contact person, else (a kind with fixed
        answers, e.g. feedback) the start of its first answer, else the number."""
        data = self.form_data or {}
        first = next(iter(self.kind_info.answer_labels), None)
        excerpt = str(data.get(first) or "")[:60] if first else ""
        return data.get("company") or data.get("contact_person") or excerpt or f"#{self.pk}"

    company_name.short_description = _("Unternehmen")

    def contact_name(self) -> str:
        return (self.form_data or {}).get("contact_person") or ""

    contact_name.short_description = _("Ansprechperson")

    def get_data(self):
        return {
            **super().get_data(),
            "campaign": self.campaign,
            "status": self.status_label(),
        }

    @property
    def notification_missing(self) -> bool:
        return self.notification_state != self.Notification.SENT


class EnquiryNote(models.Model):
    """An internal note of the staff on an enquiry; deleted with the enquiry."""

    enquiry = ParentalKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("Notiz"), max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Von"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)

    panels = [FieldPanel("text")]

    class Meta:
        verbose_name = _("Notiz")
        verbose_name_plural = _("Notizen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


def enquiry_file_path(instance, filename: str) -> str:
    """`private/enquiries/<random>/<name>`: never public (core.storage), not guessable."""
    import uuid

    return f"private/enquiries/{uuid.uuid4().hex}/{filename}"


class EnquiryFile(models.Model):
    """A file sent with an enquiry of a kind that accepts files (e.g. a designer's images or
    portfolio). Checked and re-encoded before it is stored (the kind's form does that), kept on
    the default storage under `private/` (a private object on S3, never served from the media
    folder), fetched by staff through `enquiries_file` (which checks the permission), and
    deleted from the storage with its row: with the enquiry, by the retention purge and by an
    erasure (`delete_stored_file` below)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("Datei"), upload_to=enquiry_file_path, max_length=255)
    name = models.CharField(_("Dateiname"), max_length=120)
    content_type = models.CharField(_("Dateityp"), max_length=60)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))

    class Meta:
        verbose_name = _("Datei zur Anfrage")
        verbose_name_plural = _("Dateien zur Anfrage")
        ordering = ["pk"]
        default_permissions = ()

    def __str__(self):
        return self.name


@receiver(post_delete, sender=EnquiryFile)
def delete_stored_file(sender, instance, **kwargs):
    """The file leaves the storage once the row's deletion is committed (a rolled-back deletion
    keeps both). Every deletion sends this signal: the enquiry's cascade included."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
