import pytest

from barriers.factories import BarrierFactory, OccurrenceFactory
from barriers.similarity import query_terms, similar_barriers

pytestmark = pytest.mark.django_db


@pytest.fixture
def log():
    return {
        "discharge": BarrierFactory(
            title="Discharged from hospital with nowhere to stay",
            description="Ward discharges late on Friday when housing options is closed.",
        ),
        "dual": BarrierFactory(
            title="Mental health team will not see people still using drugs",
            description="Drug service says mental health first; each waits for the other.",
        ),
        "retell": BarrierFactory(
            title="Having to retell the story to every new worker",
            description="No shared summary travels with the person.",
        ),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hospital discharge, no housing", "discharge"),
        ("discharg", "discharge"),
        ("mental health won't help while using drugs", "dual"),
        ("telling my story again to each service", "retell"),
    ],
)
def test_the_same_snag_typed_differently_finds_the_existing_barrier(log, typed, expected):
    results = similar_barriers(typed)
    assert results, typed
    assert results[0] == log[expected]


def test_results_carry_recurrence(log):
    OccurrenceFactory(barrier=log["discharge"])
    OccurrenceFactory(barrier=log["discharge"])
    result = similar_barriers("discharged from hospital")[0]
    assert result.occurrence_count == 2
    assert result.last_seen is not None


def test_more_often_met_ranks_higher_among_equals():
    quiet = BarrierFactory(title="Interpreter not booked for assessment")
    busy = BarrierFactory(title="Interpreter not booked for appointment")
    for _ in range(20):
        OccurrenceFactory(barrier=busy)
    results = similar_barriers("interpreter not booked")
    assert results[:2] == [busy, quiet]


def test_merged_barriers_are_not_suggested(log):
    BarrierFactory(title="Discharged from hospital to the street", merged_into=log["discharge"])
    titles = [barrier.title for barrier in similar_barriers("discharged hospital street")]
    assert "Discharged from hospital to the street" not in titles


def test_nothing_to_look_for():
    assert similar_barriers("") == []
    assert similar_barriers("the and of") == []
    assert query_terms("The GP's referral, the GP") == ["gp's", "referral"]
