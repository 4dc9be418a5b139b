import io
import json

from django.core.management import CommandError, call_command

import pytest

from barriers.models import Barrier, Occurrence
from brightspots.models import BrightSpotPage
from reviews.models import Review
from search.interchange import ImportFailed, import_lines, parse_lines
from search.models import LearningRecord
from taxonomy.models import Agency, Area

pytestmark = pytest.mark.django_db

GOOD = {"id": "bs-x", "type": "bright_spot", "title": "Peer mentor at the prison gate"}


def line(**fields):
    return json.dumps(fields)


def problems_for(*lines):
    _records, problems = parse_lines(list(lines))
    return [str(p) for p in problems]


def test_every_kind_of_error_is_listed_with_its_line():
    problems = problems_for(
        "{not json",
        line(id="a", type="leaflet", title="x"),
        line(id="b", type="barrier", title="x", colour="red"),
        line(type="barrier", title="x"),
        line(id="c", type="review", title="x", date="2024-13-01"),
        line(id="d", type="bright_spot", title="x", principles=[0, 13, "two"]),
        line(id="e", type="bright_spot", title="x", needs=["Pizza"]),
        line(id="f", type="barrier", title="x", category="nope", level="cosmic",
             themes=["Not a theme"]),
        line(id="g", type="bright_spot", title="Call 07700 900123 for help"),
        "",
        line(id="h", type="barrier", title="x", occurrences=[{"date": "yesterday"}]),
        line(id="i", type="review", title="x", lessons=[{"kind": "maybe"}]),
    )  # fmt: skip
    expected = [
        "line 1: json: not valid JSON",
        "line 2: type: unknown type 'leaflet'",
        "line 3: colour: unknown field for barrier",
        "line 4: id: is required",
        "line 5: date: '2024-13-01' is not a date",
        "line 6: principles: 0 is outside 1-12",
        "line 6: principles: 13 is outside 1-12",
        "line 6: principles: 'two' is not a whole number",
        "line 7: needs: unknown need 'Pizza'",
        "line 8: level: 'cosmic' is not one of",
        "line 8: category: unknown category code 'nope'",
        "line 8: themes: unknown theme 'Not a theme'",
        "line 9: title:",
        "line 11: occurrences[0].date: 'yesterday' is not a date",
        "line 12: lessons[0].kind: 'maybe' is not one of",
        "line 12: lessons[0].text: is required",
    ]
    for text in expected:
        assert any(problem.startswith(text) for problem in problems), (text, problems)
    phone = [p for p in problems if p.startswith("line 9: title:")]
    assert "phone" in phone[0].lower()


@pytest.mark.parametrize("kind", [["barrier"], {"name": "barrier"}, 7, None])
def test_a_type_that_is_not_text_is_a_problem_of_its_line(kind):
    problems = problems_for(line(**GOOD), line(id="b", type=kind, title="x"))
    assert problems == ["line 2: type: must be text (use one of: barrier, bright_spot, review)"]


@pytest.mark.parametrize("category", [["access"], {"code": "access"}, 3])
def test_a_category_that_is_not_text_is_a_problem_of_its_line(category):
    problems = problems_for(line(id="b", type="barrier", title="x", category=category))
    assert problems == [f"line 1: category: unknown category code {category!r}"]


def test_nothing_is_written_when_any_line_is_wrong():
    lines = [line(**GOOD), line(id="y", type="barrier", title="x", status="lost")]
    with pytest.raises(ImportFailed) as failure:
        import_lines(lines)
    assert [str(p) for p in failure.value.problems] == [
        "line 2: status: 'lost' is not one of: open, acknowledged, escalated, in_progress, "
        "resolved, closed"
    ]
    assert not BrightSpotPage.objects.exists()
    assert not Barrier.objects.exists()


def test_command_lists_problems_and_fails(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(line(**GOOD) + "\n" + line(id="z", type="barrier") + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_learning", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 2: title: is required" in err.getvalue()
    assert not BrightSpotPage.objects.exists()


def test_duplicate_ids_in_one_file():
    problems = problems_for(line(**GOOD), line(**GOOD))
    assert problems == ["line 2: id: 'bs-x' already appears on line 1"]


def test_import_creates_records_agencies_areas_and_search_records(corpus):
    assert BrightSpotPage.objects.live().count() == 25
    assert Barrier.objects.count() == 25
    assert Review.objects.completed().count() == 10
    assert Occurrence.objects.filter(barrier__external_id="bar-001").count() == 2
    assert Agency.objects.filter(name="Gateshead Housing First").exists()
    assert Area.objects.filter(name="Lewisham").exists()
    assert LearningRecord.objects.count() == 60
    review = Review.objects.get(external_id="rev-001")
    assert review.answers.count() == 3 and review.lessons.count() == 2
    assert (
        review.actions.get(status="done").owner_agency.name == "Southwark Hospital Discharge Team"
    )


def test_upsert_by_type_and_id(corpus):
    import_lines([line(id="bar-007", type="barrier", title="Evicted from a hostel for relapse",
                       status="resolved")])  # fmt: skip
    barrier = Barrier.objects.get(external_id="bar-007")
    assert barrier.title == "Evicted from a hostel for relapse"
    assert barrier.status == "resolved"
    assert Barrier.objects.count() == 25
    record = LearningRecord.objects.get(external_id="bar-007")
    assert record.title == "Evicted from a hostel for relapse"


def test_unpublished_bright_spot_is_not_shared():
    import_lines([line(id="bs-draft", type="bright_spot", title="Draft", published=False)])
    assert BrightSpotPage.objects.get(external_id="bs-draft").live is False
    assert not LearningRecord.objects.exists()


def test_html_in_markdown_is_removed_on_the_way_in():
    import_lines([line(id="b1", type="barrier", title="x",
                       body="Beds <script>alert(1)</script>**full** & <b>late</b>")])  # fmt: skip
    assert Barrier.objects.get().description == "Beds **full** & late"


def test_report_speed(tmp_path, corpus):
    out = io.StringIO()
    path = tmp_path / "again.jsonl"
    path.write_text(line(**GOOD) + "\n")
    call_command("import_learning", str(path), stdout=out)
    assert "bright_spot: 1 created, 0 updated" in out.getvalue()
    assert "Imported 1 record(s) in" in out.getvalue()


def test_imported_occurrences_count_on_the_leaders_dashboard():
    from barriers.models import BarrierMonth

    occurrences = [
        {"date": "2026-09-03", "agency": "Housing Needs A", "source": "practitioner"},
        {"date": "2026-09-20", "agency": "Outreach Team B", "source": "review"},
        {"date": "2026-10-01", "agency": "Housing Needs A", "source": "forum"},
    ]
    import_lines([line(id="bar-month", type="barrier", title="Hostel eviction after relapse",
                       occurrences=occurrences)])  # fmt: skip
    barrier = Barrier.objects.get(external_id="bar-month")
    months = dict(
        BarrierMonth.objects.filter(barrier=barrier).values_list("month__month", "occurrences")
    )
    assert months == {9: 2, 10: 1}
    # Importing the same record again replaces its occurrences rather than adding to them.
    import_lines([line(id="bar-month", type="barrier", title="Hostel eviction after relapse",
                       occurrences=occurrences[:1])])  # fmt: skip
    months = dict(
        BarrierMonth.objects.filter(barrier=barrier).values_list("month__month", "occurrences")
    )
    assert months == {9: 1}
