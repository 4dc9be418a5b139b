from django.urls import reverse

from .models import Review


def items_depend_on():
    """The topics `items` reads (common.fragments): reviews and their areas."""
    return ("reviews", "taxonomy")


def items(user, limit):
    """Recently completed reviews: every signed-in user can read them."""
    reviews = (
        Review.objects.completed().select_related("area").order_by("-completed_at", "-id")[:limit]
    )
    return {
        "title": "Recently completed reviews",
        "items": [
            {
                "title": review.title,
                "url": review.get_absolute_url(),
                "meta": " · ".join(
                    part
                    for part in (
                        f"{review.date:%-d %b %Y}",
                        "Formal" if review.kind == Review.Kind.FORMAL else "Informal",
                        str(review.area or ""),
                    )
                    if part
                ),
            }
            for review in reviews
        ],
        "more_url": reverse("reviews:list"),
        "more_label": "All reviews",
    }
