"""Every dashboard figure against values computed by hand from a small fixed fixture.

Fixture (dates in 2025-2026; the dashboard looks at 1 Jan to 15 Jun 2026, "today" is 15 Jun):
  B1 "Eligibility threshold": theme T1, area North, agencies A0+A1, first met 10 Dec 2025,
     met 10 Dec (A0), 5 Jan (A0, North), 20 Jan (A1, North), 3 Mar (A1, South), 1 Jun (A0, North);
     open, escalated to the operational group, response due 1 Jun (overdue).
  B2 "Discharge with nowhere to go": themes T1+T2, area South, agency A2, first met 15 Jan,
     met 15 Jan (A2, South), 10 Feb (A2, South), 20 Feb (A0, North); resolved 17 Mar (61 days).
  B3 "Having to retell the story": theme T2, area North, agency A0, first met 1 Feb,
     met 1 Feb (A0, North), 10 Apr (A0, North); reopened once on 10 Apr; resolved 2 May (90 days).
  B4 a duplicate merged into B1 (first met 1 Mar): never counted.
  B5 "Old snag": no theme, first met 1 May 2025, met once then; open (over a year old).
"""

import csv
import datetime
import io

from django.urls import reverse

import pytest

from barriers import insights
from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import BarrierEvent

pytestmark = pytest.mark.django_db

D = datetime.date
START, END, TODAY = D(2026, 1, 1), D(2026, 6, 15), D(2026, 6, 15)


def at(day, hour=12):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


@pytest.fixture
def world(agencies, areas, themes):
    a0, a1, a2 = agencies
    north, south = areas
    t1, t2 = themes[0], themes[1]
    b1 = BarrierFactory(
        title="Eligibility threshold",
        themes=[t1],
        area=north,
        agencies=[a0, a1],
        first_met=D(2025, 12, 10),
        escalation_level="operational",
        response_due=D(2026, 6, 1),
    )
    for day, agency, area in [
        (D(2025, 12, 10), a0, None),
        (D(2026, 1, 5), a0, north),
        (D(2026, 1, 20), a1, north),
        (D(2026, 3, 3), a1, south),
        (D(2026, 6, 1), a0, north),
    ]:
        OccurrenceFactory(barrier=b1, date=day, agency=agency, area=area)
    b2 = BarrierFactory(
        title="Discharge with nowhere to go",
        level="system",
        themes=[t1, t2],
        area=south,
        agencies=[a2],
        first_met=D(2026, 1, 15),
        status="resolved",
        resolved_at=at(D(2026, 3, 17)),
        resolution_note="Discharge protocol agreed",
    )
    for day, agency, area in [
        (D(2026, 1, 15), a2, south),
        (D(2026, 2, 10), a2, south),
        (D(2026, 2, 20), a0, north),
    ]:
        OccurrenceFactory(barrier=b2, date=day, agency=agency, area=area)
    b3 = BarrierFactory(
        title="Having to retell the story",
        themes=[t2],
        area=north,
        agencies=[a0],
        first_met=D(2026, 2, 1),
        status="resolved",
        resolved_at=at(D(2026, 5, 2)),
        resolution_note="Shared summary",
        reopened_count=1,
    )
    OccurrenceFactory(barrier=b3, date=D(2026, 2, 1), agency=a0, area=north)
    OccurrenceFactory(barrier=b3, date=D(2026, 4, 10), agency=a0, area=north)
    BarrierEvent.objects.create(barrier=b3, kind="reopened", at=at(D(2026, 4, 10), 10))
    b4 = BarrierFactory(title="Duplicate", first_met=D(2026, 3, 1), merged_into=b1, status="closed")
    b5 = BarrierFactory(title="Old snag", level="individual", first_met=D(2025, 5, 1))
    OccurrenceFactory(barrier=b5, date=D(2025, 5, 1))
    return {
        "b1": b1,
        "b2": b2,
        "b3": b3,
        "b4": b4,
        "b5": b5,
        "t1": t1,
        "t2": t2,
        "a0": a0,
        "a1": a1,
        "a2": a2,
        "north": north,
        "south": south,
    }


def filters(**kwargs):
    return insights.Filters(start=START, end=END, today=TODAY, **kwargs)


def test_monthly_new_recurring_resolved(world):
    rows = insights.monthly(filters())
    assert [(r["month"], r["new"], r["recurring"], r["resolved"]) for r in rows] == [
        (D(2026, 1, 1), 1, 1, 0),
        (D(2026, 2, 1), 1, 1, 0),
        (D(2026, 3, 1), 0, 1, 1),
        (D(2026, 4, 1), 0, 1, 0),
        (D(2026, 5, 1), 0, 0, 1),
        (D(2026, 6, 1), 0, 1, 0),
    ]


def test_monthly_filtered_by_theme(world):
    rows = insights.monthly(filters(theme=world["t2"]))
    assert [(r["new"], r["recurring"], r["resolved"]) for r in rows] == [
        (1, 0, 0),
        (1, 1, 0),
        (0, 0, 1),
        (0, 1, 0),
        (0, 0, 1),
        (0, 0, 0),
    ]


