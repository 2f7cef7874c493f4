from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from enquiries.kinds import Kind

TRADE = "trade"

# A shop asking to stock the label's products: a kind of the enquiry pipeline (enquiries.kinds),
# stored before any mail, with the pipeline's token, spam rules, rate limit and GDPR commands.
TRADE_KIND = Kind(
    name=TRADE,
    label=_("Händleranfrage"),
    statuses=(
        ("new", _("Neu")),
        ("offer_sent", _("Angebot geschickt")),
        ("first_order", _("Erste Bestellung")),
        ("stockist", _("Feste Verkaufsstelle")),
        ("closed", _("Abgeschlossen")),
    ),
    page_model="trade.TradePage",
    notification_subject=_("Neue Händleranfrage"),
    subject_answer="shop_name",  # "Neue Händleranfrage #12: Museumsshop Ludwig Forum"
    confirmation_template="trade/mail/trade_confirmation.txt",
    confirmation_subject=_("Ihre Händleranfrage bei Made in Aachen-Nord"),
    answer_labels={
        "shop_name": _("Name des Geschäfts"),
        "shop_kind": _("Art des Geschäfts"),
        "city": _("Ort"),
        "contact_person": _("Ansprechperson"),
        "email": _("E-Mail"),
        "phone": _("Telefon"),
        "products": _("Welche Produkte interessieren Sie?"),
        "range_products": _("Produkte aus dem Sortiment"),
        "quantities": _("Erwartete Stückzahlen"),
        "message": _("Nachricht"),
        "consent": _("Einwilligung"),
    },
)


class TradeConfig(AppConfig):
    """For shops: the trade page with its enquiry (a kind of the enquiry pipeline) and the press
    and point-of-sale kit (logos, photos for print, short texts, documents, a press contact)."""

    name = "trade"
    label = "trade"
    verbose_name = _("Handel und Presse")
    default_auto_field = "django.db.models.BigAutoField"
    enquiry_kinds = (TRADE_KIND,)
