"""Admin: "Anfragen" for staff with the permission `enquiries.manage_enquiries`.

A list with a search (company, contact person) and filters (status, campaign, date, language,
notification) whose rows open the enquiry; the enquiry with its answers, status, internal notes
and its history (`enquiries.history`), CSV and XLSX exports safe against formula injection, a
"send again" action for mails that did not go out, and a page to find, export or erase all data
of one e-mail address. Wagtail's own form-submissions listing of the enquiry form is closed to
everyone without the permission (`filter_form_submissions_for_user`).
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button as HeaderButton
from wagtail.permissions import register_permission_policy

from core.exports import FormulaSafeExportMixin
from enquiries import exports, history, kinds
from enquiries.models import Enquiry, EnquiryNote
from enquiries.permissions import EnquiryPolicy, can_manage, can_open, can_see, visible_kinds

register_permission_policy(Enquiry, EnquiryPolicy(Enquiry))


class EnquiryPanel(Panel):
    """A read-only part of a stored enquiry's page, drawn by `template_name` from `extra_context`."""

    template_name = ""

    def extra_context(self, enquiry) -> dict:
        return {}

    class BoundPanel(Panel.BoundPanel):
        class Media:
            css = {"all": ["css/enquiries-admin.css"]}

        @property
        def template_name(self):
            return self.panel.template_name

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.panel.extra_context(self.instance))
            return context


class AnswersPanel(EnquiryPanel):
    """The visitor's answers, with where the enquiry came from and its mail state."""

    template_name = "enquiries/admin/answers_panel.html"

    def extra_context(self, enquiry):
        from enquiries.mail import labelled_answers

        return {
            "enquiry": enquiry,
            "answers": labelled_answers(enquiry),
            "utm": [(key, getattr(enquiry, key)) for key in Enquiry.UTM_FIELDS],
            "retry_url": reverse("enquiries_resend", args=[enquiry.pk]),
            "files": [
                (file, reverse("enquiries_file", args=[file.pk])) for file in enquiry.files.all()
            ],
        }


class HistoryPanel(EnquiryPanel):
    """What happened to the enquiry: received, mails, status changes, notes (newest first)."""

    template_name = "enquiries/admin/history_panel.html"

    def extra_context(self, enquiry):
        return {"events": history.events(enquiry)}


def campaign_choices():
    codes = (
        Enquiry.objects.exclude(campaign="")
        .order_by("campaign")
        .values_list("campaign", flat=True)
        .distinct()
    )
    return [(code, code) for code in codes]


class EnquiryFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=kinds.kind_choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=kinds.status_choices)
    campaign = django_filters.ChoiceFilter(label=_("Kampagne"), choices=campaign_choices)
    submit_time = django_filters.DateFromToRangeFilter(
        label=_("Eingegangen"), widget=DateRangePickerWidget
    )
    language = django_filters.ChoiceFilter(
        label=_("Sprache"), choices=Enquiry._meta.get_field("language").choices
    )
    notification_state = django_filters.ChoiceFilter(
        label=_("Benachrichtigung"), choices=Enquiry.Notification.choices
    )

    class Meta:
        model = Enquiry
        fields = ["kind", "status", "campaign", "submit_time", "language", "notification_state"]


class NotificationColumn(Column):
    def get_value(self, instance):
        if instance.notification_state == Enquiry.Notification.FAILED:
            return format_html("<strong>{}</strong>", instance.get_notification_state_display())
        return instance.get_notification_state_display()


