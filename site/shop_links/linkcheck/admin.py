"""Admin hooks for the link checker: the "Defekte Shop-Links" report and a dashboard panel.

Both are for whoever may change retailers or stockist links: they are the people who can act on
a broken link (fix the address, ask the shop, or remove the link themselves).
"""

from django.conf import settings
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from shop_links.linkcheck import status as linkstatus
from shop_links.models import LinkCheck, Retailer, StockistLink


def edit_url(obj) -> str:
    return reverse(
        f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit", args=[obj.pk]
    )


class UsedByColumn(Column):
    cell_template_name = "shop_links/admin/used_by_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["rows"] = getattr(instance, "used_by", [])
        return context


class BrokenLinksReportView(ReportView):
    """Failing and broken addresses, worst first, with the rows that use each of them."""

    page_title = _("Defekte Shop-Links")
    header_icon = "warning"
    index_url_name = "shop_links_broken"
    index_results_url_name = "shop_links_broken_results"
    paginate_by = 50
    columns = [
        Column("url", label=_("Adresse")),
        Column("state", label=_("Status"), accessor=linkstatus.report_line),
        Column("final_url", label=_("Endgültige Adresse")),
        DateColumn("checked_at", label=_("Geprüft am")),
        UsedByColumn("used_by", label=_("Verwendet von")),
    ]

    any_permission_required = ["change"]

    def user_has_any_permission(self, permissions):
        return linkstatus.can_watch_links(self.request.user)

    def get_queryset(self):
        return LinkCheck.objects.filter(failures__gt=0).order_by("-broken", "-failures", "url")

    def decorate_paginated_queryset(self, object_list):
        checks = list(object_list)
        urls = [check.url for check in checks]
        used_by = {url: [] for url in urls}
        retailers = Retailer.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, website__in=urls
        )
        for retailer in retailers:
            used_by[retailer.website].append((str(retailer), edit_url(retailer)))
        links = StockistLink.objects.filter(
            Q(url__in=urls) | Q(url="", retailer__website__in=urls)
        ).select_related("retailer", "product", "designer")
        for link in links:
            what = link.product or link.designer
            label = f"{link.retailer.name} → {what}" if what else link.retailer.name
            used_by[link.target_url].append((label, edit_url(link)))
        for check in checks:
            check.used_by = used_by.get(check.url, [])
        return checks


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return linkstatus.can_watch_links(request.user)


@hooks.register("register_admin_urls")
def register_broken_links_report_urls():
    return [
        path(
            "reports/broken-shop-links/",
            BrokenLinksReportView.as_view(),
            name="shop_links_broken",
        ),
        path(
            "reports/broken-shop-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="shop_links_broken_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_broken_links_report_menu_item():
    return BrokenLinksMenuItem(
        _("Defekte Shop-Links"),
        reverse("shop_links_broken"),
        name="broken-shop-links",
        icon_name="warning",
        order=1200,
    )


class BrokenLinksPanel(Component):
    """On the dashboard only while some shop address fails; silent when all is well."""

    name = "broken_shop_links"
    template_name = "shop_links/admin/broken_links_panel.html"
    order = 120

    def get_context_data(self, parent_context=None):
        counts = LinkCheck.objects.aggregate(
            broken_count=Count("pk", filter=Q(broken=True)),
            failing_count=Count("pk", filter=Q(failures__gt=0, broken=False)),
            last_run=Max("checked_at"),
        )
        return {**counts, "report_url": reverse("shop_links_broken")}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["broken_count"] or context["failing_count"]):
            return ""
        return render_to_string(self.template_name, context)


@hooks.register("construct_homepage_panels")
def add_broken_links_panel(request, panels):
    if linkstatus.can_watch_links(request.user):
        panels.append(BrokenLinksPanel())
