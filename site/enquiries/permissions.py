"""Who may see enquiries: holders of "enquiries.manage_enquiries" (and superusers), nobody else.

Enquiries hold personal data of businesses' staff, so page editors do not see them just because
they may edit the form page: this one permission opens the "Anfragen" list, the detail and edit
views, the exports, and Wagtail's own submissions listing of the form page. Nobody adds an
enquiry in the admin; they come only from the form.
"""

from wagtail.permission_policies import ModelPermissionPolicy

PERMISSION = "enquiries.manage_enquiries"


def can_manage(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PERMISSION))


class EnquiryPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return can_manage(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        actions = [action for action in actions if action != "add"]
        users = get_user_model().objects.filter(is_active=True)
        if not actions:
            return users.none()
        app_label, codename = PERMISSION.split(".")
        return users.filter(
            Q(is_superuser=True)
            | Q(
                user_permissions__content_type__app_label=app_label,
                user_permissions__codename=codename,
            )
            | Q(
                groups__permissions__content_type__app_label=app_label,
                groups__permissions__codename=codename,
            )
        ).distinct()
