"""Who may do what with catalogue data in the admin.

The catalogue is the source of truth: products and partners are created and removed only by
the sync, so nobody - superusers included - gets "add" or "delete" for them; editors with
"change" edit the editorial fields. The run log is a record: it can be viewed, never edited.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class SyncOwnedPolicy(ModelPermissionPolicy):
    denied = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        if action in self.denied:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.denied]
        if not actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(actions)


class RunLogPolicy(SyncOwnedPolicy):
    denied = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        if action == "view" and user.has_perm("catalogue.run_sync"):
            return True
        return super().user_has_permission(user, action)
