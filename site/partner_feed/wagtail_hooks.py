"""Admin: "Partner-Schlüssel" (Einstellungen) for holders of `partner_feed.manage_keys`.

Creating a key shows it once, on the page that answers the form (never stored, never in a
message or a log); the list shows partner, public id, created, last used and whether it is
revoked. Editing changes the partner's name and the note, or revokes the key (for good: a
partner gets a new key instead). The access switch (public or keys only) is the setting
"Zugang zum Produkt-Feed" (`partner_feed.models.FeedAccess`).
"""

from django import forms
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from partner_feed.models import FeedAccess, PartnerKey

PERMISSION = "partner_feed.manage_keys"


class KeyPolicy(ModelPermissionPolicy):
    """One permission for every action on keys (and nobody without it sees them at all)."""

    def user_has_permission(self, user, action):
        return bool(user and user.is_active and user.has_perm(PERMISSION))

    def users_with_any_permission(self, actions):
        return self._get_users_with_any_permission_codenames(["manage_keys"])


register_permission_policy(PartnerKey, KeyPolicy(PartnerKey))


class KeyForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Schlüssel widerrufen"),
        required=False,
        help_text=_(
            "Der Schlüssel funktioniert danach nicht mehr. Das kann nicht rückgängig gemacht werden."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or self.instance.revoked:
            del self.fields["revoke"]

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and not self.instance.revoked:
            self.instance.revoked_at = timezone.now()
        return super().save(commit=commit)


class KeyCreateView(generic.CreateView):
    def save_instance(self):
        self.plain_key = self.form.instance.issue()
        return super().save_instance()

    def save_action(self):
        """The key, shown this once: an answer of its own (no redirect, no message), never kept."""
        response = TemplateResponse(
            self.request,
            "partner_feed/key_created.html",
            {
                "key": self.object,
                "plain_key": self.plain_key,
                "index_url": self.get_success_url(),
                "page_title": _("Schlüssel erstellt"),
                "header_title": _("Schlüssel erstellt"),
            },
        )
        response["Cache-Control"] = "no-store"
        return response


class KeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = _("Partner-Schlüssel")
    add_to_settings_menu = True
    name = "partner_keys"
    permission_policy = KeyPolicy(PartnerKey)
    add_view_class = KeyCreateView
    form_fields = ["partner", "note"]
    list_display = ["partner", "prefix", "created_at", "last_used", "revoked_at"]
    list_filter = []
    search_fields = ["partner"]
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("partner"), FieldPanel("note"), FieldPanel("revoke")],
        base_form_class=KeyForm,
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return KeyViewSet()


__all__ = ["FeedAccess", "KeyViewSet"]
