import io

from django.core.management import CommandError, call_command

import pytest

from search.models import ApiToken

pytestmark = pytest.mark.django_db


def test_prints_the_token_once_and_stores_its_hash(practitioner):
    out = io.StringIO()
    call_command("create_api_token", practitioner.username, "--name", "Dashboard", stdout=out)
    plain = out.getvalue().strip().splitlines()[-1]
    assert plain.startswith(ApiToken.PREFIX)
    assert ApiToken.authenticate(plain) == practitioner
    assert ApiToken.objects.get().name == "Dashboard"


def test_unknown_user():
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "nobody")


def test_a_name_holding_an_identifier_is_refused_before_anything_is_stored(practitioner):
    with pytest.raises(CommandError, match="Remove the phone number"):
        call_command("create_api_token", practitioner.username, "--name", "for 07700 900123")
    with pytest.raises(CommandError, match="at most 100 characters"):
        call_command("create_api_token", practitioner.username, "--name", "x" * 101)
    assert not ApiToken.objects.exists()
