"""The second factor: required for administrators and the case learning team, open to everyone."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from common import fragments
from people import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = [roles.ADMINISTRATOR, roles.CASE_LEARNING_TEAM]


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wait_out_throttle(device):
    """django-otp slows guessing: after a wrong code the next is refused for a moment."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def sign_in(client, username):
    return client.post("/sign-in/", {"username": username, "password": "password"})


@pytest.mark.parametrize("role", ["administrator", "case_team_member"])
def test_required_roles_must_set_it_up_before_anything_opens(client, request, role):
    user = request.getfixturevalue(role)
    sign_in(client, user.username)
    for path in ["/", "/case-learning/", "/admin/", "/audit/", "/account/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/two-step/set-up/"), path
    setup = client.get("/account/two-step/set-up/")
    assert "<svg" in setup.text and "Key:" in setup.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/account/two-step/set-up/", {"token": "000000"})
    assert "does not match" in wrong.text
    wait_out_throttle(device)
    done = client.post("/account/two-step/set-up/", {"token": code(device)}, follow=True)
    assert "Your recovery codes" in done.text
    assert client.get("/case-learning/").status_code == 200


def test_with_a_device_the_code_is_asked_after_the_password(client, practitioner):
    device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    sign_in(client, "practitioner")
    blocked = client.get("/barriers/")
    assert blocked["Location"] == "/account/two-step/verify/?next=%2Fbarriers%2F"
    refused = client.post("/account/two-step/verify/", {"token": "123456", "next": "/barriers/"})
    assert "That code is not right" in refused.text
    wait_out_throttle(device)
    accepted = client.post(
        "/account/two-step/verify/", {"token": code(device), "next": "/barriers/"}
    )
    assert accepted["Location"] == "/barriers/"
    assert client.get("/barriers/").status_code == 200
    details = list(AuditEvent.objects.filter(kind="second_factor").values_list("detail", flat=True))
    assert "Wrong code" in details and "Code accepted" in details


def test_a_recovery_code_works_once(client, practitioner):
    from people.two_factor import new_recovery_codes

    TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    recovery = new_recovery_codes(practitioner)[0]
    sign_in(client, "practitioner")
    assert client.post("/account/two-step/verify/", {"token": recovery})["Location"] == "/"
    client.post("/sign-out/")
    sign_in(client, "practitioner")
    again = client.post("/account/two-step/verify/", {"token": recovery})
    assert again.status_code == 200


def test_the_verify_page_redirects_offsite_next_home(client, practitioner):
    device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    sign_in(client, "practitioner")
    response = client.post(
        "/account/two-step/verify/", {"token": code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_anyone_may_turn_it_on_and_off_unless_their_role_needs_it(client, practitioner):
    client.force_login(practitioner)
    client.get("/account/two-step/set-up/")
    device = TOTPDevice.objects.get(user=practitioner)
    client.post("/account/two-step/set-up/", {"token": code(device)})
    assert TOTPDevice.objects.get(user=practitioner).confirmed
    client.post("/account/two-step/off/")
    assert not TOTPDevice.objects.filter(user=practitioner).exists()


def test_a_required_role_cannot_turn_it_off(client, case_team_member):
    client.force_login(case_team_member)
    client.get("/account/two-step/set-up/")
    device = TOTPDevice.objects.get(user=case_team_member)
    client.post("/account/two-step/set-up/", {"token": code(device)})
    response = client.post("/account/two-step/off/", follow=True)
    assert "cannot be turned off" in response.text
    assert TOTPDevice.objects.filter(user=case_team_member, confirmed=True).exists()


def test_demo_administrator_signs_in_with_the_printed_code(client, settings):
    from io import StringIO

    from django.core.management import call_command

    from people import demo as people_demo
    from taxonomy import demo as taxonomy_demo

    taxonomy_demo.seed(StringIO())
    people_demo.seed(StringIO())
    client.post("/sign-in/", {"username": "admin", "password": settings.DEMO_PASSWORD})
    assert client.get("/admin/")["Location"].startswith("/account/two-step/verify/")
    out = StringIO()
    call_command("show_demo_code", stdout=out)
    printed = out.getvalue().split("Code now: ")[1][:6]
    assert client.post("/account/two-step/verify/", {"token": printed}).status_code == 302
    assert client.get("/admin/").status_code == 200
    logins = StringIO()
    call_command("show_demo_logins", stdout=logins)
    assert "caseteam and admin also need a second-factor code" in logins.getvalue()


@pytest.mark.usefixtures("fragment_cache")
def test_a_device_added_or_removed_is_asked_for_or_not_at_once(client, practitioner, committed):
    """Whether an account has a device is kept per person: a change to its devices is not."""
    client.force_login(practitioner)
    assert client.get("/barriers/").status_code == 200  # kept: no device
    with committed():
        device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=False)
    assert client.get("/barriers/").status_code == 200, "a device being set up is not asked for"
    with committed():
        device.confirmed = True
        device.save()
    assert client.get("/barriers/")["Location"].startswith("/account/two-step/verify/")
    people_version = fragments.data_version(("people",))
    with committed():
        device.last_t = 1
        device.save()  # a use moves its counter only
    assert fragments.data_version(("people",)) == people_version, "nothing is forgotten"
    assert client.get("/barriers/")["Location"].startswith("/account/two-step/verify/")
    with committed():
        device.delete()
    assert client.get("/barriers/").status_code == 200
