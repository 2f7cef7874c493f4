"""Admin registration of retailers and stockist links.

Rows from the catalogue (a retailer with a ref, a link `from_feed`) are shown locked; editors'
own retailers and links are fully editable and the sync never touches them. Deleting a
catalogue row is refused: the next sync would only bring it back.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from shop_links.forms import RetailerForm, StockistLinkForm
from shop_links.models import Retailer, StockistLink


class EditorRowsPolicy(ModelPermissionPolicy):
    """Catalogue rows may be viewed and (for translations) edited, never deleted here."""

    def __init__(self, model, is_synced):
        super().__init__(model)
        self.is_synced = is_synced

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and self.is_synced(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(Retailer, EditorRowsPolicy(Retailer, lambda r: bool(r.ref)))
register_permission_policy(StockistLink, EditorRowsPolicy(StockistLink, lambda s: s.from_feed))


class RetailerViewSet(SnippetViewSet):
    model = Retailer
    icon = "site"
    menu_label = _("Händler")
    list_display = ["name", "kind", "city", "ref", "in_feed", "locale"]
    list_filter = ["locale", "kind", "in_feed"]
    search_fields = ["name", "city", "ref"]
    search_backend_name = None
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("kind"),
            MultiFieldPanel(
                [FieldPanel(name) for name in ("street", "postcode", "city", "country")],
                heading=_("Adresse"),
            ),
            MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Lage")),
            FieldPanel("website"),
            FieldPanel("in_feed", read_only=True),
        ],
        base_form_class=RetailerForm,
    )


class StockistLinkViewSet(SnippetViewSet):
    model = StockistLink
    icon = "link-external"
    menu_label = _("Bezugsquellen")
    list_display = ["product", "retailer", "url", "from_feed"]
    list_filter = ["from_feed"]
    search_fields = ["url"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("product"), FieldPanel("retailer"), FieldPanel("url")],
        base_form_class=StockistLinkForm,
    )


class ShopLinksGroup(SnippetViewSetGroup):
    items = (RetailerViewSet, StockistLinkViewSet)
    menu_icon = "site"
    menu_label = _("Bezugsquellen")
    menu_name = "shop-links"


register_snippet(ShopLinksGroup)

# Each area keeps its own hooks; importing the module registers them.
from shop_links import hooks_clicks, hooks_linkcheck, hooks_where  # noqa: E402, F401
