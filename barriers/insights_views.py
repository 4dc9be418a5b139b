"""The leaders' insights dashboard and its CSV downloads. Leaders and administrators only."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render

from people import roles

from .forms import InsightsFilterForm
from .insights import Filters
from .panels import PANELS

INSIGHT_ROLES = (roles.LEADER, roles.ADMINISTRATOR)


# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value):
    """Text as typed by a practitioner (a barrier title) is kept as text, never a formula."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    try:
        float(value)  # "-2.5" is a number, not a formula
    except ValueError:
        return "'" + value
    return value


def _forbidden(request):
    return render(request, "insights/forbidden.html", status=403)


def _filters(request):
    form = InsightsFilterForm(request.GET or None)
    return form, Filters(**form.filters())


def dashboard(request):
    if not request.user.has_role(*INSIGHT_ROLES):
        return _forbidden(request)
    form, filters = _filters(request)
    panels = [build(filters) for build in PANELS.values()]
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "panels": panels,
            "query": request.GET.urlencode(),
        },
    )


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
    writer = csv.writer(response)
    writer.writerow(result.csv_headers)
    writer.writerows([_csv_cell(cell) for cell in row] for row in result.csv_rows)
    return response
