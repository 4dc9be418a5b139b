"""The audit log for administrators: a filtered list and the same rows as CSV."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from .forms import AuditFilterForm

CSV_COLUMNS = ["when", "what", "account", "detail", "record type", "record", "path"]


def _administrators_only(request):
    # 404 rather than 403: the log's existence is not news to anyone else. The permission is
    # granted to administrators by `people.roles` (audit never imports people: people write here).
    if not request.user.has_perm("audit.view_auditevent"):
        raise Http404


def event_list(request):
    _administrators_only(request)
    form = AuditFilterForm(request.GET or None)
    page = Paginator(form.events(), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/event_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    """CSV cells never start with a formula character (spreadsheet injection)."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def event_export(request):
    _administrators_only(request)
    form = AuditFilterForm(request.GET or None)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for event in form.events().iterator(chunk_size=2000):
            yield writer.writerow(
                _cell(value)
                for value in (
                    timezone.localtime(event.at).isoformat(),
                    event.get_kind_display(),
                    event.user.username if event.user else "",
                    event.detail,
                    event.object_type,
                    event.object_ref,
                    event.path,
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
