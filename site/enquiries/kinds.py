"""Kinds of stored enquiries: each with its own label, statuses and mail texts.

Every post that goes through the enquiry pipeline (stored before any mail, staff notification
with retries, signed form token, spam rules, GDPR export, erasure and retention) is an `Enquiry`
row; its `kind` says what it is about, so enquiry managers can tell location enquiries from, say,
accessibility feedback, and each kind has its own statuses. The enquiry form's kind, `location`,
is defined here; an app above this one adds a kind by naming it on its `AppConfig`:

    enquiry_kinds = (Kind(name="feedback", label=..., statuses=(...), page_model="app.Model"),)

`enquiries` never imports that app: it reads the attribute through `django.apps` (as
`core.registry` does), so the layers stay as they are. The model's `kind` and `status` fields
take their choices from the functions below (callables: a new kind needs no migration).
"""

import functools
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _

LOCATION = "location"


@dataclass(frozen=True)
class Kind:
    name: str  # stored in Enquiry.kind (at most 32 characters)
    label: str
    # (value, label), the first one is the status a new enquiry of this kind starts with
    statuses: tuple[tuple[str, str], ...]
    # The page type whose pages post this kind ("app_label.ModelName"); the pipeline's token and
    # submit addresses accept live pages of these types only.
    page_model: str
    # The staff notification's subject when the page names none (the number follows).
    notification_subject: str = ""
    # The sender's confirmation (plain text template and subject), in the language they used.
    confirmation_template: str = "enquiries/mail/confirmation.txt"
    confirmation_subject: str = ""
    # Labels of the stored answers' keys, for a form without editors' fields (admin, mail).
    answer_labels: dict[str, str] = field(default_factory=dict)
    # The answer (by key) that the staff notification's subject names after the number, so the
    # team sees in the inbox what it is about (a production enquiry: the workshop asked about).
    subject_answer: str = ""
    # Posts of this kind may carry files (multipart, `ENQUIRY_MAX_UPLOAD_BYTES`), stored as
    # `EnquiryFile`s; every other kind refuses a post with files.
    accepts_files: bool = False
    # A permission that opens this kind's enquiries (list, see, change the status and notes, the
    # files; not delete, not the personal-data page) besides `enquiries.manage_enquiries`.
    permission: str = ""

    @property
    def initial_status(self) -> str:
        return self.statuses[0][0]


LOCATION_KIND = Kind(
    name=LOCATION,
    label=_("Standortanfrage"),
    statuses=(
        ("new", _("Neu")),
        ("contacted", _("Kontaktiert")),
        ("visit_arranged", _("Besichtigung vereinbart")),
        ("moved_in", _("Eingezogen")),
        ("closed", _("Abgeschlossen")),
    ),
    page_model="enquiries.EnquiryFormPage",
    notification_subject=_("Neue Anfrage über die Website"),
    confirmation_subject=_("Ihre Anfrage bei Made in Aachen-Nord"),
)


@functools.cache
def registered() -> dict[str, Kind]:
    """Every kind the installed apps name (`enquiry_kinds`), by name, in app order."""
    kinds: dict[str, Kind] = {}
    for config in apps.get_app_configs():
        for kind in getattr(config, "enquiry_kinds", ()):
            kinds.setdefault(kind.name, kind)
    return kinds


def get(name: str) -> Kind:
    """The kind of this name; an unknown one (an app since removed) reads as a location enquiry."""
    return registered().get(name) or LOCATION_KIND


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.name, kind.label) for kind in registered().values()]


def status_choices() -> list[tuple[str, str]]:
    """Every kind's statuses, each value once (with its first label)."""
    seen: dict[str, str] = {}
    for kind in registered().values():
        for value, label in kind.statuses:
            seen.setdefault(value, label)
    return list(seen.items())


def status_label(kind_name: str, value: str) -> str:
    return str(dict(get(kind_name).statuses).get(value) or dict(status_choices()).get(value, value))


def form_page_models() -> tuple[type, ...]:
    """The page types that post into the pipeline."""
    return tuple(apps.get_model(kind.page_model) for kind in registered().values())


def for_page(page) -> Kind:
    """The kind a form page posts (by its page type); the enquiry form's for any other."""
    label = page._meta.label
    return next((kind for kind in registered().values() if kind.page_model == label), LOCATION_KIND)
