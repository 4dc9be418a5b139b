"""MonthTally, the dashboard's summary: kept equal to a recount after every kind of write, and the
panels that read it give the same figures as counting the occurrences themselves."""

import datetime
import io
import json
import random

from django.core.management import call_command
from django.core.signals import request_started
from django.db.models.signals import pre_save

import pytest

from barriers import insights, tally
from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.models import Barrier, MonthTally, Occurrence
from barriers.panels import PANELS
from barriers.services import merge_barriers, record_occurrence
from search.interchange import import_lines

pytestmark = pytest.mark.django_db

D = datetime.date
START, END, TODAY = D(2026, 1, 1), D(2026, 6, 15), D(2026, 6, 15)


def snapshot():
    """The tally as {(month, level, theme id): (occurrences, barriers, recurring)}."""
    rows = {}
    for row in MonthTally.objects.values_list(
        "month", "level", "theme_id", "occurrences", "barriers", "recurring"
    ):
        totals = rows.setdefault(row[:3], [0, 0, 0])
        for i, value in enumerate(row[3:]):
            totals[i] += value
    return {key: tuple(values) for key, values in rows.items() if any(values)}


def recounted():
    """What the tally should hold, recounted from scratch (BarrierMonth and tally)."""
    kept = snapshot()
    tally.rebuild()
    fresh = snapshot()
    assert kept == fresh, "the tally drifted from a recount"
    return fresh


@pytest.fixture(autouse=True)
def no_bracket_left_open():
    yield
    tally.forget()  # a failing test must not leave a bracket open for the next one


@pytest.fixture
def world(agencies, areas, themes):
    t1, t2, t3 = themes
    area = areas[0]
    b1 = BarrierFactory(themes=[t1], area=area, first_met=D(2025, 12, 10))
    b2 = BarrierFactory(themes=[t1, t2], area=area, level="system", first_met=D(2026, 1, 15))
    b3 = BarrierFactory(area=area, first_met=D(2026, 2, 1), level="individual")
    for barrier, days in [
        (b1, [D(2025, 12, 10), D(2026, 1, 5), D(2026, 1, 20), D(2026, 3, 3), D(2026, 6, 1)]),
        (b2, [D(2026, 1, 15), D(2026, 2, 10), D(2026, 2, 20)]),
        (b3, [D(2026, 2, 1), D(2026, 4, 10)]),
    ]:
        for day in days:
            OccurrenceFactory(barrier=barrier, date=day, area=areas[0], agency=agencies[0])
    return {"b1": b1, "b2": b2, "b3": b3, "themes": themes, "areas": areas}


def test_the_tally_counts_each_barrier_once_per_month_and_per_theme(world):
    t1, t2, _ = world["themes"]
    rows = snapshot()
    # January 2026: b1 (service, t1) met twice and b2 (system, t1+t2) once, its first month.
    assert rows[(D(2026, 1, 1), "service", None)] == (2, 1, 1)
    assert rows[(D(2026, 1, 1), "service", t1.pk)] == (2, 1, 1)
    assert rows[(D(2026, 1, 1), "system", None)] == (1, 1, 0)
    assert rows[(D(2026, 1, 1), "system", t2.pk)] == (1, 1, 0)
    assert recounted() == rows


def test_the_tally_follows_every_kind_of_write(world, agencies):
    b1, b2, b3 = world["b1"], world["b2"], world["b3"]
    t1, t2, t3 = world["themes"]
    record_occurrence(b3, date=D(2026, 5, 2))
    recounted()
    record_occurrence(b3, date=D(2026, 1, 9))  # earlier than first met: first_met moves back
    assert Barrier.objects.get(pk=b3.pk).first_met == D(2026, 1, 9)
    recounted()
    moved = Occurrence.objects.filter(barrier=b1, date=D(2026, 3, 3)).get()
    moved.date = D(2026, 4, 30)
    moved.save()
    recounted()
    moved.barrier = b2
    moved.save()
    recounted()
    Occurrence.objects.filter(barrier=b2, date=D(2026, 2, 10)).get().delete()
    recounted()
    b1.refresh_from_db()
    b1.level = "system"
    b1.save()
    recounted()
    b3.themes.add(t2, t3)
    b1.themes.remove(t1)
    recounted()
    t1.barriers.remove(b2)  # from the theme's side
    b2.themes.clear()
    recounted()
    merge_barriers(b3, b2)
    recounted()
    b1.delete()
    recounted()
    theme_id = t3.pk
    assert MonthTally.objects.filter(theme_id=theme_id).exists()
    t3.delete()
    assert not MonthTally.objects.filter(theme_id=theme_id).exists()
    recounted()


