import pytest

from barriers.factories import BarrierFactory
from barriers.services import record_occurrence
from search.factories import make_bright_spot
from search.models import LearningRecord
from search.service import search_learning
from taxonomy.models import Need, Principle

pytestmark = pytest.mark.django_db


def test_barrier_changes_reach_the_search_record(practitioner):
    barrier = BarrierFactory(title="Letters sent to people sleeping rough")
    need = Need.objects.get(name="Homelessness and rough sleeping")
    barrier.needs.add(need)
    record = LearningRecord.objects.get(external_id=barrier.external_id)
    assert list(record.needs.all()) == [need]
    record_occurrence(barrier, note="Appointment letter went to a hostel they had left")
    assert search_learning(practitioner, "hostel they had left").count == 1
    barrier.delete()
    assert not LearningRecord.objects.exists()


def test_bright_spot_principles_give_priorities(practitioner):
    principle = Principle.objects.get(number=1)
    page = make_bright_spot("System connector role")
    page.principles.add(principle)
    page.save_revision().publish()
    record = LearningRecord.objects.get(external_id=page.external_id)
    assert list(record.principles.all()) == [principle]
    assert list(record.priorities.all()) == [principle.priority]
    assert record.url == page.get_url()


def test_shared_records_link_to_the_detail_pages():
    from reviews.factories import ReviewFactory

    barrier = BarrierFactory(title="Discharged with nowhere to stay")
    review = ReviewFactory(completed=True)
    assert LearningRecord.objects.get(external_id=barrier.external_id).url == (
        barrier.get_absolute_url()
    )
    reviews = LearningRecord.objects.filter(url__startswith="/reviews/")
    assert [record.url for record in reviews] == [review.get_absolute_url()]
