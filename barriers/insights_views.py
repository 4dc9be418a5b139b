"""The leaders' insights dashboard and its CSV downloads. Leaders and administrators only."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from common.spreadsheets import SafeWriter
from people import roles

from .forms import InsightsFilterForm
from .insights import Filters
from .panels import PANELS

INSIGHT_ROLES = (roles.LEADER, roles.ADMINISTRATOR)


def _forbidden(request):
    return render(request, "insights/forbidden.html", status=403)


def _filters(request):
    form = InsightsFilterForm(request.GET or None)
    return form, Filters(**form.filters())


def dashboard(request):
    if not request.user.has_role(*INSIGHT_ROLES):
        return _forbidden(request)
    # The panels are built only when this view of them is not in the fragment cache
    # (common.fragments); the default period ends today, so the day is part of its key.
    return render(
        request,
        "insights/dashboard.html",
        {
            "dashboard": SimpleLazyObject(lambda: _dashboard(request)),
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
        },
    )


def _dashboard(request):
    form, filters = _filters(request)
    return {
        "form": form,
        "filters": filters,
        "panels": [build(filters) for build in PANELS.values()],
    }


def panel_csv(request, panel):
    if not request.user.has_role(*INSIGHT_ROLES):
        return _forbidden(request)
    build = PANELS.get(panel)
    if build is None:
        raise Http404("No such panel")
    _, filters = _filters(request)
    result = build(filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="insights-{panel}-{filters.start}-to-{filters.end}.csv"'
    )
    writer = SafeWriter(response)
    writer.writerow(result.csv_headers)
    writer.writerows(result.csv_rows)
    return response
