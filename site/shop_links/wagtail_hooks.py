"""Admin registration of retailers and stockist links.

Rows from the catalogue (a retailer with a ref, a link `from_feed`) are shown locked; editors'
own retailers and links are fully editable and the sync never touches them. Deleting a
catalogue row is refused: the next sync would only bring it back.
"""

from django.conf import settings
from django.db.models import Case, F, OuterRef, Subquery, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from shop_links.forms import RetailerForm, StockistLinkForm
from shop_links.linkcheck import status as linkstatus
from shop_links.linkcheck.panels import LinkStatusPanel
from shop_links.models import LinkCheck, Retailer, StockistLink


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


def with_link_check(queryset, url_expression):
    """Annotate each row with the link checker's findings for its address (one query)."""
    checks = LinkCheck.objects.filter(url=OuterRef("checked_url"))
    queryset = queryset.annotate(checked_url=url_expression)
    for name in ("failures", "broken", "checked_at"):
        queryset = queryset.annotate(**{f"check_{name}": Subquery(checks.values(name)[:1])})
    return queryset


def link_state(row) -> str:
    return linkstatus.state(row.check_failures or 0, row.check_broken, row.check_checked_at)


LINK_STATUS_COLUMN = Column("link_status", label=_("Linkstatus"), accessor=link_state)


class RetailerIndexView(IndexView):
    def get_base_queryset(self):
        return with_link_check(super().get_base_queryset(), F("website"))


class StockistLinkIndexView(IndexView):
    def get_base_queryset(self):
        target = Case(When(url="", then=F("retailer__website")), default=F("url"))
        queryset = super().get_base_queryset().select_related("retailer", "product", "designer")
        return with_link_check(queryset, target)


class RetailerViewSet(SnippetViewSet):
    model = Retailer
    icon = "site"
    menu_label = _("Händler")
    index_view_class = RetailerIndexView
    list_display = ["name", "kind", "city", "ref", "in_feed", LINK_STATUS_COLUMN, "locale"]
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
            MultiFieldPanel(
                [FieldPanel("website"), FieldPanel("allow_http"), LinkStatusPanel()],
                heading=_("Website"),
            ),
            MultiFieldPanel(
                [FieldPanel("description"), FieldPanel("opening_hours")],
                heading=_("Redaktion"),
                help_text=_("Auch bei Händlern aus dem Katalog hier änderbar und übersetzbar."),
            ),
            FieldPanel("in_feed", read_only=True),
        ],
        base_form_class=RetailerForm,
    )


class StockistLinkViewSet(SnippetViewSet):
    model = StockistLink
    icon = "link-external"
    menu_label = _("Bezugsquellen")
    index_view_class = StockistLinkIndexView
    list_display = ["retailer", "product", "designer", "from_feed", LINK_STATUS_COLUMN]
    list_filter = ["from_feed", "paid"]
    search_fields = ["url"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("retailer"),
            MultiFieldPanel(
                [
                    FieldPanel("product"),
                    PageChooserPanel("designer", page_type=settings.CATALOGUE_DESIGNER_PAGE_MODEL),
                ],
                heading=_("Wofür"),
                help_text=_("Ein Produkt oder eine Designer:in, nicht beides."),
            ),
            MultiFieldPanel(
                [FieldPanel("url"), FieldPanel("allow_http"), LinkStatusPanel()],
                heading=_("Adresse"),
            ),
            MultiFieldPanel([FieldPanel("paid"), FieldPanel("new_tab")], heading=_("Darstellung")),
        ],
        base_form_class=StockistLinkForm,
    )


class ShopLinksGroup(SnippetViewSetGroup):
    items = (RetailerViewSet, StockistLinkViewSet)
    menu_icon = "site"
    menu_label = _("Bezugsquellen")
    menu_name = "shop-links"


register_snippet(ShopLinksGroup)

# Each area keeps its own hooks; importing the module registers them.
from shop_links.clicks import admin as clicks_admin  # noqa: E402, F401
from shop_links.linkcheck import admin as linkcheck_admin  # noqa: E402, F401
