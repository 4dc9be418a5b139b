from datetime import timedelta

from django.urls import reverse

import pytest

from search.api import openapi_schema
from search.factories import issue_token
from search.models import ApiToken

pytestmark = pytest.mark.django_db


def resolve(schema, node):
    if "$ref" in node:
        target = schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return target
    return node


def validate(schema, node, value, path="$"):
    """A small OpenAPI 3.1 schema check: types, required, properties, items, enum, anyOf."""
    node = resolve(schema, node)
    if "anyOf" in node:
        errors = []
        for option in node["anyOf"]:
            try:
                validate(schema, option, value, path)
                return
            except AssertionError as error:
                errors.append(error)
        raise AssertionError(f"{path} matches no option: {errors}")
    kind = node.get("type")
    checks = {
        "null": type(None), "object": dict, "array": list, "string": str, "integer": int,
        "number": (int, float), "boolean": bool,
    }  # fmt: skip
    if kind:
        assert isinstance(value, checks[kind]), f"{path}: {value!r} is not {kind}"
    if "enum" in node:
        assert value in node["enum"], f"{path}: {value!r} not in enum"
    if kind == "object":
        for name in node.get("required", []):
            assert name in value, f"{path}.{name} is required"
        for name, sub in node.get("properties", {}).items():
            if name in value:
                validate(schema, sub, value[name], f"{path}.{name}")
    if kind == "array":
        for position, item in enumerate(value):
            validate(schema, node["items"], item, f"{path}[{position}]")


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_401_without_a_token(client, corpus):
    response = client.get("/api/v1/search", {"q": "relapse"})
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorised"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_401_with_a_wrong_or_revoked_token(client, practitioner, corpus):
    assert client.get("/api/v1/search", **auth("bsk_wrong")).status_code == 401
    token, plain = issue_token(practitioner)
    assert client.get("/api/v1/search", **auth(plain)).status_code == 200
    token.revoke()
    assert client.get("/api/v1/search", **auth(plain)).status_code == 401


def test_results_and_facets_match_the_openapi_schema(client, practitioner, corpus):
    _token, plain = issue_token(practitioner)
    response = client.get(
        "/api/v1/search", {"q": "discharge", "type": "barrier,review", "page_size": 3},
        **auth(plain),
    )  # fmt: skip
    assert response.status_code == 200
    data = response.json()
    schema = openapi_schema()
    success = schema["paths"]["/search"]["get"]["responses"]["200"]
    validate(schema, success["content"]["application/json"]["schema"], data)
    assert data["count"] >= 3 and len(data["results"]) == 3
    assert {r["type"] for r in data["results"]} <= {"barrier", "review"}
    first = data["results"][0]
    assert first["id"] in {"bar-016", "bar-001", "rev-001"}
    assert first["url"].startswith("http://testserver/")
    assert {f["value"] for f in data["facets"]["type"]} <= {"barrier", "review"}


def test_bad_parameters_are_400_with_field_errors(client, practitioner):
    _token, plain = issue_token(practitioner)
    response = client.get("/api/v1/search", {"page_size": 500, "type": "nope"}, **auth(plain))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"page_size", "type"}


def test_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"] for p in schema["paths"]["/search"]["get"]["parameters"]}
    assert {"q", "type", "need", "principle", "date_from", "sort", "page", "page_size"} <= (
        parameters
    )
    schemes = schema["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]
    assert schema["paths"]["/search"]["get"]["security"] == [{name: []} for name in schemes]


def test_token_last_used_is_recorded(client, practitioner):
    token, plain = issue_token(practitioner)
    client.get(reverse("api:search"), **auth(plain))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_last_used_is_recorded_to_the_minute_not_on_every_call(client, practitioner):
    token, plain = issue_token(practitioner)
    client.get(reverse("api:search"), **auth(plain))
    token.refresh_from_db()
    first = token.last_used_at
    client.get(reverse("api:search"), **auth(plain))
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(reverse("api:search"), **auth(plain))
    token.refresh_from_db()
    assert token.last_used_at > first


def test_a_misspelt_query_is_answered_for_the_correction_and_says_so(client, practitioner, corpus):
    _token, plain = issue_token(practitioner)
    response = client.get("/api/v1/search", {"q": "naloxne"}, **auth(plain))
    data = response.json()
    assert data["suggestion"] == "naloxone"
    assert data["corrected_from"] == "naloxne"
    assert data["query"] == "naloxone"
    assert data["results"][0]["id"] == "bs-007"
    validate(openapi_schema(), openapi_schema()["components"]["schemas"]["SearchResponse"], data)


def test_the_messages_say_what_to_send(client, practitioner):
    missing = client.get("/api/v1/search")
    assert "Authorization: Bearer" in missing.json()["detail"]
    wrong = client.get("/api/v1/search", **auth("bsk_wrong"))
    assert "not valid" in wrong.json()["detail"]
    assert wrong["WWW-Authenticate"] == 'Bearer realm="api"'


def test_only_get_is_allowed(client, practitioner):
    _token, plain = issue_token(practitioner)
    assert client.post("/api/v1/search", **auth(plain)).status_code == 405


def test_unknown_vocabulary_ids_and_reversed_dates_are_400s_naming_the_parameter(
    client, practitioner
):
    _token, plain = issue_token(practitioner)
    unknown = client.get("/api/v1/search", {"need": "99999"}, **auth(plain))
    assert unknown.status_code == 400
    assert set(unknown.json()["errors"]) == {"need"}
    dates = {"date_from": "2024-05-01", "date_to": "2024-01-01"}
    reversed_dates = client.get("/api/v1/search", dates, **auth(plain))
    assert reversed_dates.status_code == 400
    assert "on or after" in reversed_dates.json()["errors"]["date_to"][0]["message"]


def test_repeated_and_comma_separated_values_are_the_same_search(client, practitioner, corpus):
    _token, plain = issue_token(practitioner)
    repeated = client.get("/api/v1/search", {"type": ["barrier", "review"]}, **auth(plain))
    commas = client.get("/api/v1/search", {"type": "barrier, review"}, **auth(plain))
    assert repeated.json()["count"] == commas.json()["count"] > 0


def test_no_docs_page_loads_scripts_from_elsewhere(client):
    assert client.get("/api/v1/docs", follow=True).status_code == 404
    assert client.get("/api/v1/").status_code == 404


def test_docs_api_md_matches_the_openapi_document():
    from django.core.management import call_command

    call_command("write_api_docs", "--check")
