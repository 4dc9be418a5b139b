"""The search page, suggestions as you type, saved searches and API tokens (front end)."""

import datetime
import logging
from typing import Any, TypedDict, cast

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_POST

from .backends import SearchUnavailable, get_learning_backend
from .engine import outbox
from .forms import ApiTokenForm, SavedSearchForm, SearchForm
from .models import ApiToken, SavedSearch
from .service import FACETS, SearchPage, search_learning
from .suggestions import suggest

logger = logging.getLogger(__name__)
NEW_TOKEN_SESSION_KEY = "search_new_api_token"  # noqa: S105 - a session key name, not a secret


def _without(params: QueryDict, name: str, value: object = None) -> str:
    """The querystring with one filter value (or a whole parameter) removed, back to page 1."""
    params = params.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    return params.urlencode()


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    # The form, the results and the form to save the search are made only when this view of
    # them is not in the fragment cache (common.fragments: everyone with the same roles and
    # cohorts may read the same records; the save form's CSRF token is each person's own).
    form = cast(SearchForm, SimpleLazyObject(lambda: SearchForm(request.GET)))
    params = request.GET.copy()
    page_params = params.copy()
    page_params.pop("page", None)
    saved_params = page_params.copy()
    saved_params.pop("sort", None)
    saved_params.pop("page_size", None)
    chosen = any(params.get(name) for name in [*FACETS, "date_from", "date_to"])
    context = {
        "form": form,
        "query": params.get("q", ""),
        "results": SimpleLazyObject(lambda: _results(request, form, params)),
        "searched": SimpleLazyObject(lambda: form.is_valid()),
        # Part of the results' key (see `LearningSearchBackend.index_state`).
        "index_state": get_learning_backend().index_state(),
        "page_query": page_params.urlencode(),
        "saved_query": saved_params.urlencode(),
        "save_form": SimpleLazyObject(
            lambda: SavedSearchForm(initial={"name": (params.get("q") or "")[:120]})
        ),
        "has_search": bool(params.get("q")) or chosen,
    }
    if params.get("q"):
        only_query = QueryDict(mutable=True)
        only_query["q"] = str(params["q"])
        context["clear_filters_query"] = only_query.urlencode()
    else:
        context["clear_filters_query"] = ""
    return render(request, "search/search.html", context)


class _Results(TypedDict):
    """What the results fragment of the search page shows."""

    result: SearchPage | None
    facets: list[dict[str, Any]]
    removals: list[dict[str, str]]
    unavailable: bool
    index_lag: tuple[int, datetime.datetime] | None


def _results(request: HttpRequest, form: SearchForm, params: QueryDict) -> _Results:
    result: SearchPage | None = None
    unavailable = False
    if form.is_valid():
        try:
            result = search_learning(request.user, **form.search_arguments())
        except SearchUnavailable:
            logger.exception("Search backend unreachable")
            unavailable = True
    facets: list[dict[str, Any]] = []
    removals: list[dict[str, str]] = []
    if result is not None:
        for name, label in FACETS.items():
            chosen = {str(v) for v in result.selected.get(name, [])}
            options = [
                {"value": v, "label": lab, "count": c, "checked": str(v) in chosen}
                for v, lab, c in result.facets.get(name, [])
            ]
            if options:
                facets.append({"name": name, "label": label, "options": options})
            for option in options:
                if option["checked"]:
                    removals.append(
                        {"label": f"{label}: {option['label']}",
                         "query": _without(params, name, option["value"])}
                    )  # fmt: skip
        for name in ("date_from", "date_to"):
            if params.get(name):
                removals.append(
                    {"label": f"{form.fields[name].label} {params[name]}",
                     "query": _without(params, name)}
                )  # fmt: skip
    return {
        "result": result,
        "facets": facets,
        "removals": removals,
        "unavailable": unavailable,
        "index_lag": outbox.behind(),
    }


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """JSON completions for the search box: {"query": ..., "suggestions": [{label, kind, url}]}."""
    text = request.GET.get("q", "")[:100]
    return JsonResponse({"query": text, "suggestions": suggest(request.user, text)})


@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    criteria = SearchForm(QueryDict(request.POST.get("search", "")))
    form = SavedSearchForm(request.POST)
    if criteria.is_valid() and form.is_valid():
        saved = form.save(commit=False)
        saved.user = request.user
        saved.query = criteria.cleaned_data.get("q") or ""
        saved.filters = criteria.saved_filters()
        with transaction.atomic():
            saved.save()
        messages.success(
            request,
            f"Saved “{saved.name}”. Manage your saved searches on your account page.",
        )
        return redirect(f"{reverse('search:search')}?{saved.querystring()}")
    search_form = SearchForm(QueryDict(request.POST.get("search", "")))
    result = None
    if search_form.is_valid():
        try:
            result = search_learning(request.user, **search_form.search_arguments())
        except SearchUnavailable:
            result = None
    return render(
        request,
        "search/save_search.html",
        {"save_form": form, "saved_query": request.POST.get("search", ""), "result": result},
        status=400,
    )


@require_POST
def edit_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = SavedSearchForm(request.POST, instance=saved, prefix=f"saved-{saved.pk}")
    if form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, f"Updated “{saved.name}”.")
        return redirect(reverse("people:account") + "#saved-searches")
    return render(
        request, "search/saved_search_edit.html", {"form": form, "saved": saved}, status=400
    )


@require_POST
def delete_saved_search(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    name = saved.name
    saved.delete()
    messages.success(request, f"Deleted the saved search “{name}”.")
    return redirect(reverse("people:account") + "#saved-searches")


@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST, prefix="token")
    if form.is_valid():
        with transaction.atomic():
            _token, plain = ApiToken.issue(request.user, form.cleaned_data["name"])
        request.session[NEW_TOKEN_SESSION_KEY] = plain
        return redirect(reverse("people:account") + "#api-tokens")
    return render(request, "search/token_form.html", {"token_form": form}, status=400)


@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"Revoked the token “{token.name}”. It no longer works.")
    return redirect(reverse("people:account") + "#api-tokens")
