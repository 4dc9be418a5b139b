"""Review templates (with revisions) for Review facilitators; the list of reviews for admins.

Reviews themselves are run on the front end; the admin list is for finding and, where a review
must go (for example after a privacy incident), removing one.
"""

from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from privacy.admin_forms import GuardedAdminModelForm

from .models import Review, ReviewTemplate


class ReviewTemplateViewSet(SnippetViewSet):
    model = ReviewTemplate
    icon = "list-ol"
    menu_label = "Review templates"
    list_display = ["name", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_filter = ["live"]
    ordering = ["name"]


class ReviewAdminForm(GuardedAdminModelForm):
    pass


class ReviewViewSet(SnippetViewSet):
    model = Review
    icon = "clipboard-list"
    menu_label = "Reviews"
    list_display = ["title", "date", "kind", "status", "facilitator"]
    list_filter = ["status", "kind", "date"]
    ordering = ["-date", "-id"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("status"), FieldPanel("about")],
        base_form_class=ReviewAdminForm,
    )


class ReviewsGroup(SnippetViewSetGroup):
    menu_label = "Reviews"
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (ReviewTemplateViewSet, ReviewViewSet)


register_snippet(ReviewsGroup)
