"""The leaders' insight figures, each one a few aggregate queries.

Every panel reads the database with GROUP BY queries (TruncMonth, Count distinct, Case bands) and
never loops over occurrences in Python. The median time to resolution uses PostgreSQL's
percentile_cont; on other databases the per-barrier durations (one row per barrier and group,
already reduced by the database) are fetched and the median taken in Python.

Filters: `theme` and `level` apply to barriers everywhere. `area` and `agency` apply to
occurrence-based figures by where the snag was met (Occurrence.area / Occurrence.agency), and to
barrier-based figures by the barrier's area and its agencies involved. Figures per month count
whole calendar months overlapping the date range.

Occurrence counts over months read the BarrierMonth roll-up (one row per barrier and month) unless
an area or agency is chosen; those filters are selective, so the occurrences themselves are read
through their (area, date) and (agency, date) indexes. Occurrences always belong to an active
barrier (a merge moves them), so no join on `merged_into` is needed for them.
"""

import datetime
import statistics
from dataclasses import dataclass, field

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
    Max,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from taxonomy.models import BarrierTheme

from .models import Barrier, BarrierEvent, BarrierMonth, Occurrence

AGE_BANDS = [
    (30, "0 to 30 days"),
    (90, "31 to 90 days"),
    (180, "91 days to 6 months"),
    (365, "6 to 12 months"),
    (None, "Over a year"),
]
TOP_WINDOWS = [("90 days", 90), ("12 months", 365)]


class Median(Aggregate):
    """PostgreSQL's exact median: percentile_cont(0.5) WITHIN GROUP (ORDER BY expression)."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass
class Filters:
    """What the dashboard is looking at: a date range, and optionally one area, agency, theme
    and level."""

    start: datetime.date
    end: datetime.date
    area: object = None
    agency: object = None
    theme: object = None
    level: str = ""
    today: datetime.date = field(default_factory=timezone.localdate)

    def barriers(self):
        """Active (not merged) barriers matching the barrier-level filters."""
        barriers = Barrier.objects.active()
        if self.level:
            barriers = barriers.filter(level=self.level)
        if self.theme:
            barriers = barriers.filter(themes=self.theme)
        if self.area:
            barriers = barriers.filter(area=self.area)
        if self.agency:
            barriers = barriers.filter(agencies=self.agency)
        return barriers

    def occurrences(self, start=None, end=None):
        """Occurrences between two dates, by where they were met."""
        occurrences = Occurrence.objects.filter(date__range=(start or self.start, end or self.end))
        if self.level:
            occurrences = occurrences.filter(barrier__level=self.level)
        if self.theme:
            occurrences = occurrences.filter(barrier__themes=self.theme)
        if self.area:
            occurrences = occurrences.filter(area=self.area)
        if self.agency:
            occurrences = occurrences.filter(agency=self.agency)
        return occurrences.order_by()

    @property
    def by_place(self):
        """True when an area or agency is chosen: read occurrences, not the monthly roll-up."""
        return bool(self.area or self.agency)

    def month_range(self, start=None, end=None):
        """(first day of start's month, last day of end's month)."""
        start, end = start or self.start, end or self.end
        last = (end.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return start.replace(day=1), last - datetime.timedelta(days=1)

    def barrier_months(self, start=None, end=None):
        """Roll-up rows (barrier, month, occurrences) for the months overlapping the range."""
        first, last = self.month_range(start, end)
        rows = BarrierMonth.objects.filter(month__range=(first, last))
        if self.level:
            rows = rows.filter(barrier__level=self.level)
        if self.theme:
            rows = rows.filter(barrier__themes=self.theme)
        return rows.order_by()

    def months(self):
        """First day of every month from start to end."""
        months = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _by_month(rows, key="month", value="n"):
    return {_as_date(row[key]): row[value] for row in rows}


def monthly(filters):
    """New, recurring and resolved barriers per month.

    New: first met in the month. Recurring: met in the month having first been met before it.
    Resolved: marked resolved in the month (and still resolved).
    """
    first, last = filters.month_range()
    new = _by_month(
        filters.barriers()
        .filter(first_met__range=(first, last))
        .annotate(month=TruncMonth("first_met"))
        .values("month")
        .annotate(n=Count("*"))
        .order_by()
    )
    if filters.by_place:
        met = (
            filters.occurrences(first, last)
            .annotate(month=TruncMonth("date"))
            .filter(barrier__first_met__lt=F("month"))
            .values("month")
            .annotate(n=Count("barrier_id", distinct=True))
        )
    else:
        # One roll-up row per barrier and month, so counting rows counts distinct barriers.
        met = (
            filters.barrier_months()
            .filter(barrier__first_met__lt=F("month"))
            .values("month")
            .annotate(n=Count("*"))
        )
    recurring = _by_month(met.order_by())
    resolved = _by_month(
        filters.barriers()
        .filter(
            status=Barrier.Status.RESOLVED,
            resolved_at__gte=_start_of(first),
            resolved_at__lt=_start_of(last + datetime.timedelta(days=1)),
        )
        .annotate(month=TruncMonth("resolved_at"))
        .values("month")
        .annotate(n=Count("*"))
        .order_by()
    )
    return [
        {
            "month": month,
            "new": new.get(month, 0),
            "recurring": recurring.get(month, 0),
            "resolved": resolved.get(month, 0),
        }
        for month in filters.months()
    ]


def _start_of(day):
    """The first moment of `day` in the current time zone (an aware datetime)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def top_recurring(filters, limit=10):
    """The most often met barriers in the last 90 days up to `end`, and in the 12 calendar
    months ending with the month of `end`.

    Ranking reads the roll-up for whole months (occurrences with an area or agency chosen, and
    always for the 90 days); the distinct agencies and last seen date are then counted for the
    `limit` ranked barriers only.
    """
    windows = {}
    for label, days in TOP_WINDOWS:
        if days < 365:
            start, end = filters.end - datetime.timedelta(days=days - 1), filters.end
        else:
            start, end = filters.month_range(_months_before(filters.end, 11), filters.end)
        if filters.by_place:
            ranked = filters.occurrences(start, end).values("barrier_id").annotate(n=Count("*"))
            top = list(ranked.order_by("-n", "barrier_id")[:limit])
        elif days < 365:
            top = _top_within(filters, start, end, limit)
        else:
            ranked = (
                filters.barrier_months(start, end)
                .values("barrier_id")
                .annotate(n=Sum("occurrences"))
            )
            top = list(ranked.order_by("-n", "barrier_id")[:limit])
        ids = [row["barrier_id"] for row in top]
        details = {
            row["barrier_id"]: row
            for row in filters.occurrences(start, end)
            .filter(barrier_id__in=ids)
            .values("barrier_id")
            .annotate(agencies=Count("agency_id", distinct=True), last_seen=Max("date"))
        }
        barriers = Barrier.objects.in_bulk(ids)
        windows[label] = [
            {
                "barrier_id": row["barrier_id"],
                "occurrences": row["n"],
                "agencies": details[row["barrier_id"]]["agencies"],
                "last_seen": details[row["barrier_id"]]["last_seen"],
                "title": barriers[row["barrier_id"]].title,
                "status": barriers[row["barrier_id"]].get_status_display(),
                "start": start,
            }
            for row in top
        ]
    return windows


