"""The read-only JSON API on django-ninja: `GET /api/v1/search` and its OpenAPI document.

The schemas below are the contract: ninja validates requests and responses against them and
generates the OpenAPI document from them (`openapi_schema()`, served at /api/v1/openapi.json and
written to docs/api.md by `manage.py write_api_docs`). Authentication is a personal token
(`Authorization: Bearer <token>`, see `ApiToken`) checked in one place, `ApiTokenAuth`; the
sign-in middleware leaves /api/ alone. No interactive docs page is served: it would load
scripts from a CDN, which the Content-Security-Policy forbids.
"""

import datetime
import json
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.views.decorators.http import require_GET

from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, AuthorizationError, ValidationError
from ninja.security import HttpBearer
from pydantic import ValidationInfo, field_validator

from common import fragments
from people.roles import has_any_role

from .backends import SearchUnavailable, get_learning_backend
from .forms import MAX_PAGE, MAX_QUERY_LENGTH, SearchForm
from .models import ApiToken, LearningRecord
from .service import FACETS, MAX_PAGE_SIZE, search_learning

SAY_WHO = "Send a personal API token as 'Authorization: Bearer <token>'."
REJECTED = "The token is not valid, has expired or has been revoked."
NO_ROLE = "This account has no role yet."

Level = Literal["individual", "service", "system"]
Sort = Literal["relevance", "newest"]
LISTS = " Repeat the parameter or separate values with commas."


class TokenRejected(AuthenticationError):
    """A token was sent but is wrong, expired or revoked."""


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: the token's user, who must have a role."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.strip():
            return None
        user = ApiToken.authenticate(token.strip())
        if user is None:
            raise TokenRejected(message=REJECTED)
        if not has_any_role(user):
            raise AuthorizationError(message=NO_ROLE)
        request.user = user
        return user


class SearchParams(Schema):
    """The search page's parameters; list values may repeat or be comma-separated."""

    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="Words to search for; abbreviations are expanded.",
    )
    type: list[LearningRecord.Kind] = Field([], description="Record types." + LISTS)
    principle: list[int] = Field([], description="Principle ids." + LISTS)
    priority: list[int] = Field([], description="Priority ids." + LISTS)
    need: list[int] = Field([], description="Need ids." + LISTS)
    level: list[Level] = Field([], description="Barrier levels." + LISTS)
    category: list[int] = Field([], description="Barrier category ids." + LISTS)
    theme: list[int] = Field([], description="Barrier theme ids." + LISTS)
    agency: list[int] = Field([], description="Agency ids." + LISTS)
    area: list[int] = Field([], description="Area ids." + LISTS)
    year: list[int] = Field([], description="Years." + LISTS)
    date_from: datetime.date | None = Field(None, description="On or after this date.")
    date_to: datetime.date | None = Field(None, description="On or before this date.")
    sort: Sort = Field("relevance", description="Most relevant first, or newest first.")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page of results.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Results per page.")

    @field_validator(*FACETS, mode="before")
    @classmethod
    def split_commas(cls, values: Any) -> Any:
        """Accept both `type=review&type=barrier` and `type=review,barrier`."""
        if isinstance(values, str):
            values = [values]
        if isinstance(values, list):
            return [p.strip() for v in values for p in str(v).split(",") if p.strip()]
        return values

    @field_validator("date_to")
    @classmethod
    def dates_in_order(cls, date_to: datetime.date | None, info: ValidationInfo) -> Any:
        date_from = info.data.get("date_from")
        if date_from and date_to and date_from > date_to:
            raise ValueError("The 'to' date must be on or after the 'from' date.")
        return date_to

    def as_query(self) -> QueryDict:
        """The parameters as the search form reads them from a URL."""
        query = QueryDict(mutable=True)
        for name, value in self.model_dump(exclude_defaults=True).items():
            values = value if isinstance(value, list) else [value]
            query.setlist(name, [str(v) for v in values])
        return query


class Result(Schema):
    id: str = Field(description="The record's stable id (the interchange format's `id`).")
    type: LearningRecord.Kind
    title: str
    url: str = Field(json_schema_extra={"format": "uri"})
    snippet: str = Field(description="HTML-escaped text; matches wrapped in `<mark>`.")
    score: float | None = Field(description="Relevance, higher is better; null when by newest.")
    date: datetime.date | None


class FacetValue(Schema):
    value: str | int
    label: str
    count: int


