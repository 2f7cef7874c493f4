"""Admin registration: products and partners (catalogue fields read-only), the vocabulary for
the feed's codes, the run log, "Sync now".

Catalogue-owned fields are shown read-only with a note that says where they change: in the
label catalogue, then the next sync. Only the editorial fields are editable.
"""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import CatalogueTerm, Product, ProductionPartner, SyncRun
from catalogue.panels import CatalogueFactsPanel
from catalogue.permissions import RunLogPolicy, SyncOwnedPolicy
from catalogue.sync.heartbeat import settle_stale
from catalogue.views import sync_now

# Before any viewset asks for a policy (Wagtail 8 refuses a late registration).
register_permission_policy(Product, SyncOwnedPolicy(Product))
register_permission_policy(ProductionPartner, SyncOwnedPolicy(ProductionPartner))
register_permission_policy(SyncRun, RunLogPolicy(SyncRun))

CATALOGUE_NOTE = _(
    "<p>Diese Angaben kommen aus dem Label-Katalog und sind hier nicht änderbar. Änderungen "
    "bitte im Katalog vornehmen; der nächste Abgleich übernimmt sie.</p>"
)

PASSPORT_NOTE = _(
    "<p>Was der Katalog nicht sagt, für den Produktpass auf der Produktseite (und den QR-Code "
    "des Anhängers): in jeder Sprache einzeln. Leere Felder zeigen die deutsche Fassung; ein "
    "Abgleich überschreibt sie nie.</p>"
)


def read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Produkte")
    list_display = ["title", "external_id", "status", "in_feed", "featured", "locale"]
    list_filter = ["locale", "status", "in_feed", "featured", "product_type"]
    search_fields = ["title", "external_id", "slug"]
    search_backend_name = None  # plain database lookups: products are not in the search index
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("teaser"),
                FieldPanel("featured"),
                PageChooserPanel("designer_page", page_type="designers.DesignerPage"),
            ],
            heading=_("Redaktion"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(PASSPORT_NOTE),
                FieldPanel("material_origin"),
                FieldPanel("care_advice"),
                FieldPanel("repair_advice"),
                FieldPanel("step_notes"),
            ],
            heading=_("Produktpass"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(CATALOGUE_NOTE),
                *read_only("title", "description", "material", "status", "in_feed"),
                *read_only("external_id", "slug", "handle", "designer_ref", "product_type"),
                *read_only("dimensions", "link", "catalogue_updated_at", "synced_at"),
            ],
            heading=_("Aus dem Katalog"),
        ),
        CatalogueFactsPanel(heading=_("Varianten, Fotos, Herstellung, Bezugsquellen")),
    ]


class ProductionPartnerViewSet(SnippetViewSet):
    model = ProductionPartner
    icon = "group"
    menu_label = _("Produktionspartner")
    list_display = ["name", "ref", "city", "social_employment", "in_feed", "locale"]
    list_filter = ["locale", "social_employment", "in_feed"]
    search_fields = ["name", "ref"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        HelpPanel(CATALOGUE_NOTE),
        *read_only("name", "ref", "kind", "city", "social_employment", "in_feed"),
    ]


class CatalogueTermViewSet(SnippetViewSet):
    """The words for the feed's codes (catalogue.vocabulary): editors add the codes the
    dashboard lists as unknown and translate them like any other snippet."""

    model = CatalogueTerm
    icon = "doc-full"
    menu_label = _("Katalog-Begriffe")
    list_display = ["label", "code", "kind", "locale"]
    list_filter = ["locale", "kind"]
    search_fields = ["label", "code"]
    search_backend_name = None
    panels = [FieldPanel("kind"), FieldPanel("code"), FieldPanel("label")]


class SyncRunInspectView(generic.InspectView):
    """Times in the site's time zone: Wagtail's inspect template formats values with `|localize`,
    which formats an aware datetime as stored (UTC) instead of in the current time zone."""

    def get_started_at_display_value(self):
        return timezone.localtime(self.object.started_at)

    def get_finished_at_display_value(self):
        finished = self.object.finished_at
        return timezone.localtime(finished) if finished else "–"


class SyncRunIndexView(generic.IndexView):
    def get(self, request, *args, **kwargs):
        settle_stale()  # a run whose process was killed is shown as such, not as running
        return super().get(request, *args, **kwargs)


class SyncRunViewSet(ModelViewSet):
    model = SyncRun
    inspect_view_class = SyncRunInspectView
    index_view_class = SyncRunIndexView
    icon = "history"
    menu_label = _("Abgleich-Protokoll")
    url_prefix = "catalogue/runs"
    name = "catalogue_syncrun"
    list_display = [
        "started_at",
        "status",
        "trigger",
        "user",
        "source",
        Column("duration", label=_("Dauer")),
        Column("error_count", label=_("Fehler")),
    ]
    list_filter = ["status", "trigger", "dry_run"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["message"]  # required by ModelViewSet; RunLogPolicy refuses add and edit
    inspect_view_fields = [
        "started_at",
        "finished_at",
        "heartbeat_at",
        "source",
        "trigger",
        "user",
        "status",
        "dry_run",
        "forced",
        "message",
        "counts",
        "errors",
        "warnings",
    ]


class CatalogueGroup(SnippetViewSetGroup):
    """Everything the catalogue feeds, under one menu item."""

    items = (ProductViewSet, ProductionPartnerViewSet, CatalogueTermViewSet, SyncRunViewSet)
    menu_icon = "tag"
    menu_label = _("Katalog")
    menu_name = "catalogue"


register_snippet(CatalogueGroup)


@hooks.register("register_admin_urls")
def register_sync_now_url():
    return [path("catalogue/sync-now/", sync_now, name="catalogue_sync_now")]


class SyncNowMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("catalogue.run_sync")


@hooks.register("register_settings_menu_item")
def register_sync_now_menu_item():
    return SyncNowMenuItem(
        _("Katalog jetzt abgleichen"),
        reverse("catalogue_sync_now"),
        icon_name="resubmit",
        name="catalogue-sync-now",
        order=900,
    )