def test_top_recurring_windows(world):
    top = insights.top_recurring(filters())
    assert [
        (r["title"], r["occurrences"], r["agencies"], r["last_seen"]) for r in top["90 days"]
    ] == [
        ("Eligibility threshold", 1, 1, D(2026, 6, 1)),
        ("Having to retell the story", 1, 1, D(2026, 4, 10)),
    ]
    assert [(r["title"], r["occurrences"], r["agencies"]) for r in top["12 months"]] == [
        ("Eligibility threshold", 5, 2),
        ("Discharge with nowhere to go", 3, 2),
        ("Having to retell the story", 2, 1),
    ]


def test_top_recurring_by_area_where_met(world):
    top = insights.top_recurring(filters(area=world["north"]))
    assert [(r["title"], r["occurrences"]) for r in top["12 months"]] == [
        ("Eligibility threshold", 3),
        ("Having to retell the story", 2),
        ("Discharge with nowhere to go", 1),
    ]


def test_themes_over_time(world):
    data = insights.themes_over_time(filters())
    assert data["themes"] == [
        (world["t1"].name, [3, 2, 1, 0, 0, 1]),
        (world["t2"].name, [1, 3, 0, 1, 0, 0]),
    ]


def test_open_by_age_and_escalation_with_overdue(world):
    data = insights.open_by_age(filters())
    bands = dict(data["bands"])
    # levels: practitioner, operational, strategic
    assert bands == {
        "0 to 30 days": [0, 0, 0],
        "31 to 90 days": [0, 0, 0],
        "91 days to 6 months": [0, 0, 0],
        "6 to 12 months": [0, 1, 0],
        "Over a year": [1, 0, 0],
    }
    assert data["overdue_count"] == 1
    assert [row["title"] for row in data["overdue"]] == ["Eligibility threshold"]


def test_median_time_to_resolution_by_theme_and_agency(world):
    data = insights.resolution_times(filters())
    assert data["theme"] == [(world["t2"].name, 75.5, 2), (world["t1"].name, 61.0, 1)]
    assert data["agency"] == [(world["a0"].name, 90.0, 1), (world["a2"].name, 61.0, 1)]


def test_median_filtered_by_agency_involved(world):
    data = insights.resolution_times(filters(agency=world["a2"]))
    assert data["theme"] == [(world["t1"].name, 61.0, 1), (world["t2"].name, 61.0, 1)]


def test_reopened(world):
    data = insights.reopened(filters())
    assert data["count"] == 1
    assert dict(data["months"])[D(2026, 4, 1)] == 1
    assert sum(count for _, count in data["months"]) == 1
    assert [row["title"] for row in data["barriers"]] == ["Having to retell the story"]


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_monthly_honours_filters(world, leader_client):
    response = leader_client.get(
        reverse("insights:csv", args=["monthly"]),
        {"date_from": "2026-01-01", "date_to": "2026-06-15", "theme": world["t2"].pk},
    )
    rows = read_csv(response)
    assert rows[0] == ["month", "new", "recurring", "resolved"]
    assert rows[1:] == [
        ["2026-01-01", "1", "0", "0"],
        ["2026-02-01", "1", "1", "0"],
        ["2026-03-01", "0", "0", "1"],
        ["2026-04-01", "0", "1", "0"],
        ["2026-05-01", "0", "0", "1"],
        ["2026-06-01", "0", "0", "0"],
    ]


def test_csv_top_and_resolution(world, leader_client):
    params = {"date_from": "2026-01-01", "date_to": "2026-06-15"}
    rows = read_csv(leader_client.get(reverse("insights:csv", args=["top"]), params))
    twelve = [row for row in rows[1:] if row[0] == "12 months"]
    assert [(row[2], row[4], row[5]) for row in twelve] == [
        ("Eligibility threshold", "5", "2"),
        ("Discharge with nowhere to go", "3", "2"),
        ("Having to retell the story", "2", "1"),
    ]
    rows = read_csv(leader_client.get(reverse("insights:csv", args=["resolution"]), params))
    assert rows[0] == ["group", "name", "median_days", "barriers"]
    assert ["theme", world["t2"].name, "75.5", "2"] in rows


def test_csv_themes_is_long_format(world, leader_client):
    params = {"date_from": "2026-01-01", "date_to": "2026-06-15"}
    rows = read_csv(leader_client.get(reverse("insights:csv", args=["themes"]), params))
    assert ["2026-02-01", world["t2"].name, "3"] in rows
    assert len(rows) == 1 + 2 * 6


def test_every_panel_has_csv(world, leader_client):
    for slug in ("monthly", "top", "themes", "open", "resolution", "reopened"):
        response = leader_client.get(reverse("insights:csv", args=[slug]))
        assert response.status_code == 200, slug
        assert len(read_csv(response)[0]) >= 2


