"""The home page card: the latest comments, so people see where a conversation is going on."""

from django.utils import timezone

from common.markdown import markdown_to_text

from .links import comment_url
from .models import Comment, commentable_labels


def items_depend_on():
    """The topics `items` reads (common.fragments): comments, their authors' names, and the
    title, URL and publication of what they are on (the commentable models' apps)."""
    return tuple(
        sorted(
            {"discussion", "people", "wagtailcore"}
            | {label.split(".")[0] for label in commentable_labels()}
        )
    )


def items(user, limit=5):
    if user is None or not user.is_authenticated:
        return {"title": "Latest discussion", "items": []}
    # Look a little further than `limit`: comments on unpublished pages are skipped.
    comments = (
        Comment.objects.visible()
        .select_related("author")
        .prefetch_related("content_object")
        .order_by("-created_at", "-id")[: limit * 3]
    )
    entries = []
    for comment in comments:
        obj = comment.content_object
        if obj is None or not getattr(obj, "live", True):
            continue
        text = markdown_to_text(comment.body)
        entries.append(
            {
                "title": text if len(text) <= 90 else f"{text[:89].rstrip()}…",
                "url": comment_url(comment),
                "meta": (
                    f"{comment.author_name} on {getattr(obj, 'title', obj)} · "
                    f"{timezone.localtime(comment.created_at):%-d %b, %H:%M}"
                ),
            }
        )
        if len(entries) == limit:
            break
    return {"title": "Latest discussion", "items": entries}
