from io import StringIO

import pytest

from barriers.models import Barrier
from people.demo import seed as seed_users
from privacy.validators import check_fields
from reviews.demo import seed
from reviews.models import Action, Review
from taxonomy.demo import seed as seed_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people():
    seed_taxonomy(StringIO())
    seed_users(StringIO())


def test_seed_adds_realistic_reviews_once(demo_people):
    barrier = Barrier.objects.create(title="Hospital discharge with no housing assessment")
    out = StringIO()
    seed(out)
    assert Review.objects.count() == 4
    assert Review.objects.completed().count() == 3
    assert Review.objects.drafts().count() == 1
    assert Action.objects.overdue().exists()
    assert barrier.occurrences.filter(source="review").count() == 1
    discharge = Review.objects.get(external_id="demo-review-discharge-no-accommodation")
    assert discharge.participants.filter(role="expert_by_relationship").exists()
    assert discharge.lessons.filter(principles__isnull=False).exists()
    seed(StringIO())
    assert Review.objects.count() == 4
    assert barrier.occurrences.count() == 1
    assert "4 demo reviews (4 new)" in out.getvalue()


def test_demo_text_holds_no_identifiers(demo_people):
    seed(StringIO())
    for review in Review.objects.all():
        texts = {"title": review.title, "about": review.about}
        texts.update({f"answer {a.pk}": a.answer for a in review.answers.all()})
        texts.update({f"lesson {x.pk}": x.text for x in review.lessons.all()})
        texts.update({f"action {x.pk}": x.description for x in review.actions.all()})
        assert check_fields(texts) == {}, review.title
