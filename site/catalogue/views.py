"""The admin's "Sync now" page: start a run of the configured feed, in the background.

Only the configured `CATALOGUE_FEED_URL` can be synced from here - a free-text source would let
an admin user make the server read arbitrary URLs or local files.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import SyncRun
from catalogue.sync.heartbeat import settle_stale
from catalogue.tasks import sync_catalogue_now


class SyncNowForm(forms.Form):
    dry_run = forms.BooleanField(
        label=gettext_lazy("Probelauf"),
        required=False,
        help_text=gettext_lazy("Zeigt, was sich ändern würde, ohne etwas zu speichern."),
    )
    force = forms.BooleanField(
        label=gettext_lazy("Sicherung übergehen"),
        required=False,
        help_text=gettext_lazy(
            "Auch abgleichen, wenn dabei mehr Produkte ausgeblendet würden als erlaubt. Nur, "
            "wenn das Sortiment wirklich so stark geschrumpft ist."
        ),
    )


def sync_now(request):
    if not request.user.has_perm("catalogue.run_sync"):
        raise PermissionDenied
    feed_url = settings.CATALOGUE_FEED_URL
    settle_stale()
    running = SyncRun.objects.filter(status=SyncRun.Status.RUNNING, finished_at__isnull=True)
    # Bound on every POST: a press of the button with no box ticked is still a press.
    form = SyncNowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and feed_url and form.is_valid():
        sync_catalogue_now.enqueue(
            user_id=request.user.pk,
            dry_run=form.cleaned_data["dry_run"],
            force=form.cleaned_data["force"],
        )
        latest = SyncRun.objects.filter(user=request.user).first()
        if latest and latest.finished_at:
            level = (
                messages.SUCCESS if latest.status == SyncRun.Status.SUCCEEDED else messages.ERROR
            )
            messages.add_message(request, level, latest.message)
        else:
            messages.success(
                request, _("Der Abgleich ist gestartet; das Ergebnis erscheint im Protokoll.")
            )
        return redirect(reverse("catalogue_syncrun:index"))
    return TemplateResponse(
        request,
        "catalogue/sync_now.html",
        {
            "form": form,
            "feed_url": feed_url,
            "running": running.first(),
            "recent": SyncRun.objects.select_related("user")[:5],
            "header_title": _("Katalog jetzt abgleichen"),
        },
    )
