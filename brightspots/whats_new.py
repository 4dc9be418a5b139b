"""The home page card: recently published Bright Spots and the next forum sessions."""

from django.utils import timezone

from .models import BrightSpotPage, ForumSessionPage


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
