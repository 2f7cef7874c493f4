from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from enquiries.kinds import Kind

DESIGN_APPLICATION = "design_application"
# Designer relations see and change applications (and nothing else of the enquiries).
REVIEW_PERMISSION = "applications.review_design_applications"

# A designer's application to license a design to the label: a kind of the enquiry pipeline
# (stored before any mail, token, spam rules, retention, GDPR) that carries files.
APPLICATION_KIND = Kind(
    name=DESIGN_APPLICATION,
    label=_("Bewerbung mit einem Entwurf"),
    statuses=(
        ("received", _("Eingegangen")),
        ("in_review", _("In Prüfung")),
        ("accepted", _("Angenommen")),
        ("declined", _("Abgelehnt")),
    ),
    page_model="applications.DesignApplicationPage",
    notification_subject=_("Neue Bewerbung mit einem Entwurf"),
    confirmation_template="applications/mail/application_confirmation.txt",
    confirmation_subject=_("Ihre Bewerbung bei Made in Aachen-Nord"),
    answer_labels={
        "contact_person": _("Name"),
        "email": _("E-Mail"),
        "portfolio_url": _("Website"),
        "design_title": _("Titel des Entwurfs"),
        "description": _("Beschreibung"),
        "materials": _("Materialien"),
        "production": _("Was soll hergestellt werden?"),
        "consent": _("Einwilligung"),
    },
    accepts_files=True,
    permission=REVIEW_PERMISSION,
)


class ApplicationsConfig(AppConfig):
    """Designers apply to license a design to the label (a kind of the enquiry pipeline)."""

    name = "applications"
    label = "applications"
    verbose_name = _("Bewerbungen")
    default_auto_field = "django.db.models.BigAutoField"
    # core.registry: the designers index invites designers to apply (applications_tags).
    index_page_types = ("applications.DesignApplicationPage",)
    enquiry_kinds = (APPLICATION_KIND,)
