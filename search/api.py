"""The read-only JSON API: `GET /api/v1/search` and its OpenAPI 3 description.

Authentication is a personal token (`Authorization: Bearer <token>`, see `ApiToken`); the sign-in
middleware leaves /api/ alone, so every view here answers 401 itself.
"""

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse, QueryDict
from django.views.decorators.http import require_GET

from people.roles import has_any_role

from .backends import SearchUnavailable
from .forms import MAX_PAGE, SearchForm
from .models import ApiToken
from .service import FACETS, MAX_PAGE_SIZE, SORTS, search_learning

MULTI_VALUE = tuple(FACETS)


def _unauthorised(message):
    response = JsonResponse({"error": "unauthorised", "detail": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def token_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return _unauthorised("Send a personal API token as 'Authorization: Bearer <token>'.")
        user = ApiToken.authenticate(token.strip())
        if user is None:
            return _unauthorised("The token is not valid, has expired or has been revoked.")
        if not has_any_role(user):
            return JsonResponse(
                {"error": "forbidden", "detail": "This account has no role yet."}, status=403
            )
        request.user = user
        return view(request, *args, **kwargs)

    return wrapper


def _expand_lists(params):
    """Accept both `type=review&type=barrier` and `type=review,barrier`."""
    expanded = QueryDict(mutable=True)
    for key in params:
        values = params.getlist(key)
        if key in MULTI_VALUE:
            values = [part.strip() for value in values for part in value.split(",") if part.strip()]
        expanded.setlist(key, values)
    return expanded


def _absolute(request, url):
    return request.build_absolute_uri(url) if url.startswith("/") else url


@require_GET
@token_required
def search(request):
    form = SearchForm(_expand_lists(request.GET))
    if not form.is_valid():
        return JsonResponse({"error": "invalid", "errors": form.errors.get_json_data()}, status=400)
    try:
        page = search_learning(request.user, **form.search_arguments())
    except PermissionDenied as error:
        return JsonResponse({"error": "forbidden", "detail": str(error)}, status=403)
    except SearchUnavailable:
        return JsonResponse(
            {"error": "unavailable", "detail": "The search service cannot be reached."},
            status=503,
        )
    return JsonResponse(
        {
            "count": page.count,
            "page": page.page,
            "page_size": page.page_size,
            "query": page.query,
            "suggestion": page.suggestion or None,
            "corrected_from": page.corrected_from or None,
            "results": [
                {
                    "id": result.id,
                    "type": result.type,
                    "title": result.title,
                    "url": _absolute(request, result.url),
                    "snippet": result.snippet,
                    "score": result.score,
                    "date": result.date.isoformat() if result.date else None,
                }
                for result in page.results
            ],
            "facets": {
                name: [{"value": v, "label": label, "count": c} for v, label, c in values]
                for name, values in page.facets.items()
            },
        }
    )


def _array_parameter(name, description, item_type="string", enum=None):
    items = {"type": item_type}
    if enum:
        items["enum"] = enum
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description + " Repeat the parameter or separate values with commas.",
        "schema": {"type": "array", "items": items},
        "style": "form",
        "explode": True,
    }


def openapi_schema():
    from .models import LearningRecord

    kinds = [value for value, _ in LearningRecord.Kind.choices]
    facet_value = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Bright Spots learning search API",
            "version": "1.0.0",
            "description": "Search shared learning: Bright Spots, forum sessions, completed "
            "reviews, active barriers and published case learning summaries.",
        },
        "servers": [{"url": f"{settings.BASE_URL.rstrip('/')}/api/v1"}],
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Result": {
                    "type": "object",
                    "required": ["id", "type", "title", "url", "snippet", "score"],
                    "properties": {
                        "id": {"type": "string", "description": "The record's stable id."},
                        "type": {"type": "string", "enum": kinds},
                        "title": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                        "snippet": {
                            "type": "string",
                            "description": "HTML-escaped text; matches wrapped in <mark>.",
                        },
                        "score": {"type": "number", "nullable": True},
                        "date": {"type": "string", "format": "date", "nullable": True},
                    },
                },
                "FacetValue": {
                    "type": "object",
                    "required": ["value", "label", "count"],
                    "properties": {
                        "value": facet_value,
                        "label": {"type": "string"},
                        "count": {"type": "integer"},
                    },
                },
                "SearchResponse": {
                    "type": "object",
                    "required": ["count", "page", "page_size", "results", "facets"],
                    "properties": {
                        "count": {"type": "integer"},
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "query": {"type": "string"},
                        "suggestion": {
                            "type": "string",
                            "nullable": True,
                            "description": "The query with misspelt words corrected.",
                        },
                        "corrected_from": {
                            "type": "string",
                            "nullable": True,
                            "description": "The query as typed, when the results are for "
                            "`suggestion` because some typed words are in no record.",
                        },
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Result"},
                        },
                        "facets": {
                            "type": "object",
                            "properties": {
                                name: {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/FacetValue"},
                                }
                                for name in FACETS
                            },
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
                },
            },
        },
        "security": [{"bearerAuth": []}],
        "paths": {
            "/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search shared learning",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "description": "Words to search for; abbreviations are expanded.",
                            "schema": {"type": "string", "maxLength": 200},
                        },
                        _array_parameter("type", "Record types.", enum=kinds),
                        _array_parameter("principle", "Principle ids.", "integer"),
                        _array_parameter("priority", "Priority ids.", "integer"),
                        _array_parameter("need", "Need ids.", "integer"),
                        _array_parameter(
                            "level", "Barrier levels.", enum=["individual", "service", "system"]
                        ),
                        _array_parameter("category", "Barrier category ids.", "integer"),
                        _array_parameter("theme", "Barrier theme ids.", "integer"),
                        _array_parameter("agency", "Agency ids.", "integer"),
                        _array_parameter("area", "Area ids.", "integer"),
                        _array_parameter("year", "Years.", "integer"),
                        {
                            "name": "date_from",
                            "in": "query",
                            "schema": {"type": "string", "format": "date"},
                        },
                        {
                            "name": "date_to",
                            "in": "query",
                            "schema": {"type": "string", "format": "date"},
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {
                                "type": "string",
                                "enum": list(SORTS),
                                "default": "relevance",
                            },
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE,
                                "default": 1,
                            },
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE_SIZE,
                                "default": 20,
                            },
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "A page of results with facet counts.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/SearchResponse"}
                                }
                            },
                        },
                        "400": _error_response("A parameter is not valid."),
                        "401": _error_response("No token, or the token is not valid."),
                        "503": _error_response("The search service cannot be reached."),
                    },
                }
            }
        },
    }


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


@require_GET
def openapi(request):
    return JsonResponse(openapi_schema())
