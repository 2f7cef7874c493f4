"""Admin: "Anfragen" for staff with the permission `enquiries.manage_enquiries`.

A list with filters (status, campaign, date, language, notification), the enquiry with its
answers, status and internal notes, CSV and XLSX exports safe against formula injection, a
"send again" action for mails that did not go out, and a page to find, export or erase all data
of one e-mail address. Wagtail's own form-submissions listing of the enquiry form is closed to
everyone without the permission (`filter_form_submissions_for_user`).
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button as HeaderButton
from wagtail.permissions import register_permission_policy

from core.exports import FormulaSafeExportMixin
from enquiries import exports
from enquiries.models import Enquiry, EnquiryNote
from enquiries.permissions import EnquiryPolicy, can_manage

register_permission_policy(Enquiry, EnquiryPolicy(Enquiry))


class AnswersPanel(Panel):
    """The visitor's answers, read-only, with where the enquiry came from and its mail state."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "enquiries/admin/answers_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from enquiries.mail import labelled_answers

            context = super().get_context_data(parent_context)
            enquiry = self.instance
            context.update(
                enquiry=enquiry,
                answers=labelled_answers(enquiry),
                utm=[(key, getattr(enquiry, key)) for key in Enquiry.UTM_FIELDS],
                retry_url=reverse("enquiries_resend", args=[enquiry.pk]),
            )
            return context


def campaign_choices():
    codes = (
        Enquiry.objects.exclude(campaign="")
        .order_by("campaign")
        .values_list("campaign", flat=True)
        .distinct()
    )
    return [(code, code) for code in codes]


class EnquiryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Enquiry.Status.choices)
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
        fields = ["status", "campaign", "submit_time", "language", "notification_state"]


class CompanyColumn(Column):
    def get_value(self, instance):
        data = instance.form_data or {}
        return data.get("company") or data.get("contact_person") or "–"


class NotificationColumn(Column):
    def get_value(self, instance):
        if instance.notification_state == Enquiry.Notification.FAILED:
            return format_html("<strong>{}</strong>", instance.get_notification_state_display())
        return instance.get_notification_state_display()


class ManagersOnlyMixin:
    """A plain 403 for anyone without the permission (not Wagtail's redirect to the dashboard)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EnquiryIndexView(ManagersOnlyMixin, FormulaSafeExportMixin, generic.IndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.is_export:
            self.list_export, self.export_headings = exports.columns(self.get_base_queryset())

    def to_row_dict(self, item):
        return exports.row(item, self.list_export)

    @cached_property
    def header_more_buttons(self):
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
    pass


class EnquiryEditView(ManagersOnlyMixin, generic.EditView):
    def save_instance(self):
        before = set(self.object.notes.values_list("pk", flat=True))
        instance = super().save_instance()
        EnquiryNote.objects.filter(enquiry=instance, author__isnull=True).exclude(
            pk__in=before
        ).update(author=self.request.user)
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
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    filterset_class = EnquiryFilterSet
    list_display = [
        Column("submit_time", label=_("Eingegangen"), sort_key="submit_time"),
        CompanyColumn("company", label=_("Unternehmen"), accessor="form_data"),
        Column("campaign", label=_("Kampagne")),
        Column("language", label=_("Sprache")),
        Column("get_status_display", label=_("Status")),
        NotificationColumn("notification_state", label=_("Benachrichtigung")),
    ]
    list_export = ["pk", "submit_time"]  # replaced per export (enquiries.exports.columns)
    export_filename = "anfragen"
    panels = [
        AnswersPanel(heading=_("Anfrage")),
        FieldPanel("status"),
        InlinePanel("notes", label=_("Interne Notizen"), heading=_("Interne Notizen")),
    ]

    def get_queryset(self, request):
        return Enquiry.objects.all()


enquiry_viewset = EnquiryViewSet()


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return enquiry_viewset


@hooks.register("filter_form_submissions_for_user")
def hide_enquiry_forms(user, editable_forms):
    """Wagtail shows a form page's submissions to its editors; enquiries need the permission."""
    if can_manage(user):
        return editable_forms
    return editable_forms.exclude(content_type__model="enquiryformpage")


@hooks.register("register_admin_urls")
def register_enquiry_urls():
    from enquiries.admin_views import personal_data, resend

    return [
        path("enquiries-resend/<int:pk>/", resend, name="enquiries_resend"),
        path("enquiries-personal-data/", personal_data, name="enquiries_personal_data"),
    ]
