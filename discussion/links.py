"""Where a comment and the thing it is about are shown: URLs only, no writes."""

from django.urls import NoReverseMatch

from .models import Comment


def object_url(obj) -> str:
    """Where the object is shown: a page's URL or a model's get_absolute_url()."""
    if hasattr(obj, "get_url"):
        url = obj.get_url()
        if url:
            return url
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return "/"


def comment_url(comment: Comment) -> str:
    return f"{object_url(comment.content_object)}#{comment.anchor}"
