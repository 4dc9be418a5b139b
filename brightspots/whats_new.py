"""The home page: recently published Bright Spots and the next forum sessions (`items`), what
awaits this person (`awaiting`) and the next forum session (`featured`)."""

from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone

from people import roles

from . import submissions
from .models import BrightSpotPage, ForumSessionPage, Registration


def items_depend_on():
    """The topics `items` reads (common.fragments): Bright Spots, forum sessions, their URLs."""
    return ("brightspots", "wagtailcore")


def items(user, limit=5):
    spots = (
        BrightSpotPage.objects.live()
        .visible_to(user)
        .exclude(first_published_at__isnull=True)
        .order_by("-first_published_at")[:limit]
    )
    entries = [
        {
            "title": spot.title,
            "url": spot.url,
            "meta": f"Bright Spot · {timezone.localtime(spot.first_published_at):%-d %b}",
        }
        for spot in spots
    ]
    for session in ForumSessionPage.objects.live().upcoming()[:2]:
        entries.append(
            {
                "title": session.title,
                "url": session.url,
                "meta": f"Forum · {timezone.localtime(session.starts_at):%a %-d %b, %H:%M}",
            }
        )
    return {
        "title": "Bright Spots and the forum",
        "items": entries,
        "more_url": "/bright-spots/",
        "more_label": "All Bright Spots",
    }


def awaiting(user):
    """What is waiting for this person: submissions to moderate, their own to change."""
    entries = []
    if user.has_role(roles.FORUM_HOST):
        count = len(submissions.moderation_queue(user))
        entries.append(
            {
                "count": count,
                "text": (
                    f"{count} Bright Spot{pluralize(count)} waiting for you to moderate"
                    if count
                    else "No Bright Spots waiting for moderation"
                ),
                "url": reverse("brightspots:moderate"),
            }
        )
    # One count, not every submission's status and latest revision.
    mine = BrightSpotPage.objects.submitted_by_user(user).changes_requested().count()
    if mine:
        entries.append(
            {
                "count": mine,
                "text": f"{mine} of your Bright Spots need{pluralize(mine, 's,')} "
                "changes before they can be published",
                "url": reverse("brightspots:mine"),
            }
        )
    return entries


def featured(user):
    """The next forum session, with this person's registration and the host's next step."""
    session = ForumSessionPage.objects.live().upcoming().first()
    if session is None:
        return None
    registration = session.registration_for(user)
    return {
        "kind": "forum",
        "session": session,
        "registration": registration
        if registration and registration.status != Registration.Status.CANCELLED
        else None,
        "is_host": session.is_host(user),
        "manage_url": reverse("brightspots:manage_session", args=[session.pk]),
    }