def _top_within(filters, start, end, limit):
    """Top `limit` barriers by occurrences between two dates that need not align with months.

    The roll-up over the months overlapping the window gives each barrier an upper bound; exact
    counts are taken for the best-bounded candidates only, widening the candidate set until the
    last of the top `limit` beats the bound of every barrier not yet counted (a threshold
    algorithm: exact, and it reads a few thousand occurrences instead of the whole window).
    """
    bounds = (
        filters.barrier_months(start, end)
        .values("barrier_id")
        .annotate(n=Sum("occurrences"))
        .order_by("-n", "barrier_id")
    )
    size = limit * 5
    while True:
        candidates = list(bounds[: size + 1])
        counted = (
            filters.occurrences(start, end)
            .filter(barrier_id__in=[row["barrier_id"] for row in candidates[:size]])
            .values("barrier_id")
            .annotate(n=Count("*"))
        )
        top = sorted(counted, key=lambda row: (-row["n"], row["barrier_id"]))[:limit]
        if len(candidates) <= size:
            return top
        if len(top) == limit and top[-1]["n"] > candidates[size]["n"]:
            return top
        size *= 4


def _months_before(day, months):
    month = day.month - months
    year = day.year
    while month < 1:
        month += 12
        year -= 1
    return datetime.date(year, month, 1)


def themes_over_time(filters):
    """Occurrences per theme per month: {"months": [...], "themes": [(name, [counts])]}."""
    if filters.by_place:
        first, last = filters.month_range()
        rows = (
            filters.occurrences(first, last)
            .filter(barrier__themes__isnull=False)
            .annotate(month=TruncMonth("date"))
            .values("month", theme=F("barrier__themes"))
            .annotate(n=Count("*"))
        )
    else:
        rows = (
            filters.barrier_months()
            .filter(barrier__themes__isnull=False)
            .values("month", theme=F("barrier__themes"))
            .annotate(n=Sum("occurrences"))
        )
    months = filters.months()
    counts = {}
    for row in rows.order_by():
        counts.setdefault(row["theme"], {})[_as_date(row["month"])] = row["n"]
    names = dict(BarrierTheme.objects.filter(pk__in=counts).values_list("pk", "name"))
    themes = sorted(
        (
            (names[theme], [by_month.get(month, 0) for month in months])
            for theme, by_month in counts.items()
        ),
        key=lambda item: (-sum(item[1]), item[0]),
    )
    return {"months": months, "themes": themes}


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
    resolved = (
        filters.barriers()
        .filter(status=Barrier.Status.RESOLVED, resolved_at__isnull=False)
        .annotate(resolved_on=TruncDate("resolved_at"))
        .filter(resolved_on__range=(filters.start, filters.end))
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
