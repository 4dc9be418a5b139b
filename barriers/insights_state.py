"""The leaders' insight figures about barriers' state and history rather than occurrence counts:
open barriers by age, median time to resolution, reopenings; and the date helpers every panel
shares. `barriers.insights` re-exports these panels and holds the occurrence-count ones.

The median time to resolution uses PostgreSQL's percentile_cont; on other databases the
per-barrier durations (one row per barrier and group, already reduced by the database) are
fetched and the median taken in Python.
"""

import datetime
import statistics

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from .models import Barrier, BarrierEvent

AGE_BANDS = [
    (30, "0 to 30 days"),
    (90, "31 to 90 days"),
    (180, "91 days to 6 months"),
    (365, "6 to 12 months"),
    (None, "Over a year"),
]


class Median(Aggregate):
    """PostgreSQL's exact median: percentile_cont(0.5) WITHIN GROUP (ORDER BY expression)."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _by_month(rows, key="month", value="n"):
    return {_as_date(row[key]): row[value] for row in rows}


def _start_of(day):
    """The first moment of `day` in the current time zone (an aware datetime)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _age_band(today):
    whens = [
        When(first_met__gt=today - datetime.timedelta(days=days), then=Value(label))
        for days, label in AGE_BANDS
        if days is not None
    ]
    return Case(*whens, default=Value(AGE_BANDS[-1][1]), output_field=CharField())


def open_by_age(filters, overdue_limit=20):
    """Open barriers now, by age band (since first met) and escalation level; overdue responses.

    Reflects today's state, so the date range does not apply.
    """
    rows = (
        filters.barriers()
        .open()
        .annotate(band=_age_band(filters.today))
        .values("band", "escalation_level")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    levels = [choice for choice, _ in Barrier.Escalation.choices]
    grid = {label: dict.fromkeys(levels, 0) for _, label in AGE_BANDS}
    for row in rows:
        grid[row["band"]][row["escalation_level"]] = row["n"]
    overdue = filters.barriers().overdue(filters.today).distinct()
    return {
        "levels": [(value, Barrier.Escalation(value).label) for value in levels],
        "bands": [(label, [grid[label][level] for level in levels]) for _, label in AGE_BANDS],
        "overdue_count": overdue.count(),
        "overdue": list(
            overdue.order_by("response_due", "pk").values(
                "pk", "title", "escalation_level", "response_due", "status"
            )[:overdue_limit]
        ),
    }


def _resolution_days():
    return ExpressionWrapper(
        TruncDate("resolved_at") - F("first_met"), output_field=DurationField()
    )


def _median_by(barriers, group):
    """[(group name, median days, barriers)] for resolved barriers grouped by `group`."""
    barriers = barriers.filter(**{f"{group}__isnull": False})
    if connection.vendor == "postgresql":
        rows = (
            barriers.values(name=F(f"{group}__name"))
            .annotate(
                median=Median(_resolution_days(), output_field=DurationField()),
                n=Count("id", distinct=True),
            )
            .order_by()
        )
        result = [(row["name"], row["median"].total_seconds() / 86400, row["n"]) for row in rows]
    else:
        durations = {}
        pairs = barriers.annotate(days=_resolution_days()).values_list(f"{group}__name", "days")
        for name, days in pairs:
            durations.setdefault(name, []).append(days.days if days is not None else 0)
        result = [
            (name, float(statistics.median(values)), len(values))
            for name, values in durations.items()
        ]
    return sorted(result, key=lambda item: (-item[1], item[0]))


def resolution_times(filters):
    """Median days from first met to resolved, by theme and by agency involved, for barriers
    resolved within the date range."""
    # A range on resolved_at itself (local days' bounds), not on its date: the index serves it
    # and PostgreSQL estimates the rows, so the joins to themes and agencies are hashed.
    resolved = filters.barriers().filter(
        status=Barrier.Status.RESOLVED,
        resolved_at__gte=_start_of(filters.start),
        resolved_at__lt=_start_of(filters.end + datetime.timedelta(days=1)),
    )
    return {"theme": _median_by(resolved, "themes"), "agency": _median_by(resolved, "agencies")}


def reopened(filters, limit=10):
    """Reopenings per month (from the history) and the barriers reopened most often."""
    first, last = filters.month_range()
    events = BarrierEvent.objects.filter(
        kind=BarrierEvent.Kind.REOPENED,
        at__gte=_start_of(first),
        at__lt=_start_of(last + datetime.timedelta(days=1)),
        barrier__merged_into__isnull=True,
    )
    if filters.level or filters.theme or filters.by_place:
        events = events.filter(barrier__in=filters.barriers())
    per_month = _by_month(
        events.annotate(month=TruncMonth("at")).values("month").annotate(n=Count("*")).order_by()
    )
    barriers = filters.barriers().filter(reopened_count__gt=0).distinct()
    return {
        "months": [(month, per_month.get(month, 0)) for month in filters.months()],
        "count": barriers.count(),
        "barriers": list(
            barriers.order_by("-reopened_count", "pk").values(
                "pk", "title", "status", "reopened_count"
            )[:limit]
        ),
    }
