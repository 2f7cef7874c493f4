from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from enquiries.kinds import LOCATION_KIND


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    label = "enquiries"
    verbose_name = _("Anfragen")
    default_auto_field = "django.db.models.BigAutoField"
    # core.registry: changes to these rows show on pages (they replace the content version),
    # except the enquiries visitors send and the notes on them.
    shown_on_pages = True
    not_shown_on_pages = ("Enquiry", "EnquiryNote", "EnquiryFile")
    # enquiries.kinds: the enquiry form's kind; other apps add theirs the same way.
    enquiry_kinds = (LOCATION_KIND,)
