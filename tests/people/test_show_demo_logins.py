from io import StringIO

from django.core.management import call_command

import pytest

pytestmark = pytest.mark.django_db


def test_prints_the_demo_sign_ins_that_exist():
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("show_demo_logins", stdout=out)
    text = out.getvalue()
    assert "password for all: brightspots-demo" in text
    for username in ["practitioner", "host", "facilitator", "caseteam", "leader", "admin"]:
        assert f"  {username}" in text


def test_says_so_when_there_are_no_demo_users():
    out = StringIO()
    call_command("show_demo_logins", stdout=out)
    assert out.getvalue().strip() == "No demo users in this database."