class SearchResponse(Schema):
    count: int
    page: int
    page_size: int
    query: str = Field(description="The query the results are for.")
    suggestion: str | None = Field(description="The query with misspelt words corrected.")
    corrected_from: str | None = Field(
        description="The query as typed, when the results are for `suggestion` because some "
        "typed words are in no record."
    )
    results: list[Result]
    facets: dict[str, list[FacetValue]] = Field(
        description="Every facet (" + ", ".join(FACETS) + "): values with counts."
    )


class Error(Schema):
    error: str
    detail: str


class Invalid(Schema):
    error: Literal["invalid"]
    errors: dict[str, list[dict[str, str]]] = Field(
        description="Each bad parameter with its messages: `[{message, code}]`."
    )


api = NinjaAPI(
    title="Bright Spots learning search API",
    version="1.0.0",
    description="Search shared learning: Bright Spots, forum sessions, completed reviews, "
    "active barriers and published case learning summaries.",
    auth=ApiTokenAuth(),
    urls_namespace="api",
    openapi_url=None,
    docs_url=None,
)


def _error(status: int, error: str, detail: str) -> JsonResponse:
    return JsonResponse({"error": error, "detail": detail}, status=status)


def _invalid(errors: dict[str, list[dict[str, str]]]) -> JsonResponse:
    return JsonResponse({"error": "invalid", "errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(401, "unauthorised", REJECTED if isinstance(exc, TokenRejected) else SAY_WHO)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(AuthorizationError)
def forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return _error(403, "forbidden", exc.message)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[dict[str, str]]] = {}
    for error in exc.errors:
        # ("query", "params", "type", 0): the parameter is the last name.
        names = [part for part in error["loc"][1:] if isinstance(part, str)]
        name = names[-1] if names else "__all__"
        errors.setdefault(name, []).append({"message": error["msg"], "code": error["type"]})
    return _invalid(errors)


def _absolute(request: HttpRequest, url: str) -> str:
    return request.build_absolute_uri(url) if url.startswith("/") else url


# Every learning record's app, the index itself, its vocabularies and pages (as search.html's).
SEARCHED_TOPICS = (
    "barriers",
    "brightspots",
    "reviews",
    "search",
    "stories",
    "taxonomy",
    "wagtailcore",
)


@api.get(
    "/search",
    url_name="search",
    operation_id="search",
    summary="Search shared learning",
    response={200: SearchResponse, 400: Invalid, 401: Error, 403: Error, 503: Error},
)
def search(request: HttpRequest, params: Query[SearchParams]) -> Any:
    # Shared as the search page's results are (common.fragments): only with those whose roles,
    # permissions, agency and cohorts are all the same, until a write to what it searches.
    key = fragments.fragment_key(
        "api-search",
        [
            request.build_absolute_uri("/"),
            params.as_query().urlencode(),
            *get_learning_backend().index_state(),
        ],
        request.user,
        depends=SEARCHED_TOPICS,
    )
    body = fragments.get(key)
    if body is None:
        found = _search(request, params)
        if not isinstance(found, dict):
            return found  # a problem: django-ninja checks and writes it
        # Checked against the response schema and written as JSON once, as django-ninja does
        # for each response, then served as it is while kept: checking a page of results again
        # on every request cost more than the rest of the request.
        data = SearchResponse.model_validate(found).model_dump()
        body = api.renderer.render(request, data, response_status=200)
        fragments.put(key, body)
    return HttpResponse(body, content_type=api.get_content_type())


def _search(request: HttpRequest, params: SearchParams) -> Any:
    # The page's form checks the values against the vocabularies (a need id that exists).
    form = SearchForm(params.as_query())
    if not form.is_valid():
        return _invalid(form.errors.get_json_data())
    try:
        page = search_learning(request.user, **form.search_arguments())
    except PermissionDenied as error:
        return 403, {"error": "forbidden", "detail": str(error)}
    except SearchUnavailable:
        return 503, {"error": "unavailable", "detail": "The search service cannot be reached."}
    return {
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "query": page.query,
        "suggestion": page.suggestion or None,
        "corrected_from": page.corrected_from or None,
        "results": [
            {**vars(result), "url": _absolute(request, result.url)} for result in page.results
        ],
        "facets": {
            name: [{"value": v, "label": label, "count": c} for v, label, c in values]
            for name, values in page.facets.items()
        },
    }


def openapi_schema() -> dict[str, Any]:
    """The OpenAPI document ninja generates, its paths relative to the server URL."""
    # Through JSON, as served: status codes become strings.
    schema = json.loads(json.dumps(api.get_openapi_schema(path_prefix=""), cls=DjangoJSONEncoder))
    schema["servers"] = [{"url": f"{settings.BASE_URL.rstrip('/')}/api/v1"}]
    return schema


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_schema())
