"""Registering for forum sessions: capacity, a waiting list, and cancelling."""

from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import ForumSessionPage, Registration


class RegistrationError(Exception):
    """A registration that cannot happen; the message says why."""


@transaction.atomic
def register(session, user):
    """Register `user`, or put them on the waiting list when the session is full."""
    # Lock the session row so two people cannot take the last place at once (PostgreSQL).
    session = ForumSessionPage.objects.select_for_update().get(pk=session.pk)
    if session.has_started:
        raise RegistrationError("Registration has closed: this session has already started.")
    existing = Registration.objects.filter(session=session, user=user).first()
    if existing and existing.status != Registration.Status.CANCELLED:
        raise RegistrationError(
            "You are already registered for this session."
            if existing.status == Registration.Status.REGISTERED
            else "You are already on the waiting list for this session."
        )
    full = Registration.objects.filter(session=session).registered().count() >= session.capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED
    registration = existing or Registration(session=session, user=user)
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.reminded_at = None
    registration.save()
    return registration


@transaction.atomic
def cancel(registration):
    """Cancel; a freed place goes to the first person on the waiting list, who is emailed."""
    session = ForumSessionPage.objects.select_for_update().get(pk=registration.session_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return None
    was_registered = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    if not was_registered or session.has_started:
        return None
    return promote_waiting(session)


@transaction.atomic
def fill_free_places(session):
    """Give places that came free (a larger capacity) to the waiting list, before it starts."""
    session = ForumSessionPage.objects.select_for_update().get(pk=session.pk)
    if session.has_started:
        return None
    return promote_waiting(session)


def promote_waiting(session):
    """Fill free places from the waiting list, first come first served."""
    promoted = None
    free = session.capacity - Registration.objects.filter(session=session).registered().count()
    for waiting in Registration.objects.filter(session=session).waitlisted()[: max(free, 0)]:
        waiting.status = Registration.Status.REGISTERED
        waiting.status_changed_at = timezone.now()
        waiting.save(update_fields=["status", "status_changed_at"])
        transaction.on_commit(lambda w=waiting: notifications.promoted_from_waiting_list(w))
        promoted = promoted or waiting
    return promoted
