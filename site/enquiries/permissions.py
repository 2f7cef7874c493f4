"""Who may see enquiries: holders of "enquiries.manage_enquiries" (and superusers), nobody else.

Enquiries hold personal data of businesses' staff, so page editors do not see them just because
they may edit the form page: this one permission opens the "Anfragen" list, the detail and edit
views, the exports, and Wagtail's own submissions listing of the form page. Nobody adds an
enquiry in the admin; they come only from the form.

A kind may name a permission of its own (`enquiries.kinds.Kind.permission`, e.g. designer
applications for the "Designer relations" group): its holders see and change that kind's
enquiries only — the list shows them nothing else, another kind's enquiry is a 403 — and may not
delete enquiries or use the personal-data page (erasure stays with the enquiry managers).
"""

from wagtail.permission_policies import ModelPermissionPolicy

PERMISSION = "enquiries.manage_enquiries"


def can_manage(user) -> bool:
    return bool(user and user.is_active and user.has_perm(PERMISSION))


def visible_kinds(user) -> set[str] | None:
    """The kinds of enquiry `user` may see: None for every kind (enquiry managers), else the
    kinds whose own permission they hold (possibly none)."""
    from enquiries import kinds

    if can_manage(user):
        return None
    if not (user and user.is_active):
        return set()
    return {
        kind.name
        for kind in kinds.registered().values()
        if kind.permission and user.has_perm(kind.permission)
    }


def can_open(user) -> bool:
    """May `user` open the "Anfragen" list at all?"""
    visible = visible_kinds(user)
    return visible is None or bool(visible)


def can_see(user, kind_name: str) -> bool:
    visible = visible_kinds(user)
    return visible is None or kind_name in visible


class EnquiryPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action == "delete":
            return can_manage(user)
        return can_open(user)

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