class ManagersOnlyMixin:
    """Anyone without the permission gets the admin's 403 page (workplace/apps.py), whatever the
    view's own model permissions would allow."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class KindReadersMixin:
    """Enquiry managers, and holders of a kind's own permission for that kind's enquiries only
    (`enquiries.permissions.visible_kinds`); everyone else gets the admin's 403 page."""

    def dispatch(self, request, *args, **kwargs):
        if not can_open(request.user):
            raise PermissionDenied
        pk = kwargs.get("pk")
        if pk is not None:
            kind = Enquiry.objects.filter(pk=pk).values_list("kind", flat=True).first()
            if kind is not None and not can_see(request.user, kind):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EnquiryIndexView(KindReadersMixin, FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        visible = visible_kinds(self.request.user)
        return queryset if visible is None else queryset.filter(kind__in=visible)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.is_export:
            self.list_export, self.export_headings = exports.columns(self.get_base_queryset())

    def to_row_dict(self, item):
        return exports.row(item, self.list_export)

    @cached_property
    def header_more_buttons(self):
        if not can_manage(self.request.user):
            return super().header_more_buttons
        return [
            *super().header_more_buttons,
            HeaderButton(
                _("Daten zu einer E-Mail-Adresse"),
                url=reverse("enquiries_personal_data"),
                icon_name="user",
                priority=100,
            ),
        ]


class EnquiryDeleteView(ManagersOnlyMixin, generic.DeleteView):
    def delete_action(self):
        """Log the deletion as "#<number>" only: Wagtail would label it with the company, which
        then outlives the enquiry in the site history."""
        with transaction.atomic():
            history.record(self.object, "wagtail.delete", self.request.user, deleted=True)
            self.action_class(self.object, user=self.request.user, log_action=None).execute(
                skip_permission_checks=True
            )


class EnquiryHistoryView(KindReadersMixin, HistoryView):
    pass


class EnquiryUsageView(ManagersOnlyMixin, UsageView):
    pass


class EnquiryEditView(KindReadersMixin, generic.EditView):
    def get_form(self, *args, **kwargs):
        """The status offers only the statuses of the enquiry's kind."""
        form = super().get_form(*args, **kwargs)
        if "status" in form.fields:
            form.fields["status"].choices = list(self.object.status_options())
        return form

    def save_instance(self):
        """Save, then record what changed in the enquiry's history (not Wagtail's "edited")."""
        user = self.request.user
        before = set(self.object.notes.values_list("pk", flat=True))
        old_status = self.form.initial.get("status")
        self.action_class(self.object, user=user, form=self.form, log_action=None).execute(
            skip_permission_checks=True
        )
        instance = self.object
        EnquiryNote.objects.filter(enquiry=instance, author__isnull=True).exclude(
            pk__in=before
        ).update(author=user)
        if instance.status != old_status:
            history.record(
                instance,
                history.STATUS_CHANGED,
                user,
                old=old_status,
                new=instance.status,
                kind=instance.kind,
            )
        deleted = before - set(instance.notes.values_list("pk", flat=True))
        for _note in deleted:
            history.record(instance, history.NOTE_DELETED, user)
        return instance


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = _("Anfragen")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "enquiries"
    name = "enquiries_enquiry"
    index_view_class = EnquiryIndexView
    edit_view_class = EnquiryEditView
    delete_view_class = EnquiryDeleteView
    history_view_class = EnquiryHistoryView
    usage_view_class = EnquiryUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    filterset_class = EnquiryFilterSet
    # Django's ORM search (Enquiry is not in the search index): the answers' JSON keys.
    search_fields = ["form_data__company", "form_data__contact_person"]
    list_display = [
        # The first column links each row to its enquiry.
        "company_name",
        "contact_name",
        Column("submit_time", label=_("Eingegangen"), sort_key="submit_time"),
        Column("campaign", label=_("Kampagne")),
        Column("language", label=_("Sprache")),
        Column("kind_label", label=_("Art")),
        Column("status_label", label=_("Status")),
        NotificationColumn("notification_state", label=_("Benachrichtigung")),
    ]
    list_export = ["pk", "submit_time"]  # replaced per export (enquiries.exports.columns)
    export_filename = "anfragen"
    panels = [
        AnswersPanel(heading=_("Anfrage")),
        FieldPanel("status"),
        InlinePanel("notes", label=_("Interne Notizen"), heading=_("Interne Notizen")),
        HistoryPanel(heading=_("Verlauf")),
    ]

    def get_queryset(self, request):
        return Enquiry.objects.all()


enquiry_viewset = EnquiryViewSet()


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return enquiry_viewset


@hooks.register("register_log_actions")
def register_enquiry_log_actions(actions):
    for action, formatter in history.FORMATTERS.items():
        actions.register_action(action)(formatter)


@hooks.register("filter_form_submissions_for_user")
def hide_enquiry_forms(user, editable_forms):
    """Wagtail shows a form page's submissions to its editors; enquiries need the permission."""
    if can_manage(user):
        return editable_forms
    return editable_forms.exclude(content_type__model="enquiryformpage")


@hooks.register("register_admin_urls")
def register_enquiry_urls():
    from enquiries.admin_views import download_file, personal_data, resend

    return [
        path("enquiries-resend/<int:pk>/", resend, name="enquiries_resend"),
        path("enquiries-personal-data/", personal_data, name="enquiries_personal_data"),
        path("enquiries-file/<int:pk>/", download_file, name="enquiries_file"),
    ]
