"""Emails about Bright Spots and forum sessions. Plain text; every one says what to do next."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from people import roles

from .models import BrightSpotPage, ModerationDecision


def absolute(url):
    return settings.BASE_URL.rstrip("/") + url


def _send(subject, body, recipients):
    recipients = [address for address in recipients if address]
    if recipients:
        send_mail(subject, body, None, recipients)
    return len(recipients)


def submitted(page, user):
    """Tell the forum hosts there is a Bright Spot to moderate."""
    hosts = get_user_model().objects.filter(groups__name=roles.FORUM_HOST, is_active=True)
    body = (
        f'{user} submitted a Bright Spot for moderation: "{page.draft_title}".\n\n'
        "Approve it, ask for changes or decline it here:\n"
        f"{absolute(reverse('brightspots:moderate'))}\n"
    )
    return _send(
        f"Bright Spot to moderate: {page.draft_title}",
        body,
        hosts.exclude(pk=user.pk).values_list("email", flat=True).distinct(),
    )


def moderation_decided(decision):
    """Tell the submitter what the host decided, in the host's words."""
    page = decision.page
    submitter = page.submitted_by
    if submitter is None:
        return 0
    mine = absolute(reverse("brightspots:mine"))
    Action = ModerationDecision.Action
    if decision.action == Action.APPROVED:
        subject = f"Your Bright Spot is published: {page.title}"
        body = f'A forum host approved "{page.title}". It is now published:\n{page.full_url}\n'
        if decision.comment:
            body += f"\nTheir comment:\n{decision.comment}\n"
    elif decision.action == Action.CHANGES_REQUESTED:
        subject = f"Changes asked for: {page.draft_title}"
        body = (
            f'A forum host asked for changes to "{page.draft_title}":\n\n{decision.comment}\n\n'
            f"Edit and resubmit it from My submissions:\n{mine}\n"
        )
    elif decision.action == Action.DECLINED:
        subject = f"Bright Spot declined: {page.draft_title}"
        body = (
            f'A forum host declined "{page.draft_title}". Their reason:\n\n{decision.comment}\n\n'
            f"You can still read it in My submissions:\n{mine}\n"
        )
    else:
        return 0
    return _send(subject, body, [submitter.email])


def _when(session):
    return timezone.localtime(session.starts_at).strftime("%A %-d %B %Y, %H:%M")


def promoted_from_waiting_list(registration):
    session = registration.session
    body = (
        f'A place came free at "{session.title}" ({_when(session)}, UK time) and it is yours: '
        f"you are now registered.\n\nDetails: {session.full_url}\n"
        "If you can no longer come, cancel there so the next person can have the place.\n"
    )
    return _send(f"You have a place: {session.title}", body, [registration.user.email])


def reminder(registration):
    session = registration.session
    where = session.joining_link or session.place or "see the session page"
    body = (
        f'A reminder: "{session.title}" starts {_when(session)} (UK time).\n'
        f"Format: {session.get_format_display()}. Where: {where}\n\n"
        f"Agenda and details: {session.full_url}\n"
        "Cannot come? Cancel on the session page so someone on the waiting list can go.\n"
    )
    return _send(f"Reminder: {session.title}", body, [registration.user.email])


def call_for_presentations(session, users):
    from common.markdown import markdown_to_text

    closes = (
        f"Offers close on {session.presentations_close_on:%-d %B %Y}.\n"
        if session.presentations_close_on
        else ""
    )
    body = (
        f'Call for presentations: "{session.title}", {_when(session)} (UK time).\n\n'
        f"{markdown_to_text(session.call_for_presentations)}\n\n{closes}"
        'Share a Bright Spot and tick "willing to present it at a forum":\n'
        f"{absolute(reverse('brightspots:submit'))}\n\nSession details: {session.full_url}\n"
    )
    subject = f"Call for presentations: {session.title}"
    sent = 0
    for user in users:
        sent += _send(subject, body, [user.email])
    return sent


# Wagtail's own workflow emails ("has been rejected during ...") would reach people twice, in
# harsher words. Our receivers take Wagtail's dispatch_uids first (this app is installed before
# wagtail.admin, whose later connect() is then a no-op) and pass every other page through.
WAGTAIL_WORKFLOW_RECEIVERS = [
    ("task_submitted", "TaskState", "task_submission_email_notifier",
     "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", "WorkflowState", "workflow_submission_email_notifier",
     "workflow_state_submitted_email_notification"),
    ("workflow_rejected", "WorkflowState", "workflow_rejection_email_notifier",
     "workflow_state_rejected_email_notification"),
    ("workflow_approved", "WorkflowState", "workflow_approval_email_notifier",
     "workflow_state_approved_email_notification"),
]  # fmt: skip


def _is_bright_spot(instance):
    state = getattr(instance, "workflow_state", instance)
    model = state.content_type.model_class() if state.content_type_id else None
    return model is not None and issubclass(model, BrightSpotPage)


def _unless_bright_spot(notifier):
    def receiver(sender, instance=None, **kwargs):
        if instance is not None and _is_bright_spot(instance):
            return None
        return notifier(instance=instance, **kwargs)

    return receiver


def replace_wagtail_workflow_emails():
    from wagtail import models as wagtail_models
    from wagtail import signals
    from wagtail.admin import signal_handlers

    for signal_name, sender_name, notifier_name, dispatch_uid in WAGTAIL_WORKFLOW_RECEIVERS:
        getattr(signals, signal_name).connect(
            _unless_bright_spot(getattr(signal_handlers, notifier_name)),
            sender=getattr(wagtail_models, sender_name),
            dispatch_uid=dispatch_uid,
            weak=False,
        )
