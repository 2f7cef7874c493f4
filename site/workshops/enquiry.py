"""The production enquiry: a designer or a company asks for a workshop's capacity.

A fixed form of the enquiry pipeline (`enquiries`), built on its form class (control characters
out, one-line answers on one line) and size limits, posted with its token, spam rules and rate
limit (`enquiries.views.serve_enquiry_form`), stored as an `Enquiry` of the kind `production`
before any mail. The workshop asked about is stored in the answers by name and ref, so the
enquiry managers' admin and the staff notification name it.
"""

import django.forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.localized import MarkedSelect
from enquiries.forms import EnquiryForm
from workshops.apps import PRODUCTION


class ProductionEnquiryForm(EnquiryForm):
    workshop = django.forms.ChoiceField(
        label=_("Werkstatt"),
        required=False,
        help_text=_("Die Werkstatt, bei der Sie anfragen; oder wir suchen eine passende."),
    )
    requester = django.forms.ChoiceField(
        label=_("Wer fragt an?"),
        choices=[
            ("designer", _("Designer:in")),
            ("company", _("Unternehmen")),
            ("other", _("Andere")),
        ],
        widget=django.forms.RadioSelect,
    )
    organisation = django.forms.CharField(label=_("Name oder Firma"))
    what = django.forms.CharField(
        label=_("Was soll gefertigt werden?"),
        help_text=_("Das Produkt, Material und die Arbeitsschritte, soweit Sie sie kennen."),
        widget=django.forms.Textarea(attrs={"rows": 5}),
    )
    quantity = django.forms.CharField(
        label=_("Stückzahl"), required=False, help_text=_("Z. B. „200 Stück, dann jährlich“.")
    )
    timeline = django.forms.CharField(
        label=_("Zeitrahmen"), required=False, help_text=_("Bis wann brauchen Sie die Stücke?")
    )
    email = django.forms.EmailField(label=_("E-Mail"), max_length=254)
    consent = django.forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Angaben gespeichert, zur Bearbeitung meiner "
            "Anfrage verwendet und an die Werkstatt weitergegeben werden."
        ),
    )

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, page=page, **kwargs)
        from workshops.views import workshop_choices

        workshops = workshop_choices(page.locale if page is not None else None)
        choices = [
            ("", gettext("Keine bestimmte: bitte eine passende vorschlagen")),
            *((ref, name.text) for ref, name in workshops),
        ]
        # A German name standing in on a translated page is marked in the list, as on the page.
        self.fields["workshop"].widget = MarkedSelect(
            attrs=self.fields["workshop"].widget.attrs,
            languages={ref: name.lang for ref, name in workshops if name.lang},
        )
        self.fields["workshop"].choices = choices
        self.fields["what"].max_length = settings.ENQUIRY_MAX_TEXT_LENGTH
        for name in ("organisation", "quantity", "timeline"):
            self.fields[name].max_length = settings.ENQUIRY_MAX_LINE_LENGTH
        for name in ("what", "organisation", "quantity", "timeline"):
            field = self.fields[name]
            field.validators.append(MaxLengthValidator(field.max_length))
            field.widget.attrs["maxlength"] = str(field.max_length)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def workshop_named(self) -> str:
        """The chosen workshop as stored: "Name (ref)", or "" for any."""
        ref = self.cleaned_data.get("workshop") or ""
        return f"{dict(self.fields['workshop'].choices)[ref]} ({ref})" if ref else ""


def store_production_enquiry(page, form, token):
    from enquiries.submission import store_submission

    data = {key: form.cleaned_data.get(key) for key in form.fields}
    # In the team's language (German), as the admin and the notification show them.
    with translation.override(settings.LANGUAGE_CODE):
        data["workshop"] = form.workshop_named() or gettext("keine bestimmte")
        data["requester"] = str(dict(form.fields["requester"].choices)[data["requester"]])
    return store_submission(
        page, data, email=form.cleaned_data["email"], token=token, kind=PRODUCTION
    )
