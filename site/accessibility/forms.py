"""The feedback form of the accessibility statement: a fixed form of the enquiry pipeline.

It builds on the enquiry form's class (`enquiries.forms.EnquiryForm`: control characters out,
one-line answers on one line) and the same size limits (`ENQUIRY_MAX_LINE_LENGTH`,
`ENQUIRY_MAX_TEXT_LENGTH`); spam rules, the token and storing are the pipeline's.
"""

import re

import django.forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from enquiries.forms import EnquiryForm

# An address on this site, as `?seite=` may name it: a path, no scheme, host or `//`.
SAFE_PATH = re.compile(r"/(?!/)[A-Za-z0-9._~%!$&'()*+,;=:@/-]{0,199}")


def safe_page_path(value) -> str:
    """`value` if it is a plain path on this site, else "" (never a link to elsewhere)."""
    value = (value or "").strip() if isinstance(value, str) else ""
    return value if SAFE_PATH.fullmatch(value) else ""


class FeedbackForm(EnquiryForm):
    problem = django.forms.CharField(
        label=_("Was ist schwer zu benutzen?"),
        help_text=_("Beschreiben Sie kurz, was nicht funktioniert oder schwer zu verstehen ist."),
        widget=django.forms.Textarea(attrs={"rows": 5}),
    )
    page = django.forms.CharField(
        label=_("Auf welcher Seite?"),
        required=False,
        help_text=_("Die Adresse oder der Titel der Seite, wenn Sie ihn wissen."),
    )
    email = django.forms.EmailField(
        label=_("E-Mail für eine Antwort"),
        required=False,
        max_length=254,
        help_text=_("Freiwillig: nur wenn Sie eine Antwort möchten."),
    )
    consent = django.forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Angaben gespeichert und zur Bearbeitung meiner "
            "Rückmeldung verwendet werden."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].max_length = settings.ENQUIRY_MAX_TEXT_LENGTH
        self.fields["page"].max_length = settings.ENQUIRY_MAX_LINE_LENGTH
        for name in ("problem", "page"):
            field = self.fields[name]
            field.validators.append(MaxLengthValidator(field.max_length))
            field.widget.attrs["maxlength"] = str(field.max_length)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
