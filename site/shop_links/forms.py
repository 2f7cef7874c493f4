"""Admin forms that lock what the catalogue owns and leave editors' own entries editable."""

from wagtail.admin.forms import WagtailAdminModelForm

from shop_links.validators import check_shop_url


class CatalogueLockedForm(WagtailAdminModelForm):
    """Disables every field of a row the sync owns (disabled fields ignore posted data)."""

    def is_synced(self) -> bool:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.is_synced():
            for form_field in self.fields.values():
                form_field.disabled = True
                form_field.help_text = (
                    "Aus dem Label-Katalog: bitte dort ändern, der nächste Abgleich übernimmt es."
                )


class RetailerForm(CatalogueLockedForm):
    def is_synced(self):
        return bool(self.instance.ref)

    def clean_website(self):
        return check_shop_url(self.cleaned_data["website"])


class StockistLinkForm(CatalogueLockedForm):
    def is_synced(self):
        return self.instance.from_feed

    def clean_url(self):
        return check_shop_url(self.cleaned_data["url"])
