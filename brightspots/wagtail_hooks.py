from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FollowUpAction


class FollowUpActionViewSet(SnippetViewSet):
    model = FollowUpAction
    icon = "tasks"
    menu_label = "Forum actions"
    add_to_admin_menu = False
    list_display = ["text", "session", "owner", "owner_agency", "due_on", "status"]
    list_filter = ["status"]
    panels = ["session", "text", "owner", "owner_agency", "due_on", "status"]


register_snippet(FollowUpActionViewSet)
