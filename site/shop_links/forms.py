"""Admin forms: what the catalogue owns is locked, the editorial fields stay editable.

Addresses are checked here with `check_shop_url` and the row's own "allow http" box, so an
editor reads one clear sentence ("„javascript:“-Adressen sind nicht erlaubt …") instead of
Django's generic "Enter a valid URL" - which would also accept `ftp:` and quietly prefix
`https://` to whatever was typed.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from shop_links.models import CATALOGUE_FIELDS, Retailer
from shop_links.validators import check_shop_url

CATALOGUE_HELP = _("Aus dem Label-Katalog: bitte dort ändern, der nächste Abgleich übernimmt es.")


class ShopURLField(forms.CharField):
    """A text field for a shop address; the form checks it against the row's http choice."""

    widget = forms.URLInput

    def __init__(self, **kwargs):
        kwargs.pop("assume_scheme", None)
        super().__init__(**kwargs)


class CatalogueLockedForm(WagtailAdminModelForm):
    """Disables the catalogue's fields of a row the sync owns (disabled fields ignore posts)."""

    catalogue_fields: tuple[str, ...] = ()
    url_field = ""
    url_required = True

    def is_synced(self) -> bool:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.synced = bool(self.instance.pk and self.is_synced())
        if self.synced:
            for name in self.catalogue_fields:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = CATALOGUE_HELP

    def clean(self):
        cleaned = super().clean()
        name = self.url_field
        if self.synced or name not in self.fields or name in self.errors:
            return cleaned
        value = cleaned.get(name, "")
        if value or self.url_required:
            allow_http = cleaned.get("allow_http") or settings.SHOP_LINKS_ALLOW_HTTP
            try:
                cleaned[name] = check_shop_url(value, allow_http=allow_http)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def _update_errors(self, errors):
        # The form has already said what is wrong with the address; the model would repeat it.
        if hasattr(errors, "error_dict") and self.url_field in self.errors:
            errors.error_dict.pop(self.url_field, None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)


class RetailerForm(CatalogueLockedForm):
    catalogue_fields = tuple(name for name in CATALOGUE_FIELDS if name != "ref")
    url_field = "website"
    website = ShopURLField(label=_("Website"), max_length=500)

    def is_synced(self):
        return bool(self.instance.ref)


class StockistLinkForm(CatalogueLockedForm):
    catalogue_fields = ("retailer", "product", "designer", "url", "allow_http")
    url_field = "url"
    url_required = False
    url = ShopURLField(
        label=_("Adresse"),
        max_length=1000,
        required=False,
        help_text=_(
            "Die Seite des Produkts beim Händler (https://…). Leer lassen, um auf die Website "
            "des Händlers zu verlinken."
        ),
    )

    def is_synced(self):
        return self.instance.from_feed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "retailer" in self.fields:
            # Links point to the German row; the site shows each visitor its translation.
            self.fields["retailer"].queryset = Retailer.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            )

    def clean(self):
        cleaned = super().clean()
        if self.synced:
            return cleaned
        product, designer = cleaned.get("product"), cleaned.get("designer")
        if "product" in self.errors or "designer" in self.errors:
            return cleaned
        if product and designer:
            message = _("Bitte nur eines wählen: ein Produkt oder eine Designer:in, nicht beides.")
        elif not product and not designer:
            message = _("Bitte ein Produkt oder eine Designer:in wählen.")
        else:
            return cleaned
        self.add_error("product", message)
        self.add_error("designer", message)
        return cleaned
