"""Background work for discussion: emailing people about new comments."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from django_tasks import task

from common.markdown import markdown_to_text

from .links import comment_url
from .models import Comment
from .notifications import recipients_for


@task()
def notify_new_comment(comment_id: int) -> int:
    """Email each follower of the commented object once; returns how many emails were sent."""
    comment = Comment.objects.select_related("author", "content_type").filter(pk=comment_id).first()
    if comment is None or comment.is_hidden or comment.is_deleted:
        return 0
    obj = comment.content_object
    if obj is None:
        return 0
    context = {
        "comment": comment,
        "object": obj,
        "object_title": str(getattr(obj, "title", obj)),
        "text": markdown_to_text(comment.body),
        "url": settings.BASE_URL.rstrip("/") + comment_url(comment),
    }
    subject = render_to_string("discussion/email/new_comment_subject.txt", context).strip()
    sent = 0
    for person in recipients_for(comment):
        body = render_to_string(
            "discussion/email/new_comment.txt", {**context, "recipient": person}
        )
        sent += EmailMessage(subject=subject, body=body, to=[person.email]).send()
    return sent
