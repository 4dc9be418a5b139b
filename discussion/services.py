"""Every change to a comment goes through here: one transaction each, with its audit record."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import (
    Comment,
    CommentRevision,
    commentable_labels,
    content_type_label,
    edit_window,
)
from .tasks import notify_new_comment


def get_commentable_object(label: str, object_id: str) -> Any:
    """The object named by "app_label.model" and its id, or 404 if it may not be discussed."""
    label = label.lower()
    if label not in commentable_labels() or "." not in label:
        raise Http404("Comments are not open on this kind of page.")
    app_label, model = label.split(".", 1)
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as error:
        raise Http404("Comments are not open on this kind of page.") from error
    model_class = content_type.model_class()
    if model_class is None:
        raise Http404("Comments are not open on this kind of page.")
    queryset = model_class._default_manager.all()
    if hasattr(model_class, "live"):
        queryset = queryset.filter(live=True)
    try:
        return queryset.get(pk=object_id)
    except (ObjectDoesNotExist, ValueError, ValidationError) as error:
        raise Http404("There is nothing here to comment on.") from error


def object_label(obj: Any) -> str:
    return content_type_label(ContentType.objects.get_for_model(obj))


def thread_root(parent: Comment | None) -> Comment | None:
    """Replies go one level deep: a reply to a reply joins the top-level comment's thread."""
    if parent is None:
        return None
    return parent.parent if parent.parent_id else parent


def add_comment(obj: Any, *, author: Any, body: str, parent: Comment | None = None) -> Comment:
    """Post a comment (or a reply) on `obj` and queue the emails to people following it."""
    parent = thread_root(parent)
    if parent is not None:
        if parent.content_object != obj:
            raise ValidationError("You can only reply to a comment on the same page.")
        if parent.is_hidden or parent.is_deleted:
            raise ValidationError(
                "This comment was hidden or deleted, so it no longer takes replies."
            )
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        comment = Comment.objects.create(
            content_type=content_type,
            object_id=str(obj.pk),
            author=author,
            body=body,
            parent=parent,
        )
    transaction.on_commit(lambda: notify_new_comment.enqueue(comment.pk))
    return comment


def edit_comment(comment: Comment, *, user: Any, body: str) -> Comment:
    if not comment.can_edit(user):
        raise PermissionDenied(closed_message(comment, user, "edit"))
    if body == comment.body:
        return comment
    return _revise(
        comment, CommentRevision.Action.EDITED, user, body=body, edited_at=timezone.now()
    )


def delete_comment(comment: Comment, *, user: Any) -> Comment:
    """Soft delete: the text leaves the page (into the audit trail); replies stay."""
    if not comment.can_delete(user):
        raise PermissionDenied(closed_message(comment, user, "delete"))
    return _revise(
        comment, CommentRevision.Action.DELETED, user, body="", deleted_at=timezone.now()
    )


def hide_comment(comment: Comment, *, user: Any, reason: str) -> Comment:
    if not Comment.can_moderate(user):
        raise PermissionDenied("Only forum hosts and administrators can hide comments.")
    if comment.is_hidden:
        return comment
    return _revise(
        comment,
        CommentRevision.Action.HIDDEN,
        user,
        note=reason,
        is_hidden=True,
        hidden_reason=reason,
        hidden_by=user,
        hidden_at=timezone.now(),
    )


def unhide_comment(comment: Comment, *, user: Any) -> Comment:
    if not Comment.can_moderate(user):
        raise PermissionDenied("Only forum hosts and administrators can show hidden comments.")
    if not comment.is_hidden:
        return comment
    return _revise(
        comment,
        CommentRevision.Action.UNHIDDEN,
        user,
        note=comment.hidden_reason,
        is_hidden=False,
        hidden_reason="",
        hidden_by=None,
        hidden_at=None,
    )


def _revise(comment: Comment, action: str, user: Any, note: str = "", **changes: Any) -> Comment:
    """Keep what the comment said in its audit trail, then apply `changes`: one transaction."""
    with transaction.atomic():
        CommentRevision.objects.create(
            comment=comment, action=action, body=comment.body, note=note, user=user
        )
        for field, value in changes.items():
            setattr(comment, field, value)
        comment.save(update_fields=list(changes))
    return comment


def closed_message(comment: Comment, user: Any, verb: str) -> str:
    if not user.is_authenticated or comment.author_id != user.pk:
        return f"You can only {verb} your own comments."
    if comment.is_deleted:
        return "This comment has already been deleted."
    if comment.is_hidden:
        return f"A moderator hid this comment, so it can no longer be changed ({verb})."
    minutes = int(edit_window().total_seconds() // 60)
    return (
        f"Comments can only be changed for {minutes} minutes after posting. "
        "Post a new comment or reply instead."
    )
