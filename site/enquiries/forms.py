"""The visitor's form: Wagtail's form builder with size limits and language-independent choices.

Limits (settings `ENQUIRY_MAX_LINE_LENGTH`, `ENQUIRY_MAX_TEXT_LENGTH`) are enforced here with
Django's own messages ("at most N characters (it has M)"), in the visitor's language; the HTML
`maxlength` stops a browser before that.

Choices are stored in the source language: a visitor who picks "Workshop" on the English page
stores the German "Werkstatt", so the admin's filters and exports read the same in every
language. A translated choice list is matched to the German one line by line.
"""

import re

import django.forms
from django.conf import settings
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, _split_by_newline_or_comma

# Line breaks and other control characters have no place in a one-line answer (they would be
# the raw material of a header injection); tabs and line breaks stay in multi-line texts.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029\x85]+")

AUTOCOMPLETE = {
    "company": "organization",
    "contact_person": "name",
    "email": "email",
    "phone": "tel",
}


class EnquiryForm(BaseForm):
    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str):
                value = CONTROL.sub("", value)
                if not isinstance(field.widget, django.forms.Textarea):
                    value = LINE_BREAKS.sub(" ", value).strip()
                cleaned[name] = value
        return cleaned


class EnquiryFormBuilder(FormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in ("checkbox", "checkboxes", "multiselect", "radio", "dropdown"):
            options["initial"] = None
        return options

    def create_singleline_field(self, field, options):
        field_obj = django.forms.CharField(max_length=settings.ENQUIRY_MAX_LINE_LENGTH, **options)
        autocomplete = AUTOCOMPLETE.get(field.clean_name)
        if autocomplete:
            field_obj.widget.attrs["autocomplete"] = autocomplete
        if field.clean_name == "phone":
            field_obj.widget.input_type = "tel"
        return field_obj

    def create_multiline_field(self, field, options):
        options.setdefault("widget", django.forms.Textarea(attrs={"rows": 6}))
        return django.forms.CharField(max_length=settings.ENQUIRY_MAX_TEXT_LENGTH, **options)

    def create_email_field(self, field, options):
        field_obj = django.forms.EmailField(max_length=254, **options)
        field_obj.widget.attrs["autocomplete"] = "email"
        return field_obj

    def create_number_field(self, field, options):
        return django.forms.DecimalField(
            min_value=0, max_value=10_000_000, max_digits=12, decimal_places=2, **options
        )

    def create_date_field(self, field, options):
        options.setdefault("widget", django.forms.DateInput(attrs={"type": "date"}))
        return django.forms.DateField(**options)

    def create_url_field(self, field, options):
        return django.forms.URLField(max_length=settings.ENQUIRY_MAX_LINE_LENGTH, **options)

    def get_formatted_field_choices(self, field):
        labels = _split_by_newline_or_comma(field.choices)
        source = self._source_field(field)
        if source is not None:
            values = _split_by_newline_or_comma(source.choices)
            if len(values) == len(labels):
                return list(zip(values, labels, strict=True))
        return [(label, label) for label in labels]

    def _source_field(self, field):
        """The same field of the page in the source language (German), when this is a translation."""
        locale_id = getattr(field, "locale_id", None)
        if locale_id is None or not field.translation_key:
            return None
        model = type(field)
        return (
            model.objects.filter(
                translation_key=field.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .exclude(locale_id=locale_id)
            .first()
        )

    def get_form_class(self):
        return type("EnquiryForm", (EnquiryForm,), self.formfields)
