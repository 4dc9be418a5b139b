"""Headers a reviewer checks: CSP without inline script, OWASP's list, no-store when signed in."""

import re
from pathlib import Path

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_signed_out_pages_carry_the_security_headers(client):
    response = client.get("/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_are_never_stored(practitioner_client):
    for path in ["/", "/barriers/", "/account/", "/search/?q=housing"]:
        assert "no-store" in practitioner_client.get(path)["Cache-Control"], path


def test_the_admin_alone_allows_wagtails_inline_widgets(client, administrator):
    client.force_login(administrator)
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin
    site = client.get("/barriers/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in site


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []
