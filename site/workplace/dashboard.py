"""The panels on the admin's home page: what needs the team, each for those allowed to act.

- **Zur Prüfung**: pages and snippets waiting in the review workflow for this user (reviewers
  only), replacing Wagtail's "Awaiting your review" panel, whose queries grow with each item;
- **Veraltete Übersetzungen**: translations whose German source changed after the last sync
  (those who may translate), linking the translation status report;
- **Neue Anfragen**: enquiries nobody has worked yet (enquiry managers only);
- **Katalog-Abgleich**: the last run of the catalogue sync (those who may read its log), and the
  feed's codes the vocabulary has no words for yet (`catalogue.vocabulary.unknown_codes`).

The broken shop links panel lives with the link checker (`shop_links/linkcheck/admin.py`).
Each panel costs a fixed number of queries, however much is waiting: counts are counted in the
database and only the first few items are fetched.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, TaskState

TOP = 5


def _admin_edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


class DashboardPanel(Component):
    """A panel that renders its template with `get_context_data`; nothing when that is None."""

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if context is None:
            return ""
        return render_to_string(self.template_name, context)


def is_reviewer(user) -> bool:
    return user.is_superuser or (
        GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()
    )


class ReviewPanel(DashboardPanel):
    name = "workplace_review"
    template_name = "workplace/panels/review.html"
    order = 100

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        states = TaskState.objects.reviewable_by(self.user).order_by("-started_at")
        top = list(
            states.select_related("revision__user", "workflow_state").prefetch_related(
                "workflow_state__content_object"
            )[:TOP]
        )
        items = []
        for state in top:
            obj = state.workflow_state.content_object
            if obj is None:
                continue
            items.append(
                {
                    "title": str(obj),
                    "kind": obj.specific_class._meta.verbose_name
                    if isinstance(obj, Page)
                    else obj._meta.verbose_name,
                    "url": _admin_edit_url(obj),
                    "by": state.revision.user if state.revision else None,
                    "since": state.started_at,
                }
            )
        return {
            "count": states.count(),
            "items": items,
            "report_url": reverse("wagtailadmin_reports:workflow"),
        }


class OutdatedTranslationsPanel(DashboardPanel):
    name = "workplace_outdated_translations"
    template_name = "workplace/panels/outdated_translations.html"
    order = 110

    def get_context_data(self, parent_context=None):
        from workplace.reports import outdated_translations

        outdated = outdated_translations()
        return {
            "count": sum(len(languages) for _title, languages in outdated),
            "items": [
                {"title": title, "languages": ", ".join(languages)}
                for title, languages in outdated[:TOP]
            ],
            "report_url": reverse("workplace_translation_status") + "?status=behind",
        }


class NewEnquiriesPanel(DashboardPanel):
    name = "workplace_new_enquiries"
    template_name = "workplace/panels/new_enquiries.html"
    order = 90

    def get_context_data(self, parent_context=None):
        from django.db.models import Q

        from enquiries import kinds
        from enquiries.models import Enquiry

        # Not yet worked on: each kind at the status it starts with (a location enquiry "Neu",
        # accessibility feedback "Eingegangen").
        waiting = Q(pk__in=[])
        for kind in kinds.registered().values():
            waiting |= Q(kind=kind.name, status=kind.initial_status)
        new = Enquiry.objects.filter(waiting)
        items = [
            {
                "title": e.company_name() or "–",
                "kind": "" if e.kind == kinds.LOCATION else e.kind_label(),
                "campaign": e.campaign,
                "since": e.submit_time,
                "url": reverse("enquiries_enquiry:edit", args=[e.pk]),
            }
            for e in new.order_by("-submit_time")[:TOP]
        ]
        index = reverse("enquiries_enquiry:index")
        lists = [
            {"label": kind.label, "url": f"{index}?kind={kind.name}&status={kind.initial_status}"}
            for kind in kinds.registered().values()
            if new.filter(kind=kind.name).exists()
        ]
        return {
            "count": new.count(),
            "items": items,
            "list_url": lists[0]["url"] if len(lists) == 1 else index + "?status=new",
            "lists": lists if len(lists) > 1 else [],
        }


class CatalogueSyncPanel(DashboardPanel):
    name = "workplace_catalogue_sync"
    template_name = "workplace/panels/catalogue_sync.html"
    order = 130

    def get_context_data(self, parent_context=None):
        from catalogue.models import CatalogueTerm, SyncRun
        from catalogue.sync.heartbeat import settle_stale
        from catalogue.vocabulary import unknown_codes

        settle_stale()  # a run whose process was killed shows as abandoned, not as running
        terms = CatalogueTerm.snippet_viewset
        run = SyncRun.objects.order_by("-started_at").first()
        return {
            "run": run,
            # Codes live products and partners use that the vocabulary lacks: pages show them
            # made readable until someone enters their words.
            "unknown_codes": unknown_codes(),
            "vocabulary_url": reverse(terms.get_url_name("list")),
            "add_term_url": reverse(terms.get_url_name("add")),
            "run_url": reverse("catalogue_syncrun:inspect", args=[run.pk]) if run else "",
            "log_url": reverse("catalogue_syncrun:index"),
        }


def may_translate(user) -> bool:
    from workplace.reports import PERMISSION

    return user.has_perm(PERMISSION)


def may_see_enquiries(user) -> bool:
    from enquiries.permissions import can_manage

    return can_manage(user)


def may_read_sync_log(user) -> bool:
    return user.has_perm("catalogue.view_syncrun") or user.has_perm("catalogue.run_sync")


def panels_for(user) -> list[Component]:
    panels = []
    if may_see_enquiries(user):
        panels.append(NewEnquiriesPanel())
    if is_reviewer(user):
        panels.append(ReviewPanel(user))
    if may_translate(user):
        panels.append(OutdatedTranslationsPanel())
    if may_read_sync_log(user):
        panels.append(CatalogueSyncPanel())
    return panels
