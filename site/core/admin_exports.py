"""Wagtail's own admin listings whose CSV/XLSX downloads are made formula-safe (`core.exports`).

Wagtail's reports (site history, locked pages, aging pages, workflows, workflow tasks) and the
redirects listing export page titles, log labels, user names, workflow and site names as typed:
a page called `=HYPERLINK(…)` becomes a live formula in the download (Wagtail only neutralises
`=` in XLSX, and not in headings). Wagtail offers no hook to replace these views, so
`config/urls.py` mounts these patterns in front of the admin's: the same addresses (so Wagtail's
URL names, menus and export buttons lead here), each with the view Wagtail would use plus
`FormulaSafeExportMixin`, and the admin's own access check. Form submissions get the mixin through
the form page's `submissions_list_view_class` (enquiries).
"""

from functools import cache

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import reports as wagtail_reports
from wagtail.contrib.redirects import urls as wagtail_redirects
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.exports import FormulaSafeExportMixin


@cache
def formula_safe_view(view_class):
    return type(view_class.__name__, (FormulaSafeExportMixin, view_class), {})


def _formula_safe_patterns(prefix: str, patterns) -> list:
    """`patterns` (Wagtail's, for class-based views) again, with every exporting view made safe."""
    safe = []
    for pattern in patterns:
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or not getattr(view_class, "list_export", None):
            continue
        view = formula_safe_view(view_class).as_view(**pattern.callback.view_initkwargs)
        safe.append(path(f"{prefix}{pattern.pattern}", view))
    return safe


urlpatterns = decorate_urlpatterns(
    [
        *_formula_safe_patterns("reports/", wagtail_reports.urlpatterns),
        *_formula_safe_patterns("redirects/", wagtail_redirects.urlpatterns),
    ],
    lambda view: require_admin_access(never_cache(view)),
)
