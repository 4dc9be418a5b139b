"""The access log in the Wagtail admin: read only, for administrators.

Cohorts, participants and journeys are deliberately not in the admin: every read of them goes
through the front end, where it is limited to the cohort's team and logged.
"""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AccessLogEntry


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view" can ever be granted: not even a superuser may add, edit or delete entries."""

    READ_ONLY_ACTIONS = {"view"}

    def user_has_permission(self, user, action):
        return action in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action in self.READ_ONLY_ACTIONS]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


register_permission_policy(AccessLogEntry, ReadOnlyPermissionPolicy(AccessLogEntry))


class AccessLogViewSet(ModelViewSet):
    model = AccessLogEntry
    icon = "history"
    menu_label = "Case learning access log"
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["at", "user", "action", "object_type", "object_label", "cohort"]
    list_filter = ["action", "cohort", "user", "at"]
    list_per_page = 50
    ordering = ["-at"]
    inspect_view_fields = [
        "at",
        "user",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "cohort",
        "path",
    ]
    form_fields = []


@hooks.register("register_admin_viewset")
def register_access_log():
    return AccessLogViewSet("case_learning_access_log")
