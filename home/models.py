from django.db import models

from wagtail.models import Page

from common.contributions import app_functions


class HomePage(Page):
    """The landing page: public introduction, and what is new for signed-in staff."""

    intro = models.TextField(
        blank=True, help_text="A short welcome shown to everyone, signed in or not."
    )

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["brightspots.BrightSpotIndexPage", "brightspots.ForumIndexPage"]
    max_count = 1
    is_public = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            context["whats_new"] = whats_new(request.user)
        return context


def whats_new(user, limit=5):
    """Sections of recent items, one per app that contributes a `whats_new.items`."""
    sections = []
    for _label, items in app_functions("whats_new", "items"):
        section = items(user, limit)
        if section and section.get("items"):
            sections.append(section)
    return sections
