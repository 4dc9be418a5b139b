"""Who hears about a new comment: the object's author or owner and earlier commenters."""

from django.contrib.auth import get_user_model

from .models import Comment


def object_followers(obj) -> list:
    """People to tell about comments on `obj`.

    A model may say for itself with `get_discussion_followers()`; otherwise pages tell whoever
    submitted them (or their owner), and other records tell their creator and owner.
    """
    if hasattr(obj, "get_discussion_followers"):
        return list(obj.get_discussion_followers())
    people = []
    submitted_by = getattr(obj, "submitted_by", None)
    if submitted_by is not None:
        people.append(submitted_by)
    elif hasattr(obj, "get_url") and getattr(obj, "owner", None) is not None:
        people.append(obj.owner)
    else:
        for attribute in ("created_by", "owner"):
            person = getattr(obj, attribute, None)
            if person is not None:
                people.append(person)
    return people


def recipients_for(comment: Comment) -> list:
    """Everyone to email about `comment`: each once, never the writer, only with an email."""
    obj = comment.content_object
    earlier_author_ids = (
        Comment.objects.filter(
            content_type_id=comment.content_type_id,
            object_id=comment.object_id,
            created_at__lte=comment.created_at,
            author__isnull=False,
        )
        .exclude(pk=comment.pk)
        .values_list("author_id", flat=True)
    )
    candidates = object_followers(obj) if obj is not None else []
    candidates.extend(get_user_model().objects.filter(pk__in=set(earlier_author_ids)))
    seen = {comment.author_id}
    recipients = []
    for person in candidates:
        if person.pk in seen or not person.is_active or not person.email:
            continue
        seen.add(person.pk)
        recipients.append(person)
    return recipients
