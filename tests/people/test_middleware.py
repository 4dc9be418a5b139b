"""The second factor's middleware keeps whether a session's device is still the person's, and
never lets that outlive a change to their devices."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.middleware import SecondFactorMiddleware

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


def verified_client(client, user, device):
    """`client` signed in as `user` and past the second factor with `device`, as the verify page
    leaves a session (django_otp.login)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def device_reads(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries.captured_queries if "otp_totp" in q["sql"]]


def test_a_verified_session_is_not_asked_again_and_its_device_is_read_once(client, practitioner):
    device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    verified_client(client, practitioner, device)
    first, first_reads = device_reads(client, "/barriers/")
    again, later_reads = device_reads(client, "/barriers/")
    assert first.status_code == again.status_code == 200, "no second ask for the code"
    assert first_reads, "the first request checks the device"
    assert later_reads == [], "later ones use what was kept"


@pytest.mark.parametrize("change", ["removed", "unconfirmed"])
def test_a_device_removed_or_unconfirmed_asks_for_the_code_at_once(
    client, practitioner, committed, change
):
    device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    TOTPDevice.objects.create(user=practitioner, name="Spare", confirmed=True)
    verified_client(client, practitioner, device)
    assert client.get("/barriers/").status_code == 200
    with committed():
        if change == "removed":
            device.delete()
        else:
            device.confirmed = False
            device.save()
    response = client.get("/barriers/")
    assert response["Location"].startswith("/account/two-step/verify/")
    assert DEVICE_ID_SESSION_KEY not in client.session, "the session forgets the device"


def test_a_session_naming_someone_elses_device_is_not_verified(client, practitioner, leader):
    TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    theirs = TOTPDevice.objects.create(user=leader, name="App", confirmed=True)
    verified_client(client, practitioner, theirs)
    assert client.get("/barriers/")["Location"].startswith("/account/two-step/verify/")
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_the_device_is_there_for_whatever_uses_it(practitioner):
    device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    request = RequestFactory().get("/")
    request.session = {DEVICE_ID_SESSION_KEY: device.persistent_id}
    request.user = practitioner
    SecondFactorMiddleware(lambda request: None)(request)
    assert request.user.is_verified()
    assert request.user.otp_device.pk == device.pk
    assert request.user.otp_device.name == "App"
