"""Comments in the Wagtail admin: a read-only list for moderators, with each audit trail."""

from django.utils.html import format_html, format_html_join

from wagtail.admin.views.generic.models import InspectView
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Comment


class ReadOnlyCommentPolicy(ModelPermissionPolicy):
    """Moderators read comments here; every change goes through the site's own forms."""

    def user_has_permission(self, user, action):
        if action == "view":
            return user.has_perm("discussion.view_comment") or user.has_perm(
                "discussion.moderate_comment"
            )
        return False

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return self._get_users_with_any_permission_codenames(["view_comment", "moderate_comment"])


register_permission_policy(Comment, ReadOnlyCommentPolicy(Comment))


class CommentInspectView(InspectView):
    def get_audit_trail_display_value(self):
        revisions = self.object.audit_trail()
        if not revisions:
            return "No edits, deletions or moderation."
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li><strong>{}</strong> by {} on {}{}<blockquote>{}</blockquote></li>",
                (
                    (
                        revision.get_action_display(),
                        revision.user or "someone no longer here",
                        f"{revision.at:%d %b %Y %H:%M}",
                        f" — reason: {revision.note}" if revision.note else "",
                        revision.body or "(empty)",
                    )
                    for revision in revisions
                ),
            ),
        )


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    menu_order = 300
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = CommentInspectView
    inspect_view_fields = [
        "discussed_object",
        "author",
        "created_at",
        "edited_at",
        "status",
        "body",
        "hidden_reason",
        "hidden_by",
        "hidden_at",
        "audit_trail",
    ]
    list_display = ["excerpt", "author", "discussed_object", "status", "created_at"]
    list_filter = ["is_hidden", "created_at"]
    search_fields = None
    ordering = ["-created_at"]


register_snippet(CommentViewSet)
