"""Emails about Bright Spots and forum sessions. Plain text; every one says what to do next."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from people import roles


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
    from brightspots.models import ModerationDecision

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
