"""The designer's application form: a fixed form of the enquiry pipeline that takes files.

Built on the enquiry form's class (`enquiries.forms.EnquiryForm`: control characters out,
one-line answers on one line) with its size limits; the files are checked by
`applications.uploads`. When anything is wrong, every typed answer comes back; files cannot
(a browser never fills in a file field), so the message asks for them again.
"""

import django.forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from applications.uploads import check_files
from enquiries.forms import EnquiryForm

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"


class MultipleFileInput(django.forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(django.forms.FileField):
    """Several files in one field (a list, possibly empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ApplicationForm(EnquiryForm):
    contact_person = django.forms.CharField(label=_("Ihr Name"))
    email = django.forms.EmailField(label=_("E-Mail"), max_length=254)
    portfolio_url = django.forms.URLField(
        label=_("Website oder Online-Portfolio"),
        required=False,
        assume_scheme="https",
        help_text=_("Freiwillig."),
    )
    design_title = django.forms.CharField(label=_("Titel des Entwurfs"))
    description = django.forms.CharField(
        label=_("Beschreibung"),
        help_text=_("Was ist das für ein Entwurf, für wen ist er gedacht?"),
        widget=django.forms.Textarea(attrs={"rows": 6}),
    )
    materials = django.forms.CharField(
        label=_("Materialien"),
        help_text=_("Woraus soll er gemacht werden?"),
        widget=django.forms.Textarea(attrs={"rows": 3}),
    )
    production = django.forms.CharField(
        label=_("Was soll hergestellt werden?"),
        help_text=_("Zum Beispiel: eine kleine Serie, Stückzahl, Varianten."),
        widget=django.forms.Textarea(attrs={"rows": 3}),
    )
    files = MultipleFileField(label=_("Bilder oder PDF-Mappe"), required=False)
    consent = django.forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Angaben und Dateien gespeichert und zur Prüfung "
            "meiner Bewerbung verwendet werden."
        ),
    )

    # Answers stored with the enquiry (the files go to `EnquiryFile`s).
    ANSWERS = (
        "contact_person",
        "email",
        "portfolio_url",
        "design_title",
        "description",
        "materials",
        "production",
        "consent",
    )
    LINES = ("contact_person", "portfolio_url", "design_title")
    TEXTS = ("description", "materials", "production")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checked_files = []
        for names, limit in (
            (self.LINES, settings.ENQUIRY_MAX_LINE_LENGTH),
            (self.TEXTS, settings.ENQUIRY_MAX_TEXT_LENGTH),
        ):
            for name in names:
                field = self.fields[name]
                field.max_length = limit
                field.validators.append(MaxLengthValidator(limit))
                field.widget.attrs["maxlength"] = str(limit)
        self.fields["files"].help_text = gettext(
            "Bis zu %(count)s Bilder (JPEG, PNG oder WebP, je höchstens %(size)s) oder eine "
            "PDF-Mappe. Kein SVG."
        ) % {
            "count": settings.APPLICATION_MAX_FILES,
            "size": filesizeformat(settings.APPLICATION_MAX_FILE_BYTES),
        }
        self.fields["contact_person"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["portfolio_url"].widget.attrs["autocomplete"] = "url"

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        self.checked_files = check_files(files)
        return files

    def clean(self):
        cleaned = super().clean()
        if self.errors and self.files.getlist(self.add_prefix("files")):
            # The browser keeps the text the page sends back, never the chosen files.
            self.add_error(
                "files",
                gettext(
                    "Ihre Texte sind erhalten. Bitte wählen Sie die Dateien noch einmal aus: "
                    "der Browser kann sie nicht für Sie behalten."
                ),
            )
        return cleaned