def test_dashboard_renders_charts_with_tables(world, leader_client):
    response = leader_client.get(
        reverse("insights:dashboard"), {"date_from": "2026-01-01", "date_to": "2026-06-15"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('role="img"') >= 6
    assert page.count("<caption>") >= 6
    assert '<figcaption class="chart-title" id="chart-monthly-title">' in page
    assert "Eligibility threshold" in page


def test_dashboard_rejects_bad_date_range(leader_client):
    response = leader_client.get(
        reverse("insights:dashboard"), {"date_from": "2026-06-01", "date_to": "2026-01-01"}
    )
    assert "The end date must be on or after the start date." in response.content.decode()


def test_practitioners_get_a_clear_403(practitioner_client):
    response = practitioner_client.get(reverse("insights:dashboard"))
    assert response.status_code == 403
    assert "The insights dashboard is for leaders" in response.content.decode()
    assert practitioner_client.get(reverse("insights:csv", args=["top"])).status_code == 403


def test_administrators_see_the_dashboard(admin_client_):
    assert admin_client_.get(reverse("insights:dashboard")).status_code == 200


def test_unknown_panel_csv_is_404(leader_client):
    assert leader_client.get("/insights/nothing.csv").status_code == 404


def test_occurrence_path_agrees_with_the_monthly_roll_up(world, monkeypatch):
    rolled_up = (
        insights.monthly(filters()),
        insights.top_recurring(filters()),
        insights.themes_over_time(filters()),
    )
    monkeypatch.setattr(insights.Filters, "by_place", property(lambda self: True))
    assert (
        insights.monthly(filters()),
        insights.top_recurring(filters()),
        insights.themes_over_time(filters()),
    ) == rolled_up


def test_monthly_by_area_where_met(world):
    rows = insights.monthly(filters(area=world["south"]))
    # Met in the South: B1 on 3 Mar (recurring); B2 on 15 Jan (its first) and 10 Feb (recurring).
    # New and resolved use the barrier's own area: B2 (South) new in Jan, resolved in Mar.
    assert [(r["new"], r["recurring"], r["resolved"]) for r in rows] == [
        (1, 0, 0),
        (0, 1, 0),
        (0, 1, 1),
        (0, 0, 0),
        (0, 0, 0),
        (0, 0, 0),
    ]


def test_top_within_a_window_is_exact_when_month_bounds_mislead(db, monkeypatch):
    # Eleven barriers met often in early March (outside the 90 days to 15 June, but inside the
    # overlapping month) would lead a ranking by month; the exact ranking must not be fooled.
    for number in range(11):
        busy = BarrierFactory(title=f"Busy in early March {number}", first_met=D(2026, 3, 1))
        for day in range(1, 6):
            OccurrenceFactory(barrier=busy, date=D(2026, 3, day))
    twice = BarrierFactory(title="Met twice in June", first_met=D(2026, 6, 1))
    OccurrenceFactory(barrier=twice, date=D(2026, 6, 1))
    OccurrenceFactory(barrier=twice, date=D(2026, 6, 2))
    once = BarrierFactory(title="Met once in late March", first_met=D(2026, 3, 20))
    OccurrenceFactory(barrier=once, date=D(2026, 3, 20))

    top = insights.top_recurring(filters(), limit=2)["90 days"]
    assert [(row["title"], row["occurrences"]) for row in top] == [
        ("Met twice in June", 2),
        ("Met once in late March", 1),
    ]
    monkeypatch.setattr(insights.Filters, "by_place", property(lambda self: True))
    assert insights.top_recurring(filters(), limit=2)["90 days"] == top


def test_csv_keeps_a_typed_title_as_text_not_a_formula(leader_client):
    barrier = BarrierFactory(title='=HYPERLINK("http://example.org")', first_met=D(2026, 6, 1))
    OccurrenceFactory(barrier=barrier, date=D(2026, 6, 1))
    rows = read_csv(
        leader_client.get(
            reverse("insights:csv", args=["top"]),
            {"date_from": "2026-01-01", "date_to": "2026-06-15"},
        )
    )
    assert rows[1][2] == '\'=HYPERLINK("http://example.org")'
    assert rows[1][4] == "1"


def test_top_panel_says_which_months_the_twelve_month_list_covers(db):
    from barriers.panels import top_panel

    summary = top_panel(filters()).summary
    assert "90 days up to 15 June 2026" in summary
    assert "12 calendar months ending with June 2026" in summary


def test_the_month_in_progress_is_marked_so_far_in_chart_and_table(world):
    from barriers.panels import monthly_panel

    in_progress = monthly_panel(insights.Filters(start=START, end=END, today=D(2026, 6, 15)))
    assert in_progress.tables[0].rows[-1][0] == "Jun 2026 (so far, to 15 Jun)"
    assert "Jun 2026 is counted so far" in in_progress.charts[0]
    finished = monthly_panel(insights.Filters(start=START, end=END, today=D(2026, 9, 1)))
    assert finished.tables[0].rows[-1][0] == "Jun 2026"
    assert "so far" not in finished.charts[0]
