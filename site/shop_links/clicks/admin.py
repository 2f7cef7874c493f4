"""Admin hooks for the click report (imported by shop_links.wagtail_hooks).

The report is for people who may see click counts (`shop_links.view_clickcount`, offered in
the group editor; the Editors and Moderators roles have it) and for superusers; nobody else
sees its menu item, and the report answers them 403.
"""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from shop_links.clicks.report import ClickReportView

VIEW_PERMISSION = "shop_links.view_clickcount"


class ClickReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_click_report_urls():
    urls = [
        path("", ClickReportView.as_view(), name="clicks"),
        path("results/", ClickReportView.as_view(results_only=True), name="clicks_results"),
    ]
    return [path("reports/shop-clicks/", include((urls, "shop_links_reports")))]


@hooks.register("register_reports_menu_item")
def register_click_report_menu_item():
    return ClickReportMenuItem(
        _("Klicks auf Shop-Links"),
        reverse("shop_links_reports:clicks"),
        name="shop-link-clicks",
        icon_name="link-external",
        order=1250,  # after Wagtail's own reports
    )


@hooks.register("register_permissions")
def register_click_report_permission():
    return Permission.objects.filter(
        content_type__app_label="shop_links", codename="view_clickcount"
    )
