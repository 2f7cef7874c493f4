"""Two admin actions for enquiry managers: send an enquiry's mails again; one person's data."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from enquiries import gdpr
from enquiries.models import Enquiry, EnquiryFile
from enquiries.permissions import can_manage, can_see
from enquiries.tasks import deliver


def download_file(request, pk: int):
    """A file sent with an enquiry, for staff who may see its kind (never a public address)."""
    file = get_object_or_404(EnquiryFile.objects.select_related("enquiry"), pk=pk)
    if not can_see(request.user, file.enquiry.kind):
        raise PermissionDenied
    response = FileResponse(
        file.file.open("rb"), as_attachment=True, filename=file.name, content_type=file.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _require_manager(request):
    if not can_manage(request.user):
        raise PermissionDenied


@require_POST
def resend(request, pk: int):
    _require_manager(request)
    enquiry = get_object_or_404(Enquiry, pk=pk)
    state = deliver(enquiry.pk)
    if state == Enquiry.Notification.SENT:
        messages.success(request, _("Die E-Mails zur Anfrage wurden gesendet."))
    else:
        messages.error(request, _("Die E-Mails konnten wieder nicht gesendet werden."))
    return redirect("enquiries_enquiry:edit", enquiry.pk)


class AddressForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-Mail-Adresse"))


def personal_data(request):
    _require_manager(request)
    form = AddressForm(request.POST or request.GET or None)
    enquiries = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        action = request.POST.get("action") if request.method == "POST" else None
        if action == "export":
            response = HttpResponse(
                gdpr.export_json(email), content_type="application/json; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="anfragen-daten.json"'
            return response
        if action == "delete":
            count = gdpr.erase(email)
            messages.success(request, _("%(count)s Anfragen gelöscht.") % {"count": count})
            return redirect("enquiries_personal_data")
        enquiries = list(gdpr.for_address(email))
    return TemplateResponse(
        request,
        "enquiries/admin/personal_data.html",
        {"form": form, "enquiries": enquiries, "page_title": _("Daten zu einer E-Mail-Adresse")},
    )
