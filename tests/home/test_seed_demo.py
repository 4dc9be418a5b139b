from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from people.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_user_per_role_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = User.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.count() == first
    for username in ["practitioner", "host", "facilitator", "caseteam", "leader", "admin"]:
        user = User.objects.get(username=username)
        assert user.agency is not None
        assert user.check_password("brightspots-demo")


def test_seed_demo_if_empty_leaves_an_existing_site_alone(practitioner):
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert not User.objects.filter(username="leader").exists()


def test_seed_demo_refuses_to_run_without_a_demo_password(settings):
    """Production settings have no DEMO_PASSWORD: demo users (one a superuser) must not appear."""
    del settings.DEMO_PASSWORD
    with pytest.raises(CommandError, match="development only"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
