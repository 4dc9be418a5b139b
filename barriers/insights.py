"""The leaders' insight figures, each one a few aggregate queries.

Every panel reads the database with GROUP BY queries (TruncMonth, Count distinct, Case bands) and
never loops over occurrences in Python. The panels about barriers' state (open by age, time to
resolution, reopenings) are in barriers/insights_state.py and re-exported here.

Filters: `theme` and `level` apply to barriers everywhere. `area` and `agency` apply to
occurrence-based figures by where the snag was met (Occurrence.area / Occurrence.agency), and to
barrier-based figures by the barrier's area and its agencies involved. Figures per month count
whole calendar months overlapping the date range.

Figures summed over barriers per month (recurring barriers, occurrences per theme) read MonthTally
(per month, level and theme: a few thousand rows); rankings of barriers read the BarrierMonth
roll-up (one row per barrier and month). Both are read unless an area or agency is chosen; those
filters are selective, so the occurrences themselves are read through their (area, date) and
(agency, date) indexes. Occurrences always belong to an active
barrier (a merge moves them), so no join on `merged_into` is needed for them.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Count,
    F,
    Max,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from common.models import filter_given
from taxonomy.models import BarrierTheme

from .insights_state import _as_date, _by_month, _start_of, open_by_age, reopened, resolution_times
from .models import Barrier, BarrierMonth, MonthTally, Occurrence

# The barrier-state panels live in insights_state; every panel is reached from here.
__all__ = [
    "Filters", "monthly", "open_by_age", "reopened", "resolution_times", "themes_over_time",
    "top_recurring",
]  # fmt: skip

TOP_WINDOWS = [("90 days", 90), ("12 months", 365)]


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
        return filter_given(
            Barrier.objects.active(),
            level=self.level,
            themes=self.theme,
            area=self.area,
            agencies=self.agency,
        )

    def occurrences(self, start=None, end=None):
        """Occurrences between two dates, by where they were met."""
        occurrences = Occurrence.objects.filter(date__range=(start or self.start, end or self.end))
        return filter_given(
            occurrences,
            barrier__level=self.level,
            barrier__themes=self.theme,
            area=self.area,
            agency=self.agency,
        ).order_by()

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
        if first.month == last.month and first.year == last.year:
            # One month: equality, so the (month, occurrences) index gives the busiest first.
            rows = BarrierMonth.objects.filter(month=first)
        else:
            rows = BarrierMonth.objects.filter(month__range=(first, last))
        return filter_given(rows, barrier__level=self.level, barrier__themes=self.theme).order_by()

    def tallies(self, themed=False):
        """MonthTally rows for the months overlapping the range: the chosen theme's rows (its
        barriers, counted once each), else every theme's (`themed`) or the every-barrier rows."""
        first, last = self.month_range()
        rows = MonthTally.objects.filter(month__range=(first, last))
        if self.level:
            rows = rows.filter(level=self.level)
        if self.theme:
            return rows.filter(theme=self.theme).order_by()
        return rows.filter(theme__isnull=not themed).order_by()

    def months(self):
        """First day of every month from start to end."""
        return self.months_between(self.start, self.end)

    @staticmethod
    def months_between(start, end):
        """First day of every month from start's to end's."""
        months = []
        month = start.replace(day=1)
        while month <= end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


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
        # MonthTally counts each barrier once per month (and per theme on a theme's rows).
        met = filters.tallies().values("month").annotate(n=Sum("recurring"))
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


def top_recurring(filters, limit=10):
    """The most often met barriers in the last 90 days up to `end`, and in the 12 calendar
    months ending with the month of `end`.

    Ranking reads the roll-up month by month, busiest barriers first (`_top_by_months`), or the
    occurrences with an area or agency chosen; the distinct agencies and last seen date are then
    counted for the `limit` ranked barriers only.
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
        else:
            top = _top_by_months(filters, start, end, limit, exact=days >= 365)
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


def _top_by_months(filters, start, end, limit, exact):
    """Top `limit` barriers by occurrences between two dates, without summing every barrier.

    A threshold algorithm over the roll-up: for each month overlapping the window, the `depth`
    barriers met most that month (an index scan on month and occurrences). A barrier not among
    them in any month was met at most the sum of each full list's last count; once the last of
    the top `limit` counted so far beats that, no unseen barrier can rank. The candidates are
    counted exactly: from the roll-up when the window is whole months (`exact`), else from the
    occurrences in the window. Otherwise `depth` grows and it tries again.
    """
    first, last = filters.month_range(start, end)
    months = filters.months_between(first, last)
    depth = limit * 2
    while True:
        seen, floor, exhausted = set(), 0, True
        for rows in _busiest(filters, months, depth):
            seen.update(barrier_id for barrier_id, _, _ in rows)
            if len(rows) == depth:
                floor += rows[-1][1]
                exhausted = False
        if exact:
            counted = (
                filters.barrier_months(start, end)
                .filter(barrier_id__in=seen)
                .values("barrier_id")
                .annotate(n=Sum("occurrences"))
            )
        else:
            counted = (
                filters.occurrences(start, end)
                .filter(barrier_id__in=seen)
                .values("barrier_id")
                .annotate(n=Count("*"))
            )
        top = sorted(counted, key=lambda row: (-row["n"], row["barrier_id"]))[:limit]
        if exhausted or (len(top) == limit and top[-1]["n"] > floor):
            return top
        depth *= 4


def _busiest(filters, months, depth):
    """For each month, up to `depth` (barrier, occurrences, month) rows, the busiest first: one
    UNION ALL query where the database can limit each part (PostgreSQL), else one per month."""
    parts = [
        filters.barrier_months(month, month)
        .order_by("-occurrences")
        .values_list("barrier_id", "occurrences", "month")[:depth]
        for month in months
    ]
    if len(parts) < 2 or not connection.features.supports_slicing_ordering_in_compound:
        return [list(part) for part in parts]
    by_month = {month: [] for month in months}
    for row in parts[0].union(*parts[1:], all=True):
        by_month[_as_date(row[2])].append(row)
    for rows in by_month.values():
        rows.sort(key=lambda row: -row[1])
    return list(by_month.values())


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
    elif filters.theme:
        # The chosen theme's barriers, by every theme they have: the roll-up, not the tally.
        rows = (
            filters.barrier_months()
            .filter(barrier__themes__isnull=False)
            .values("month", theme=F("barrier__themes"))
            .annotate(n=Sum("occurrences"))
        )
    else:
        rows = filters.tallies(themed=True).values("month", "theme").annotate(n=Sum("occurrences"))
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
