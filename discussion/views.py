"""Thin POST endpoints for comments; each redirects back to the discussed page at the comment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import services
from .drafts import draft_key, keep_draft
from .forms import CommentForm, HideCommentForm
from .links import comment_url, object_url
from .models import Comment, is_commentable
from .templatetags.discussion_tags import reply_prefix

NOT_POSTED = "Your comment was not posted yet: {problem} Your text is still in the form below."


def _comment_and_object(pk):
    """A comment and the object it is on, or 404 if that object may not be discussed now."""
    comment = get_object_or_404(Comment.objects.select_related("author", "content_type"), pk=pk)
    obj = comment.content_object
    if obj is None or not is_commentable(obj) or not getattr(obj, "live", True):
        raise Http404("This discussion is closed.")
    return comment, obj


def _pass_on_hints(request, form) -> None:
    """Writing hints never block, so after posting they travel as messages."""
    for hints in form.label_hints.values():
        for hint in hints:
            messages.info(request, hint.message)


def _first_problem(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return ""


@require_POST
def add(request, label, object_id):
    obj = services.get_commentable_object(label, object_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = services.add_comment(obj, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Your comment is posted.")
        _pass_on_hints(request, form)
        return redirect(comment_url(comment))
    keep_draft(request, draft_key(services.object_label(obj), obj.pk), form)
    messages.error(request, NOT_POSTED.format(problem=_first_problem(form)))
    return redirect(f"{object_url(obj)}#discussion-add")


@require_POST
def reply(request, pk):
    parent, obj = _comment_and_object(pk)
    root = services.thread_root(parent)
    form = CommentForm(request.POST, prefix=reply_prefix(root.pk))
    if form.is_valid():
        try:
            comment = services.add_comment(
                obj, author=request.user, body=form.cleaned_data["body"], parent=root
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{object_url(obj)}#{root.anchor}")
        messages.success(request, "Your reply is posted.")
        _pass_on_hints(request, form)
        return redirect(comment_url(comment))
    keep_draft(request, draft_key(services.object_label(obj), obj.pk, root.pk), form)
    messages.error(request, NOT_POSTED.format(problem=_first_problem(form)))
    return redirect(f"{object_url(obj)}#{root.anchor}-reply")


def _refuse_change(request, comment, verb):
    """Someone else's comment is forbidden; your own, once the window closes, gets a message."""
    if comment.author_id != request.user.pk:
        raise PermissionDenied(f"You can only {verb} your own comments.")
    messages.error(request, services.closed_message(comment, request.user, verb))
    return redirect(comment_url(comment))


def edit(request, pk):
    comment, obj = _comment_and_object(pk)
    if comment.author_id != request.user.pk:
        raise PermissionDenied("You can only edit your own comments.")
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        if not comment.can_edit(request.user):
            # The window closed while they typed: keep their text on the page with the reason.
            form.add_error("body", services.closed_message(comment, request.user, "edit"))
        elif form.is_valid():
            services.edit_comment(comment, user=request.user, body=form.cleaned_data["body"])
            messages.success(request, "Your comment is updated.")
            _pass_on_hints(request, form)
            return redirect(comment_url(comment))
        status = 400
    elif not comment.can_edit(request.user):
        return _refuse_change(request, comment, "edit")
    else:
        form = CommentForm(initial={"body": comment.body})
    context = {
        "form": form,
        "comment": comment,
        "object": obj,
        "back_url": comment_url(comment),
        "editable_until": comment.editable_until(),
    }
    return render(request, "discussion/comment_edit.html", context, status=status)


def delete(request, pk):
    comment, obj = _comment_and_object(pk)
    if not comment.can_delete(request.user):
        return _refuse_change(request, comment, "delete")
    if request.method == "POST":
        services.delete_comment(comment, user=request.user)
        messages.success(request, "Your comment is deleted. Replies to it stay in the thread.")
        return redirect(comment_url(comment))
    return render(
        request,
        "discussion/comment_delete.html",
        {"comment": comment, "object": obj, "back_url": comment_url(comment)},
    )


def hide(request, pk):
    comment, obj = _comment_and_object(pk)
    if not Comment.can_moderate(request.user):
        raise PermissionDenied("Only forum hosts and administrators can hide comments.")
    if comment.is_hidden or comment.is_deleted:
        messages.info(request, "This comment is already off the page.")
        return redirect(comment_url(comment))
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hide_comment(comment, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "The comment is hidden. Its writer sees your reason.")
        return redirect(comment_url(comment))
    return render(
        request,
        "discussion/comment_hide.html",
        {
            "form": form,
            "comment": comment,
            "object": obj,
            "back_url": comment_url(comment),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def unhide(request, pk):
    comment, _obj = _comment_and_object(pk)
    services.unhide_comment(comment, user=request.user)
    messages.success(request, "The comment is shown again.")
    return redirect(comment_url(comment))
