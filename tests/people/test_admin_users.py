import pytest

from people.models import User
from taxonomy.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_user_with_an_agency(client, administrator):
    agency = AgencyFactory(name="Lambeth Outreach Team")
    client.force_login(administrator)
    form = client.get("/admin/users/new/")
    assert b'name="agency"' in form.content
    response = client.post(
        "/admin/users/new/",
        {
            "username": "newstarter",
            "email": "newstarter@example.org",
            "first_name": "New",
            "last_name": "Starter",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "agency": agency.pk,
            "job_title": "Outreach worker",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(username="newstarter")
    assert user.agency == agency
    assert user.job_title == "Outreach worker"


def test_agency_is_required_in_the_admin(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "noagency",
            "email": "x@example.org",
            "first_name": "No",
            "last_name": "Agency",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="noagency").exists()
