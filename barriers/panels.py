"""Dashboard panels: each turns one barriers.insights figure into a chart, tables and CSV rows.

A panel is a function `(filters) -> Panel`; the dashboard shows every panel and
`insights/<slug>.csv` downloads one, with the same filters.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from . import charts, insights
from .models import Barrier


@dataclass
class Table:
    caption: str
    headers: list
    rows: list  # each row: list of cells; a cell may be {"text", "url"}


@dataclass
class Panel:
    slug: str
    title: str
    summary: str
    charts: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    csv_headers: list = field(default_factory=list)
    csv_rows: list = field(default_factory=list)


def _month(value):
    return value.strftime("%b %Y")


def _in_progress(months, filters):
    """True when the last month shown is the current one, so it is counted only so far."""
    return bool(months) and months[-1] == filters.today.replace(day=1)


def _month_cells(months, filters):
    """Month labels for tables: the month in progress says "so far"."""
    labels = [_month(month) for month in months]
    if _in_progress(months, filters):
        labels[-1] += f" (so far, to {filters.today:%-d %b})"
    return labels


def _link(pk, title):
    return {"text": title, "url": reverse("barriers:detail", args=[pk])}


def monthly_panel(filters):
    rows = insights.monthly(filters)
    months = [row["month"] for row in rows]
    labels = [_month(month) for month in months]
    series = [
        ("New barriers", [row["new"] for row in rows]),
        ("Recurring barriers", [row["recurring"] for row in rows]),
        ("Resolved barriers", [row["resolved"] for row in rows]),
    ]
    table_rows = [
        [label, r["new"], r["recurring"], r["resolved"]]
        for label, r in zip(_month_cells(months, filters), rows, strict=True)
    ]
    return Panel(
        slug="monthly",
        title="New, recurring and resolved barriers per month",
        summary="New: first met that month. Recurring: met that month after first being met in "
        "an earlier month. Resolved: marked resolved that month and still resolved.",
        charts=[
            charts.line_chart(
                "chart-monthly",
                "New, recurring and resolved barriers per month",
                f"Line chart of {len(rows)} months; the table below gives every figure.",
                labels,
                series,
                partial_last=_in_progress(months, filters),
            )
        ],
        tables=[
            Table(
                "Barriers per month",
                ["Month", "New", "Recurring", "Resolved"],
                table_rows,
            )
        ],
        csv_headers=["month", "new", "recurring", "resolved"],
        csv_rows=[[r["month"].isoformat(), r["new"], r["recurring"], r["resolved"]] for r in rows],
    )


def top_panel(filters):
    windows = insights.top_recurring(filters)
    panel = Panel(
        slug="top",
        title="Top recurring barriers",
        summary=f"Barriers met most often in the 90 days up to {filters.end:%d %B %Y}, and in "
        f"the 12 calendar months ending with {filters.end:%B %Y} (whole months).",
        csv_headers=[
            "window",
            "barrier_id",
            "title",
            "status",
            "occurrences",
            "agencies",
            "last_seen",
        ],
    )
    for label, rows in windows.items():
        slug = label.replace(" ", "-")
        panel.charts.append(
            charts.bar_chart(
                f"chart-top-{slug}",
                f"Top recurring barriers, last {label}",
                f"Occurrences of the {len(rows)} most often met barriers in the last {label}.",
                [row["title"] for row in rows],
                [row["occurrences"] for row in rows],
            )
        )
        panel.tables.append(
            Table(
                f"Top recurring barriers, last {label}",
                ["Barrier", "Status", "Occurrences", "Agencies", "Last seen"],
                [
                    [
                        _link(row["barrier_id"], row["title"]),
                        row["status"],
                        row["occurrences"],
                        row["agencies"],
                        row["last_seen"].strftime("%d %b %Y"),
                    ]
                    for row in rows
                ],
            )
        )
        panel.csv_rows += [
            [
                label,
                row["barrier_id"],
                row["title"],
                row["status"],
                row["occurrences"],
                row["agencies"],
                row["last_seen"].isoformat(),
            ]
            for row in rows
        ]
    return panel


def themes_panel(filters, shown=6):
    data = insights.themes_over_time(filters)
    labels = [_month(month) for month in data["months"]]
    return Panel(
        slug="themes",
        title="Themes over time",
        summary="Occurrences per month of barriers in each theme (a barrier with two themes "
        f"counts in both). The chart shows the {shown} most frequent themes.",
        charts=[
            charts.line_chart(
                "chart-themes",
                "Occurrences per theme per month",
                f"Line chart of the {min(shown, len(data['themes']))} most frequent themes; "
                "the table below gives every theme.",
                labels,
                data["themes"][:shown],
                partial_last=_in_progress(data["months"], filters),
            )
        ],
        tables=[
            Table(
                "Occurrences per theme per month",
                ["Theme", *_month_cells(data["months"], filters), "Total"],
                [[name, *values, sum(values)] for name, values in data["themes"]],
            )
        ],
        csv_headers=["month", "theme", "occurrences"],
        csv_rows=[
            [month.isoformat(), name, value]
            for name, values in data["themes"]
            for month, value in zip(data["months"], values, strict=True)
        ],
    )


def open_panel(filters):
    data = insights.open_by_age(filters)
    level_labels = [label for _, label in data["levels"]]
    return Panel(
        slug="open",
        title="Open barriers by age and escalation level",
        summary=f"Barriers open today, by time since first met. {data['overdue_count']} have an "
        "escalation response that is overdue.",
        charts=[
            charts.bar_chart(
                "chart-open",
                "Open barriers by age",
                "Number of open barriers in each age band; the table splits them by escalation "
                "level.",
                [band for band, _ in data["bands"]],
                [sum(counts) for _, counts in data["bands"]],
            )
        ],
        tables=[
            Table(
                "Open barriers by age and escalation level",
                ["Age", *level_labels, "Total"],
                [[band, *counts, sum(counts)] for band, counts in data["bands"]],
            ),
            Table(
                f"Overdue responses ({data['overdue_count']})",
                ["Barrier", "Escalated to", "Response was due"],
                [
                    [
                        _link(row["pk"], row["title"]),
                        Barrier.Escalation(row["escalation_level"]).label,
                        row["response_due"].strftime("%d %b %Y"),
                    ]
                    for row in data["overdue"]
                ],
            ),
        ],
        csv_headers=["age_band", "escalation_level", "open_barriers"],
        csv_rows=[
            [band, level, count]
            for band, counts in data["bands"]
            for level, count in zip(level_labels, counts, strict=True)
        ],
    )


def resolution_panel(filters):
    data = insights.resolution_times(filters)
    panel = Panel(
        slug="resolution",
        title="Median time to resolution",
        summary="Median days from first met to resolved, for barriers resolved in the period, "
        "by theme and by agency involved.",
        csv_headers=["group", "name", "median_days", "barriers"],
    )
    for key, label in (("theme", "theme"), ("agency", "agency involved")):
        rows = data[key]
        panel.charts.append(
            charts.bar_chart(
                f"chart-resolution-{key}",
                f"Median days to resolution by {label}",
                f"Median days from first met to resolved for each {label}.",
                [name for name, _, _ in rows],
                [round(median, 1) for _, median, _ in rows],
                unit=" days",
            )
        )
        panel.tables.append(
            Table(
                f"Median days to resolution by {label}",
                [label.capitalize(), "Median days", "Barriers resolved"],
                [[name, f"{median:g}", count] for name, median, count in rows],
            )
        )
        panel.csv_rows += [[key, name, f"{median:g}", count] for name, median, count in rows]
    return panel


def reopened_panel(filters):
    data = insights.reopened(filters)
    return Panel(
        slug="reopened",
        title="Reopened barriers",
        summary=f"{data['count']} barriers have been reopened at least once because they were "
        "met again after being resolved or closed.",
        charts=[
            charts.line_chart(
                "chart-reopened",
                "Reopenings per month",
                "Number of times a barrier was reopened in each month.",
                [_month(month) for month, _ in data["months"]],
                [("Reopenings", [count for _, count in data["months"]])],
                partial_last=_in_progress([month for month, _ in data["months"]], filters),
            )
        ],
        tables=[
            Table(
                "Reopenings per month",
                ["Month", "Reopenings"],
                [
                    [label, count]
                    for label, (_, count) in zip(
                        _month_cells([month for month, _ in data["months"]], filters),
                        data["months"],
                        strict=True,
                    )
                ],
            ),
            Table(
                "Barriers reopened most often",
                ["Barrier", "Status", "Times reopened"],
                [
                    [
                        _link(row["pk"], row["title"]),
                        Barrier.Status(row["status"]).label,
                        row["reopened_count"],
                    ]
                    for row in data["barriers"]
                ],
            ),
        ],
        csv_headers=["month", "reopenings"],
        csv_rows=[[month.isoformat(), count] for month, count in data["months"]],
    )


PANELS = {
    "monthly": monthly_panel,
    "top": top_panel,
    "themes": themes_panel,
    "open": open_panel,
    "resolution": resolution_panel,
    "reopened": reopened_panel,
}
