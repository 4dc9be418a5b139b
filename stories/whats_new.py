"""Home page card: recently published cohort learning summaries, never participant data."""

from django.urls import reverse

from .models import CohortSummary


def items_depend_on():
    """The topics `items` reads (common.fragments): published summaries and their areas."""
    return ("stories", "taxonomy")


def items(user, limit):
    summaries = CohortSummary.objects.published().select_related("area")[:limit]
    return {
        "title": "Walking-alongside learning",
        "items": [
            {
                "title": summary.title,
                "url": summary.get_absolute_url(),
                "meta": " · ".join(
                    part
                    for part in (
                        summary.area.name if summary.area else "",
                        f"published {summary.published_at:%d %b %Y}",
                    )
                    if part
                ),
            }
            for summary in summaries
        ],
        "more_url": reverse("stories:cohort_list"),
        "more_label": "All case learning",
    }
