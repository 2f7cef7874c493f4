"""CSV and XLSX exports of enquiries, safe to open in a spreadsheet program.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
formula by Excel or LibreOffice (a company called `=HYPERLINK(…)` could run one); such a value
is prefixed with an apostrophe, in both formats, so it is shown as the text it is.

Columns: the enquiry's own fields, then one column per answer key, headed with the German
label of the current form field (answers to fields removed since keep their key as heading), so
exports stay complete when editors relabel, reorder, add or remove fields.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from enquiries import kinds
from enquiries.mail import display_value
from enquiries.models import Enquiry, EnquiryFormPage

ANSWER = "answer:"

FIXED = {
    "pk": _("Nr."),
    "submit_time": _("Eingegangen"),
    "language": _("Sprache"),
    "kind": _("Art"),
    "status": _("Status"),
    "campaign": _("Kampagne"),
    "utm_source": "utm_source",
    "utm_medium": "utm_medium",
    "utm_campaign": "utm_campaign",
    "utm_term": "utm_term",
    "utm_content": "utm_content",
    "notification_state": _("Benachrichtigung"),
}


def columns(queryset) -> tuple[list[str], dict[str, str]]:
    labels: dict[str, str] = {}
    for page in EnquiryFormPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        for field in page.get_form_fields():
            labels.setdefault(field.clean_name, field.label)
    for kind in kinds.registered().values():
        for key, label in kind.answer_labels.items():
            labels.setdefault(key, label)
    keys = list(labels)
    for data in queryset.values_list("form_data", flat=True):
        for key in data or {}:
            if key not in labels:
                labels[key] = key
                keys.append(key)
    names = [*FIXED, *(ANSWER + key for key in keys)]
    headings = {**FIXED, **{ANSWER + key: labels[key] for key in keys}}
    return names, {name: str(heading) for name, heading in headings.items()}


def row(enquiry: Enquiry, names: list[str]) -> dict:
    result = {}
    data = enquiry.form_data or {}
    for name in names:
        if name.startswith(ANSWER):
            value = data.get(name[len(ANSWER) :])
            result[name] = "" if value in (None, "", []) else display_value(value)
        elif name == "kind":
            result[name] = enquiry.kind_label()
        elif name == "status":
            result[name] = enquiry.status_label()
        elif name == "notification_state":
            result[name] = enquiry.get_notification_state_display()
        else:
            result[name] = getattr(enquiry, name)
    return result
