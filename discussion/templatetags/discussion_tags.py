"""`{% load discussion_tags %}{% comments_for page %}`: the discussion thread and its forms."""

import re

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from common import fragments
from common.markdown import render_markdown

from ..drafts import draft_key, drafts_prefix, take_draft
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


# What a thread shows: its comments, their writers' names (people) and agencies (taxonomy).
THREAD_TOPICS = ("discussion", "people", "taxonomy")


@register.simple_tag(takes_context=True)
def comments_for(context, obj):
    """The comments on `obj` (oldest first, replies one level deep) and the form to add one.

    Works on any allow-listed model instance; on anything else it renders nothing. The thread is
    the same for everyone of one audience (common.fragments: moderators see more), so it is kept
    for them until a comment, a name or an agency changes, the CSRF tokens in its forms standing
    in for each person's own. It is rendered afresh for someone it is personal to: the writer of a
    comment in it (their edit links and notices) or someone with a draft kept for it.
    """
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if obj is None or obj.pk is None or not is_commentable(obj):
        return ""
    if not (user and user.is_authenticated) or _has_draft(request, obj):
        return _render(context, thread_context(request, user, obj))
    key = fragments.fragment_key(
        "discussion-thread", [object_label(obj), obj.pk], user, THREAD_TOPICS
    )
    kept = fragments.get(key)
    if kept is None:
        values = thread_context(request, user, obj)
        if user.pk in values["writers"]:
            return _render(context, values)
        html = fragments.render_keeping_csrf_out(context, lambda shared: _render(shared, values))
        kept = (values["writers"], html)
        fragments.put(key, kept)
    writers, html = kept
    if user.pk in writers:
        return _render(context, thread_context(request, user, obj))
    return mark_safe(fragments.with_csrf(html, context))  # noqa: S308 - rendered by _render


def _render(context, values):
    template = context.template.engine.get_template("discussion/thread.html")
    html = template.render(context.new({**values, "csrf_token": context.get("csrf_token")}))
    return mark_safe(html)  # noqa: S308 - the template's own autoescaped output


def _has_draft(request, obj):
    """Whether this person's session keeps a refused comment's text for `obj` (shown once)."""
    session = getattr(request, "session", None)
    prefix = drafts_prefix(object_label(obj), obj.pk)
    return session is not None and any(key.startswith(prefix) for key in session.keys())  # noqa: SIM118 - a session has no __iter__


def thread_context(request, user, obj):
    """What discussion/thread.html shows `user` about `obj`."""
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
        # Who wrote a comment here (None: a former member): the thread is personal to them.
        "writers": frozenset(comment.author_id for comment in comments),
        "count": sum(1 for c in comments if not (c.is_hidden or c.is_deleted)),
        "form": form,
        "can_comment": can_comment,
        "can_moderate": can_moderate,
        "user": user,
        "request": request,
        "edit_minutes": int(edit_window().total_seconds() // 60),
    }
