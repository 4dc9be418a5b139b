import datetime

from django.db import IntegrityError
from django.utils import timezone

import pytest

from barriers import services
from barriers.factories import BarrierFactory
from barriers.models import Barrier, BarrierEvent, Occurrence

pytestmark = pytest.mark.django_db


def test_a_new_barrier_gets_its_first_occurrence_and_a_created_event(practitioner, agencies):
    barrier = Barrier(title="Discharged from hospital with nowhere to stay")
    day = timezone.localdate() - datetime.timedelta(days=3)
    services.log_new_barrier(barrier, date=day, agency=agencies[0], user=practitioner)

    assert barrier.occurrences.get().date == day
    assert barrier.first_met == day
    assert list(barrier.agencies.all()) == [agencies[0]]
    assert barrier.created_by == practitioner
    kinds = set(barrier.events.values_list("kind", flat=True))
    assert {BarrierEvent.Kind.CREATED, BarrierEvent.Kind.OCCURRENCE} <= kinds


def test_logging_a_new_barrier_is_one_transaction(practitioner, monkeypatch):
    def fail(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(services, "record_occurrence", fail)
    with pytest.raises(IntegrityError):
        services.log_new_barrier(Barrier(title="Dual diagnosis: one need at a time"))
    assert not Barrier.objects.exists()
    assert not BarrierEvent.objects.exists()


def test_a_new_occurrence_reopens_a_resolved_barrier():
    barrier = BarrierFactory(
        status=Barrier.Status.RESOLVED, resolved_at=timezone.now(), resolution_note="Fixed"
    )
    occurrence = services.count_again(barrier)
    barrier.refresh_from_db()

    assert occurrence.reopened is True
    assert barrier.status == Barrier.Status.OPEN
    assert barrier.resolved_at is None
    assert barrier.reopened_count == 1
    assert barrier.events.filter(kind=BarrierEvent.Kind.REOPENED).exists()


def test_an_occurrence_on_an_open_barrier_does_not_reopen():
    barrier = BarrierFactory()
    occurrence = services.count_again(barrier)
    assert occurrence.reopened is False
    barrier.refresh_from_db()
    assert barrier.reopened_count == 0


def test_status_change_to_resolved_stamps_the_time_and_records_history(leader):
    barrier = BarrierFactory()
    previous = {"status": barrier.status}
    barrier.status = Barrier.Status.RESOLVED
    barrier.resolution_note = "Housing now accepts referrals from the ward."
    services.save_barrier_changes(
        barrier, ["status", "resolution_note"], user=leader, previous=previous
    )

    barrier.refresh_from_db()
    assert barrier.resolved_at is not None
    event = barrier.events.get(kind=BarrierEvent.Kind.STATUS)
    assert event.detail == "Status changed from open to resolved"
    assert barrier.events.filter(kind=BarrierEvent.Kind.EDITED).exists()


def test_merge_moves_occurrences_unions_vocabularies_and_records_both_histories(
    leader, agencies, themes
):
    target = BarrierFactory(title="Referral bounced between mental health and drug services")
    duplicate = BarrierFactory(
        title="Mental health says drugs first, drugs says mental health first",
        themes=[themes[0]],
        agencies=[agencies[1]],
    )
    Occurrence.objects.create(barrier=target, date=timezone.localdate())
    Occurrence.objects.create(barrier=duplicate, date=timezone.localdate())
    Occurrence.objects.create(barrier=duplicate, date=timezone.localdate())

    moved = services.merge_barriers(duplicate, target, user=leader)

    duplicate.refresh_from_db()
    assert moved == 2
    assert target.occurrences.count() == 3
    assert duplicate.occurrences.count() == 0
    assert duplicate.merged_into == target
    assert duplicate.status == Barrier.Status.CLOSED
    assert list(target.themes.all()) == [themes[0]]
    assert list(target.agencies.all()) == [agencies[1]]
    assert "merged in; 2 occurrences moved" in target.events.get(kind="merged").detail
    assert "Merged into" in duplicate.events.get(kind="merged").detail


def test_record_occurrence_on_a_merged_barrier_counts_on_its_target():
    target = BarrierFactory()
    duplicate = BarrierFactory()
    services.merge_barriers(duplicate, target)
    occurrence = services.count_again(duplicate)
    assert occurrence.barrier == target


def test_cannot_merge_into_itself():
    barrier = BarrierFactory()
    with pytest.raises(ValueError):
        services.merge_barriers(barrier, barrier)


def test_an_occurrence_dated_before_first_met_moves_first_met_back():
    today = timezone.localdate()
    barrier = BarrierFactory(first_met=today - datetime.timedelta(days=5))
    services.count_again(barrier, date=today - datetime.timedelta(days=40))
    services.count_again(barrier, date=today - datetime.timedelta(days=1))
    barrier.refresh_from_db()
    assert barrier.first_met == today - datetime.timedelta(days=40)


def test_a_barrier_met_again_is_found_by_its_note_and_its_search_record_built_once(practitioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.models import LearningRecord
    from search.service import search_learning

    barrier = BarrierFactory(title="Letters sent to people sleeping rough")
    before = Barrier.objects.get(pk=barrier.pk).updated_at
    with CaptureQueriesContext(connection) as captured:
        services.count_again(barrier, note="Appointment letter went to a hostel they had left")
    assert search_learning(practitioner, "hostel they had left").count == 1
    record = LearningRecord.objects.get(external_id=barrier.external_id)
    assert "hostel they had left" in record.body
    # Most recently active: first in the barrier log.
    assert Barrier.objects.get(pk=barrier.pk).updated_at > before
    rebuilt = [q for q in captured if q["sql"].startswith('UPDATE "search_learningrecord"')]
    assert len(rebuilt) == 1


def test_a_barrier_met_again_before_it_was_first_met_moves_first_met_and_is_found(practitioner):
    from search.service import search_learning

    barrier = BarrierFactory(first_met=timezone.localdate())
    earlier = timezone.localdate() - datetime.timedelta(days=3)
    services.count_again(barrier, date=earlier, note="Interpreter cancelled on the day")
    barrier.refresh_from_db()
    assert barrier.first_met == earlier
    assert search_learning(practitioner, "interpreter cancelled").count == 1
