"""The trade enquiry: a shop asks to stock the label's products.

A fixed form of the enquiry pipeline (`enquiries`), built on its form class (control characters
out, one-line answers on one line) with its size limits (`ENQUIRY_MAX_LINE_LENGTH`,
`ENQUIRY_MAX_TEXT_LENGTH`); the token, spam rules, rate limit, storing and mail are the
pipeline's. The kind of shop is stored in German (the team's language), whichever language the
shop used, so the admin's list and the export read the same for every enquiry.
"""

import django.forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from catalogue.models import Product
from core import dependencies
from enquiries.forms import EnquiryForm

SHOP_KINDS = [
    ("museum_shop", _("Museumsshop")),
    ("concept_store", _("Concept Store")),
    ("fair_trade", _("Weltladen oder Fair-Trade-Geschäft")),
    ("bookshop", _("Buchhandlung")),
    ("online_shop", _("Onlineshop")),
    ("other", _("Anderes Geschäft")),
]


class TradeEnquiryForm(EnquiryForm):
    shop_name = django.forms.CharField(label=_("Name des Geschäfts"))
    shop_kind = django.forms.ChoiceField(
        label=_("Art des Geschäfts"), choices=SHOP_KINDS, widget=django.forms.RadioSelect
    )
    city = django.forms.CharField(label=_("Ort"))
    contact_person = django.forms.CharField(label=_("Ansprechperson"))
    email = django.forms.EmailField(label=_("E-Mail"), max_length=254)
    phone = django.forms.CharField(label=_("Telefon"), required=False, help_text=_("Freiwillig."))
    products = django.forms.CharField(
        label=_("Welche Produkte interessieren Sie?"),
        help_text=_("Namen, Produktgruppen oder „das ganze Sortiment“."),
        widget=django.forms.Textarea(attrs={"rows": 3}),
    )
    range_products = django.forms.MultipleChoiceField(
        label=_("Produkte aus dem Sortiment"),
        required=False,
        widget=django.forms.CheckboxSelectMultiple,
        help_text=_("Freiwillig: kreuzen Sie an, was Sie besonders interessiert."),
    )
    quantities = django.forms.CharField(
        label=_("Erwartete Stückzahlen"),
        required=False,
        help_text=_("Z. B. „je 10 Stück zum Start, dann nach Bedarf“."),
    )
    message = django.forms.CharField(
        label=_("Nachricht"), required=False, widget=django.forms.Textarea(attrs={"rows": 5})
    )
    consent = django.forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass meine Angaben gespeichert und zur Bearbeitung meiner "
            "Anfrage verwendet werden."
        ),
    )

    # The answers stored with the enquiry, in the form's order.
    ANSWERS = (
        "shop_name",
        "shop_kind",
        "city",
        "contact_person",
        "email",
        "phone",
        "products",
        "range_products",
        "quantities",
        "message",
        "consent",
    )
    AUTOCOMPLETE = {
        "shop_name": "organization",
        "city": "address-level2",
        "contact_person": "name",
        "email": "email",
        "phone": "tel",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, django.forms.CharField) or name == "email":
                continue
            multiline = isinstance(field.widget, django.forms.Textarea)
            field.max_length = (
                settings.ENQUIRY_MAX_TEXT_LENGTH if multiline else settings.ENQUIRY_MAX_LINE_LENGTH
            )
            field.validators.append(MaxLengthValidator(field.max_length))
            field.widget.attrs["maxlength"] = str(field.max_length)
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["phone"].widget.input_type = "tel"
        self.fields["range_products"].choices = live_products(self.page)

    def answers(self) -> dict:
        """The answers as stored: the kind of shop by its German label, chosen products by
        their German title and catalogue ID."""
        data = {key: self.cleaned_data.get(key) for key in self.ANSWERS}
        with translation.override(settings.LANGUAGE_CODE):
            data["shop_kind"] = str(dict(SHOP_KINDS)[data["shop_kind"]])
        refs = data["range_products"] or []
        german = dict(
            Product.objects.sources()
            .filter(external_id__in=refs)
            .values_list("external_id", "title")
        )
        data["range_products"] = [f"{german.get(ref, ref)} ({ref})" for ref in refs]
        return data


def live_products(page) -> list[tuple[str, str]]:
    """(catalogue ID, title) of the products visitors see, in the page's language (else German):
    columns whose change replaces every list of products (`Product.row_content_fields`), so an
    editor's save of a product's texts leaves the form where it is kept."""
    products = Product.objects.live().order_by("title")
    with dependencies.rows_read(Product, ()):
        if page is not None:
            local = products.filter(locale_id=page.locale_id)
            if local.exists():
                return list(local.values_list("external_id", "title"))
        return list(products.sources().values_list("external_id", "title"))
