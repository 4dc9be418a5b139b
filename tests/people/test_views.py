import pytest

pytestmark = pytest.mark.django_db


def test_landing_page_is_public_and_invites_sign_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Sign in to take part" in response.content


@pytest.mark.parametrize(
    "path", ["/account/", "/reviews/", "/barriers/", "/case-learning/", "/search/", "/insights/"]
)
def test_everything_else_asks_for_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


def test_sign_in_with_the_right_password(client, practitioner):
    response = client.post("/sign-in/", {"username": "practitioner", "password": "password"})
    assert response.status_code == 302
    home = client.get("/")
    assert b"What's new" in home.content
    assert b"Sign out" in home.content


def test_sign_in_with_the_wrong_password_says_so(client, practitioner):
    response = client.post("/sign-in/", {"username": "practitioner", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_account_requires_an_agency(practitioner_client, practitioner):
    response = practitioner_client.post(
        "/account/", {"first_name": "Priya", "last_name": "Shah", "email": "", "agency": ""}
    )
    assert response.status_code == 200
    assert b"This field is required" in response.content
    practitioner.refresh_from_db()
    assert practitioner.agency is not None


def test_signed_in_pages_have_skip_link_landmarks_and_one_h1(practitioner_client):
    html = practitioner_client.get("/account/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1
    assert 'aria-label="Main"' in html
