from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Barrier


class BarrierViewSet(SnippetViewSet):
    """Barriers in the admin, for leaders and administrators; the front end is the main home."""

    model = Barrier
    icon = "warning"
    menu_label = "Barriers"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "status", "level", "escalation_level", "response_due", "first_met"]
    list_filter = ["status", "level", "escalation_level", "category"]
    search_fields = ["title", "description"]
    ordering = ["-created_at"]
    list_per_page = 50


register_snippet(BarrierViewSet)