def test_a_write_that_failed_mid_bracket_does_not_stop_the_next_requests_counting(world):
    b1 = world["b1"]

    def refuse(sender, instance, **kwargs):  # runs after the tally's pre_save opened a bracket
        raise RuntimeError("refused")

    pre_save.connect(refuse, sender=Barrier)
    try:
        b1.level = "system"
        with pytest.raises(RuntimeError):
            b1.save()  # post_save never comes
    finally:
        pre_save.disconnect(refuse, sender=Barrier)
    # The next request in this worker thread (sending request_started itself would also close
    # the test's database connection).
    assert any(entry[1]() is tally.forget for entry in request_started.receivers)
    tally.forget()
    OccurrenceFactory(barrier=b1, date=D(2026, 5, 5))
    assert snapshot()[(D(2026, 5, 1), "service", None)] == (1, 1, 1)
    recounted()


def test_the_tally_follows_the_importer(world):
    line = {
        "id": "bar-tally",
        "type": "barrier",
        "title": "Hostel eviction after relapse",
        "level": "service",
        "date": "2026-02-03",
        "occurrences": [
            {"date": "2026-02-03", "source": "practitioner"},
            {"date": "2026-03-20", "source": "review"},
        ],
    }
    import_lines([json.dumps(line)])
    assert recounted()[(D(2026, 3, 1), "service", None)][2] == 2  # b1 and the import recurring
    # Imported again as another level, one occurrence fewer: bulk writes, no signals.
    import_lines([json.dumps({**line, "level": "system", "occurrences": line["occurrences"][:1]})])
    rows = recounted()
    assert rows[(D(2026, 2, 1), "system", None)] == (3, 2, 1)


def test_the_rebuild_command_repairs_a_tally(world):
    expected = snapshot()
    MonthTally.objects.all().delete()
    call_command("rebuild_barrier_months", stdout=io.StringIO())
    assert snapshot() == expected


@pytest.mark.parametrize("choice", ["none", "theme", "level", "theme and level"])
def test_panels_from_the_tally_equal_counting_the_occurrences(world, choice, monkeypatch):
    t1 = world["themes"][0]
    record_occurrence(world["b3"], date=D(2026, 6, 3), area=world["areas"][0])
    merge_barriers(world["b3"], world["b1"])
    kwargs = {
        "none": {},
        "theme": {"theme": t1},
        "level": {"level": "service"},
        "theme and level": {"theme": t1, "level": "system"},
    }[choice]
    filters = insights.Filters(start=START, end=END, today=TODAY, **kwargs)
    summarised = {slug: PANELS[slug](filters) for slug in PANELS}
    assert any(row["recurring"] for row in insights.monthly(filters))
    assert insights.themes_over_time(filters)["themes"]
    # The same panels read from the occurrences themselves (as with an area or agency chosen).
    monkeypatch.setattr(insights.Filters, "by_place", property(lambda self: True))
    for slug, panel in summarised.items():
        raw = PANELS[slug](filters)
        assert (panel.tables, panel.csv_rows) == (raw.tables, raw.csv_rows), slug


@pytest.mark.parametrize("choice", ["none", "theme", "level"])
def test_top_barriers_ranked_month_by_month_equal_counting_every_occurrence(
    world, choice, monkeypatch
):
    """More barriers than the first look reads per month, ties included: the threshold
    algorithm must still find exactly the top barriers that counting all occurrences finds."""
    t1 = world["themes"][0]
    rng = random.Random(16)
    for n in range(14):
        barrier = BarrierFactory(
            themes=[t1] if n % 2 else [], level="service" if n % 3 else "system"
        )
        for _ in range(rng.randint(1, 12)):
            day = D(2025, rng.randint(6, 12), rng.randint(1, 28))
            if rng.random() < 0.6:
                day = D(2026, rng.randint(1, 6), rng.randint(1, 15))
            OccurrenceFactory(barrier=barrier, date=day)
    kwargs = {"none": {}, "theme": {"theme": t1}, "level": {"level": "service"}}[choice]
    filters = insights.Filters(start=START, end=END, today=TODAY, **kwargs)
    ranked = insights.top_recurring(filters, limit=3)
    assert all(len(rows) == 3 for rows in ranked.values())
    monkeypatch.setattr(insights.Filters, "by_place", property(lambda self: True))
    assert insights.top_recurring(filters, limit=3) == ranked


def test_applying_a_change_to_sixty_rows_takes_a_few_statements(
    world, django_assert_max_num_queries
):
    """An import's batch changes hundreds of (month, level, theme) rows: a few statements."""
    months = [D(2020 + n // 12, n % 12 + 1, 1) for n in range(60)]
    theme = world["themes"][0].pk

    def change(count):
        return {(month, "service", theme): [2, 1, 1] for month in months[:count]}

    tally.apply(change(60))  # rows for 60 new keys
    before = snapshot()
    with django_assert_max_num_queries(4):
        tally.apply(change(60))  # the same 60 keys again: added to the rows in place
    after = snapshot()
    for month in months:
        assert after[month, "service", theme] == tuple(
            2 * value for value in before[month, "service", theme]
        )
    with django_assert_max_num_queries(5):
        tally.apply({key: [-4, -2, -2] for key in change(30)})  # half the keys emptied
    assert sum(1 for key in snapshot() if key[0] in months) == 30
