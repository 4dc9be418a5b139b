"""The reviews list and a review's page make as many queries with 3n rows as with n (#16)."""

from reviews.factories import ActionFactory, LessonFactory, ReviewFactory


def reviews(count):
    made = []
    for _ in range(count):
        review = ReviewFactory(completed=True, questions=["What happened?", "What next?"])
        LessonFactory.create_batch(2, review=review)
        ActionFactory.create_batch(2, review=review)
        made.append(review)
    return made


def test_reviews_list_queries_do_not_grow_with_reviews_listed(practitioner_client, page_queries):
    reviews(3)
    before = page_queries(practitioner_client, "/reviews/")
    reviews(6)
    assert page_queries(practitioner_client, "/reviews/") == before


def test_review_page_queries_do_not_grow_with_lessons_and_actions(
    practitioner_client, page_queries
):
    review = reviews(1)[0]
    before = page_queries(practitioner_client, f"/reviews/{review.pk}/")
    LessonFactory.create_batch(4, review=review)
    ActionFactory.create_batch(4, review=review)
    assert page_queries(practitioner_client, f"/reviews/{review.pk}/") == before
