"""A list edited on one page takes the rows it has plus NEW_ROWS_AT_ONCE (common.formsets): a
request claiming millions of rows is told so at once instead of building 2,000 empty rows."""

import re

from django.urls import reverse

import pytest

from common.formsets import NEW_ROWS_AT_ONCE
from reviews.factories import LessonFactory, ReviewFactory
from reviews.models import Lesson
from tests.reviews.helpers import form_data

pytestmark = pytest.mark.django_db(serialized_rollback=True)

TOO_MANY = "This list takes at most"


@pytest.fixture
def review(facilitator):
    return ReviewFactory(facilitator=facilitator, title="Discharge with nowhere to stay")


def run_page(client, review):
    return client.get(reverse("reviews:run", args=[review.pk]))


def test_a_review_claiming_millions_of_lessons_is_told_and_nothing_is_saved(
    client, facilitator, review
):
    client.force_login(facilitator)
    data = form_data(
        run_page(client, review),
        **{"lessons-0-text": "Ring housing first.", "lessons-TOTAL_FORMS": "12345678901234567890"},
    )
    response = client.post(reverse("reviews:run", args=[review.pk]), data)
    assert response.status_code == 400
    assert TOO_MANY in response.text
    rows = set(re.findall(r'name="lessons-(\d+)-text"', response.text))
    assert 0 < len(rows) <= NEW_ROWS_AT_ONCE  # not the 2,000 Django would build
    assert not Lesson.objects.filter(review=review).exists()


def test_a_review_that_already_has_more_rows_than_that_still_saves(client, facilitator, review):
    for number in range(NEW_ROWS_AT_ONCE + 10):
        LessonFactory(review=review, text=f"Lesson {number}")
    client.force_login(facilitator)
    data = form_data(run_page(client, review), **{"lessons-0-text": "Ring housing first."})
    response = client.post(reverse("reviews:run", args=[review.pk]), data)
    assert response.status_code == 302
    assert TOO_MANY not in response.text
    assert review.lessons.filter(text="Ring housing first.").exists()
    assert review.lessons.count() == NEW_ROWS_AT_ONCE + 10
