"""`{% load discussion_tags %}{% comments_for page %}`: the discussion thread and its forms."""

import re

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from common.markdown import render_markdown

from ..drafts import draft_key, take_draft
from ..forms import CommentForm
from ..models import Comment, edit_window, is_commentable
from ..services import object_label

register = template.Library()


_HEADING = re.compile(r"<(/?)h([2-6])>")


@register.filter
def comment_markdown(text):
    """A comment's Markdown as sanitised HTML, its headings below the thread's own (h4 on)."""
    html = render_markdown(text)
    html = _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}>", html)
    return mark_safe(html)  # noqa: S308 - nh3 output; only bare heading tags are renamed


def reply_prefix(comment_id) -> str:
    return f"reply-{comment_id}"


@register.inclusion_tag("discussion/thread.html", takes_context=True)
def comments_for(context, obj):
    """Render the comments on `obj` (oldest first, replies one level deep) and the form to add one.

    Works on any allow-listed model instance; on anything else it renders nothing.
    """
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if obj is None or obj.pk is None or not is_commentable(obj):
        return {"enabled": False}

    label = object_label(obj)
    can_comment = bool(user and user.is_authenticated)
    can_moderate = Comment.can_moderate(user)
    # Comments name their writers, so they are for signed-in staff even on a public page.
    comments = list(Comment.objects.for_object(obj)) if can_comment else []
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        comment.user_can_change = can_comment and comment.can_edit(user)
        comment.user_is_author = can_comment and comment.author_id == user.pk
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    threads = []
    for comment in comments:
        if comment.parent_id:
            continue
        comment.thread_replies = replies.get(comment.pk, [])
        comment.takes_replies = not (comment.is_hidden or comment.is_deleted)
        comment.reply_form = None
        comment.reply_url = reverse("discussion:reply", args=[comment.pk])
        if can_comment and comment.takes_replies:
            draft = take_draft(request, draft_key(label, obj.pk, comment.pk))
            prefix = reply_prefix(comment.pk)
            comment.reply_form = (
                CommentForm.from_draft(draft, prefix=prefix)
                if draft
                else CommentForm(prefix=prefix)
            )
            comment.reply_form.fields["body"].label = f"Your reply to {comment.author_name}"
        threads.append(comment)

    form = None
    if can_comment:
        draft = take_draft(request, draft_key(label, obj.pk))
        form = CommentForm.from_draft(draft) if draft else CommentForm()

    return {
        "enabled": True,
        "object": obj,
        "label": label,
        "object_id": str(obj.pk),
        "threads": threads,
        "count": sum(1 for c in comments if not (c.is_hidden or c.is_deleted)),
        "form": form,
        "can_comment": can_comment,
        "can_moderate": can_moderate,
        "user": user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "edit_minutes": int(edit_window().total_seconds() // 60),
    }
