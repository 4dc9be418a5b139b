from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import BarrierAdminForm
from .models import Barrier


class BarrierViewSet(SnippetViewSet):
    """Barriers in the admin, for leaders and administrators; the front end is the main home.

    Edits here run the privacy guard and the status rules, and are written to the history.
    """

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
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldPanel("level"),
                    FieldPanel("category"),
                    FieldPanel("themes"),
                    FieldPanel("needs"),
                    FieldPanel("specific_groups"),
                ],
                heading="Kind of barrier",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("agencies"),
                    FieldPanel("area"),
                    FieldPanel("fix_agency"),
                    FieldPanel("owner"),
                ],
                heading="Where and who",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("escalation_level"),
                    FieldPanel("response_due"),
                    FieldPanel("resolution_note"),
                    FieldPanel("permission_granted"),
                ],
                heading="Status and escalation",
            ),
            FieldPanel("first_met"),
            FieldPanel("tags"),
        ],
        base_form_class=BarrierAdminForm,
    )


register_snippet(BarrierViewSet)
