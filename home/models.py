import functools

from django.db import models
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page, PageViewRestriction

from common import fragments
from common.contributions import app_functions
from people import roles


class KeptViewRestrictionsMixin:
    """For a page type: the view restrictions covering a page, found once per write to Wagtail's
    tables (pages, their moves and restrictions are all `wagtailcore`), not per request."""

    def get_view_restrictions(self):
        find = super().get_view_restrictions
        ids = fragments.everyone(
            f"view-restrictions:{self.pk}",
            lambda: list(find().values_list("pk", flat=True)),
            depends=("wagtailcore",),
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


class HomePage(KeptViewRestrictionsMixin, Page):
    """The landing page: public introduction, and what is new for signed-in staff."""

    intro = models.TextField(
        blank=True, help_text="A short welcome shown to everyone, signed in or not."
    )

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["brightspots.BrightSpotIndexPage", "brightspots.ForumIndexPage"]
    max_count = 1
    is_public = True

    def route(self, request, path_components):
        """The page at a path below the home page found by its stored `url_path` in one query
        (and one for its specific type), where Wagtail reads each level's child and its type in
        turn (four queries for a Bright Spot). A path that is no page's goes Wagtail's way."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            # By slug first: Wagtail indexes the slug, not the url_path.
            page = Page.objects.filter(slug=path_components[-1], url_path=url_path).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            # Read only when this person's view is not in the fragment cache (common.fragments):
            # what waits for them and their registrations are theirs alone, so it is kept per
            # person and forgotten on any write; what's new is the audience's (`whats_new`).
            user = request.user
            context["whats_new"] = SimpleLazyObject(lambda: whats_new(user))
            context["awaiting"] = SimpleLazyObject(lambda: awaiting(user))
            context["featured"] = SimpleLazyObject(lambda: featured(user))
            context["calls_to_action"] = calls_to_action(user)
        return context


def whats_new(user, limit=5):
    """Sections of recent items, one per app that contributes a `whats_new.items`.

    A section is the same for everyone of one audience (common.fragments), so it is kept for all
    of them until a write to the topics the app names in `whats_new.items_depend_on()` (any
    write when it names none): a barrier met again reads the barriers' card afresh, not the
    reviews' one, and the next person to open the home page reads none."""
    depends = {
        label: depend_on() for label, depend_on in app_functions("whats_new", "items_depend_on")
    }
    sections = []
    for label, items in app_functions("whats_new", "items"):
        section = fragments.shared(
            user,
            f"whats-new:{label}:{limit}",
            functools.partial(items, user, limit),
            depends=depends.get(label),
        )
        if section and section.get("items"):
            sections.append(section)
    return sections


def awaiting(user):
    """What waits for this person: each app's `whats_new.awaiting(user)`, then their actions."""
    entries = []
    for _label, provider in app_functions("whats_new", "awaiting"):
        entries.extend(provider(user))
    open_actions = [
        item
        for _label, provider in app_functions("actions", "action_items")
        for item in provider(user=user)
        if str(item.get("status", "")).lower() != "done"
    ]
    if open_actions:
        overdue = sum(1 for item in open_actions if item.get("is_overdue"))
        count = len(open_actions)
        text = f"{count} open action{'s' if count != 1 else ''} assigned to you"
        if overdue:
            text += f", {overdue} overdue"
        entries.append({"count": count, "text": text, "url": reverse("reviews:my_actions")})
    return entries


def featured(user):
    """The first thing any app features for this person (the next forum session)."""
    for _label, provider in app_functions("whats_new", "featured"):
        found = provider(user)
        if found:
            return found
    return None


# (role or None for everyone, label, URL name): the main things each role comes to do.
CALLS_TO_ACTION = [
    (None, "Share a Bright Spot", "brightspots:submit"),
    (None, "Log a snag", "barriers:log"),
    (None, "Search learning", "search:search"),
    (roles.FORUM_HOST, "Moderate Bright Spots", "brightspots:moderate"),
    (roles.REVIEW_FACILITATOR, "Start an After Action Review", "reviews:start"),
    (roles.CASE_LEARNING_TEAM, "Open case learning", "stories:cohort_list"),
    (roles.LEADER, "See the insights dashboard", "insights:dashboard"),
]


def calls_to_action(user):
    """Buttons for what this person can do, their own role's first."""
    own = [
        {"label": label, "url": reverse(name)}
        for role, label, name in CALLS_TO_ACTION
        if role is not None and user.has_role(role)
    ]
    common = [
        {"label": label, "url": reverse(name)}
        for role, label, name in CALLS_TO_ACTION
        if role is None
    ]
    return own + common
