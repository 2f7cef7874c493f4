from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from enquiries.kinds import Kind

PRODUCTION = "production"

# A designer or a company asking for a workshop's capacity: a kind of the enquiry pipeline
# (enquiries.kinds), so it is stored before any mail, with the pipeline's token and spam rules.
PRODUCTION_KIND = Kind(
    name=PRODUCTION,
    label=_("Produktionsanfrage"),
    statuses=(
        ("received", _("Eingegangen")),
        ("forwarded", _("An die Werkstatt weitergegeben")),
        ("in_discussion", _("Im Gespräch")),
        ("closed", _("Abgeschlossen")),
    ),
    page_model="workshops.WorkshopIndexPage",
    notification_subject=_("Neue Produktionsanfrage"),
    subject_answer="workshop",  # "Neue Produktionsanfrage #12: Nähwerkstatt im Depot (…)"
    confirmation_subject=_("Ihre Produktionsanfrage bei Made in Aachen-Nord"),
    answer_labels={
        "workshop": _("Werkstatt"),
        "requester": _("Wer fragt an?"),
        "organisation": _("Name oder Firma"),
        "what": _("Was soll gefertigt werden?"),
        "quantity": _("Stückzahl"),
        "timeline": _("Zeitrahmen"),
        "email": _("E-Mail"),
        "consent": _("Einwilligung"),
    },
)


class WorkshopsConfig(AppConfig):
    """The workshop network: public pages of the production partners, their skills, the index
    with filters and a map on request, and the production enquiry (a kind of enquiry)."""

    name = "workshops"
    label = "workshops"
    verbose_name = _("Werkstätten")
    default_auto_field = "django.db.models.BigAutoField"
    # core.registry: saving a workshop profile or a skill replaces the content version.
    shown_on_pages = True
    index_page_types = ("workshops.WorkshopIndexPage",)
    # core.registry: a product's production chain links the workshops' pages.
    partner_pages = "workshops.links.partner_page_urls"
    enquiry_kinds = (PRODUCTION_KIND,)
