from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from enquiries.kinds import Kind

FEEDBACK = "accessibility_feedback"

# Feedback on barriers goes through the enquiry pipeline (enquiries.kinds) as its own kind.
FEEDBACK_KIND = Kind(
    name=FEEDBACK,
    label=_("Rückmeldung zur Barrierefreiheit"),
    statuses=(
        ("received", _("Eingegangen")),
        ("in_progress", _("In Bearbeitung")),
        ("answered", _("Beantwortet")),
        ("closed", _("Abgeschlossen")),
    ),
    page_model="accessibility.AccessibilityStatementPage",
    notification_subject=_("Neue Rückmeldung zur Barrierefreiheit"),
    confirmation_template="accessibility/mail/feedback_confirmation.txt",
    confirmation_subject=_("Ihre Rückmeldung zur Barrierefreiheit bei Made in Aachen-Nord"),
    answer_labels={
        "problem": _("Was ist schwer zu benutzen?"),
        "page": _("Auf welcher Seite?"),
        "email": _("E-Mail für eine Antwort"),
        "consent": _("Einwilligung"),
    },
)


class AccessibilityConfig(AppConfig):
    """The accessibility statement page and its feedback form (a kind of the enquiry pipeline)."""

    name = "accessibility"
    label = "accessibility"
    verbose_name = _("Barrierefreiheit")
    default_auto_field = "django.db.models.BigAutoField"
    # core.registry: the footer of every page links the live statement of the visitor's language
    # (core.frame.index_url, cached with the frame).
    index_page_types = ("accessibility.AccessibilityStatementPage",)
    enquiry_kinds = (FEEDBACK_KIND,)
