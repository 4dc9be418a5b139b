"""Sign-in as an attacker would try it: lockout, password reset, no role, deactivation, sessions."""

import re

from django.conf import settings
from django.core import mail
from django.test import Client

import pytest

from audit.models import AuditEvent
from people import roles
from people.factories import UserFactory
from search.factories import issue_token

pytestmark = pytest.mark.django_db


def wrong(client, username="practitioner", **extra):
    return client.post("/sign-in/", {"username": username, "password": "not-it"}, **extra)


def test_the_account_locks_after_ten_wrong_passwords_even_with_the_right_one(client, practitioner):
    assert settings.AXES_FAILURE_LIMIT <= 10
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert wrong(client).status_code == 200, attempt
    assert wrong(client).status_code == 429
    right = client.post("/sign-in/", {"username": "practitioner", "password": "password"})
    assert right.status_code == 429
    assert "Sign-in is locked for now" in right.text
    assert "_auth_user_id" not in client.session
    kinds = list(AuditEvent.objects.values_list("kind", flat=True))
    assert kinds.count("sign_in_failed") >= settings.AXES_FAILURE_LIMIT
    assert "locked_out" in kinds


def test_guessing_many_usernames_from_one_address_is_locked_too(client, practitioner):
    for number in range(settings.AXES_FAILURE_LIMIT):
        wrong(client, username=f"guess{number}")
    locked = client.post("/sign-in/", {"username": "practitioner", "password": "password"})
    assert locked.status_code == 429


def test_a_right_password_before_the_limit_resets_the_count(client, practitioner):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        wrong(client)
    assert (
        client.post("/sign-in/", {"username": "practitioner", "password": "password"}).status_code
        == 302
    )
    client.post("/sign-out/")
    assert wrong(client).status_code == 200


def test_failed_sign_ins_keep_no_typed_text(client, practitioner):
    client.post("/sign-in/", {"username": "MyS3cretPassw0rd", "password": "x"})
    event = AuditEvent.objects.get(kind="sign_in_failed")
    assert event.user is None
    assert "MyS3cret" not in str(event.__dict__)


def test_sign_in_page_offers_a_password_reset_that_works_by_email(client, practitioner):
    assert 'href="/account/reset/"' in client.get("/sign-in/").text
    practitioner.email = "priya@example.org"
    practitioner.save()
    sent = client.post("/account/reset/", {"email": "priya@example.org"})
    assert sent.status_code == 302
    unknown = client.post("/account/reset/", {"email": "nobody@example.org"})
    assert unknown["Location"] == sent["Location"]  # no telling which addresses exist
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"},
    )
    assert done.status_code == 302
    assert (
        Client()
        .post("/sign-in/", {"username": "practitioner", "password": "a-long-new-passphrase"})
        .status_code
        == 302
    )
    assert "That link no longer works" in client.get(link, follow=True).text


def test_an_account_without_a_role_can_open_nothing(client):
    nobody = UserFactory(username="newstarter")
    client.force_login(nobody)
    for path in ["/bright-spots/", "/barriers/", "/reviews/", "/search/", "/case-learning/",
                 "/bright-spots/submit/", "/barriers/log/", "/insights/", "/admin/"]:  # fmt: skip
        response = client.get(path)
        assert response.status_code == 403, path
        assert "You do not have a role yet" in response.text, path
    assert client.post("/barriers/log/", {"title": "x"}).status_code == 403
    assert client.get("/account/").status_code == 200
    _token, plain = issue_token(nobody)
    api = client.get("/api/v1/search", HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert api.status_code == 403
    assert AuditEvent.objects.filter(kind="permission_denied", user=nobody).exists()


def test_deactivating_an_account_ends_its_sessions_and_tokens(client, practitioner):
    client.post("/sign-in/", {"username": "practitioner", "password": "password"})
    assert client.get("/barriers/").status_code == 200
    _token, plain = issue_token(practitioner)
    practitioner.is_active = False
    practitioner.save()
    assert client.get("/barriers/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert Client().get("/api/v1/search", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
    assert AuditEvent.objects.filter(kind="account", user=practitioner).exists()


def test_sessions_end_when_idle_and_when_the_browser_closes(client, practitioner):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    # Renewed at least once a minute while in use (tests/common/test_sessions.py).
    assert settings.SESSION_RENEW_SECONDS <= 60
    client.force_login(practitioner)
    client.get("/barriers/")
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE


def test_api_tokens_expire_and_can_be_revoked(client, practitioner, settings, django_user_model):
    from datetime import timedelta

    from django.utils import timezone

    from search.models import ApiToken

    token, plain = issue_token(practitioner)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    assert client.get("/api/v1/search", **auth).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=settings.API_TOKEN_LIFETIME_DAYS, seconds=1)
    )
    expired = client.get("/api/v1/search", **auth)
    assert expired.status_code == 401
    assert "expired" in expired.json()["detail"]
    fresh, fresh_plain = issue_token(practitioner)
    client.force_login(practitioner)
    client.post(f"/search/tokens/{fresh.pk}/revoke/")
    assert (
        client.get("/api/v1/search", HTTP_AUTHORIZATION=f"Bearer {fresh_plain}").status_code == 401
    )


def test_roles_fixture_sanity():
    assert roles.ADMINISTRATOR in settings.TWO_FACTOR_REQUIRED_ROLES or not (
        settings.TWO_FACTOR_REQUIRED_ROLES
    )
