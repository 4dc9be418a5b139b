from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from brightspots import registrations
from brightspots.factories import ForumSessionPageFactory
from brightspots.models import Registration
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_capacity_then_waiting_list():
    session = ForumSessionPageFactory(capacity=2)
    first, second, third = UserFactory.create_batch(3)
    assert registrations.register(session, first).status == Registration.Status.REGISTERED
    assert registrations.register(session, second).status == Registration.Status.REGISTERED
    assert registrations.register(session, third).status == Registration.Status.WAITLISTED


def test_no_double_registration():
    session = ForumSessionPageFactory()
    user = UserFactory()
    registrations.register(session, user)
    with pytest.raises(registrations.RegistrationError, match="already registered"):
        registrations.register(session, user)
    assert Registration.objects.filter(session=session, user=user).count() == 1


def test_cancelling_promotes_first_waiting_person_and_emails_them():
    session = ForumSessionPageFactory(capacity=1)
    holder, waiting_first, waiting_second = UserFactory.create_batch(3)
    held = registrations.register(session, holder)
    registrations.register(session, waiting_first)
    registrations.register(session, waiting_second)
    mail.outbox.clear()
    promoted = registrations.cancel(held)
    assert promoted.user == waiting_first
    statuses = dict(Registration.objects.values_list("user__username", "status"))
    assert statuses == {
        holder.username: "cancelled",
        waiting_first.username: "registered",
        waiting_second.username: "waitlisted",
    }
    assert [m.to for m in mail.outbox] == [[waiting_first.email]]
    assert "You have a place" in mail.outbox[0].subject


def test_cancelled_person_can_register_again():
    session = ForumSessionPageFactory()
    user = UserFactory()
    registrations.cancel(registrations.register(session, user))
    assert registrations.register(session, user).status == Registration.Status.REGISTERED


def test_registration_closed_once_started():
    session = ForumSessionPageFactory(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(registrations.RegistrationError, match="closed"):
        registrations.register(session, UserFactory())


def test_register_and_cancel_buttons(practitioner_client, practitioner):
    session = ForumSessionPageFactory(capacity=1)
    page = practitioner_client.get(session.url).content.decode()
    assert f'action="/forum/{session.pk}/register/"' in page
    response = practitioner_client.post(f"/forum/{session.pk}/register/", follow=True)
    assert "You are registered" in response.content.decode()
    response = practitioner_client.post(f"/forum/{session.pk}/register/", follow=True)
    assert "already registered" in response.content.decode()
    response = practitioner_client.post(f"/forum/{session.pk}/cancel/", follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    assert Registration.objects.get(user=practitioner).status == "cancelled"


def test_full_session_offers_waiting_list(practitioner_client):
    session = ForumSessionPageFactory(capacity=1)
    registrations.register(session, UserFactory())
    page = practitioner_client.get(session.url).content.decode()
    assert "Join the waiting list" in page
    response = practitioner_client.post(f"/forum/{session.pk}/register/", follow=True)
    assert "on the waiting list" in response.content.decode()


def test_raising_the_capacity_gives_the_new_places_to_the_waiting_list():
    session = ForumSessionPageFactory(capacity=1)
    holder, first, second = UserFactory.create_batch(3)
    for user in (holder, first, second):
        registrations.register(session, user)
    mail.outbox.clear()
    draft = session.get_latest_revision_as_object()
    draft.capacity = 2
    draft.save_revision().publish()
    statuses = dict(Registration.objects.values_list("user__username", "status"))
    assert statuses[first.username] == "registered"
    assert statuses[second.username] == "waitlisted"
    assert [m.to for m in mail.outbox] == [[first.email]]
    # A newcomer now joins the queue behind the person still waiting, not ahead of them.
    newcomer = registrations.register(session, UserFactory())
    assert newcomer.status == Registration.Status.WAITLISTED


@pytest.mark.usefixtures("fragment_cache")
def test_each_person_sees_their_own_registration_and_places_taken_at_once(
    practitioner_client, committed
):
    from django.test import Client

    from people import roles

    session = ForumSessionPageFactory(capacity=1)
    colleague = Client()
    colleague.force_login(UserFactory(roles=[roles.PRACTITIONER]))
    assert "Join the waiting list" not in colleague.get(session.url).content.decode()
    assert "You are registered" not in practitioner_client.get(session.url).content.decode()
    with committed():
        practitioner_client.post(f"/forum/{session.pk}/register/")
    mine = practitioner_client.get(session.url).content.decode()
    assert "You are registered" in mine
    assert f'action="/forum/{session.pk}/cancel/"' in mine
    theirs = colleague.get(session.url).content.decode()
    assert "You are registered" not in theirs
    assert "Join the waiting list" in theirs, "the last place was taken"
