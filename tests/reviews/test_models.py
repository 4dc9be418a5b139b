import datetime

from django.utils import timezone

import pytest

from people import roles
from people.factories import UserFactory
from reviews import services
from reviews.factories import (
    ActionFactory,
    LessonFactory,
    ParticipantFactory,
    ReviewFactory,
    ReviewTemplateFactory,
)
from reviews.forms import ReviewStartForm
from reviews.models import Action, Review, ReviewTemplate
from taxonomy.models import Principle

pytestmark = pytest.mark.django_db


def start(template, user, title="After a crisis admission"):
    form = ReviewStartForm(
        {
            "template": template.pk,
            "title": title,
            "date": "2026-10-01",
            "kind": "informal",
        }
    )
    assert form.is_valid(), form.errors
    return services.start_review(form, template, user=user)


def test_editing_a_template_never_changes_a_review_already_run(facilitator):
    template = ReviewTemplate.objects.get(name="After Action Review (four questions)")
    review = start(template, facilitator)
    first_revision = review.template_revision
    asked = [a.question for a in review.answers.all()]

    # A facilitator rewrites a question and adds one, then publishes.
    question = template.questions.first()
    question.question = "What did each of us expect?"
    question.save()
    template.questions.create(question="Anything else?", sort_order=99)
    template.save_revision(user=facilitator).publish(user=facilitator)

    review.refresh_from_db()
    assert [a.question for a in review.answers.all()] == asked
    assert asked[0] == "What did we expect to happen?"
    assert review.template_revision == first_revision
    old = first_revision.as_object()
    assert [q.question for q in old.questions.all()][0] == "What did we expect to happen?"
    # A review started now asks the new questions.
    later = start(ReviewTemplate.objects.get(pk=template.pk), facilitator, title="Later")
    assert [a.question for a in later.answers.all()][0] == "What did each of us expect?"
    assert len(later.answers.all()) == 5
    assert later.template_revision != first_revision


def test_visible_to_shows_completed_reviews_and_only_own_drafts():
    facilitator = UserFactory(username="fac")
    colleague = UserFactory(username="colleague")
    stranger = UserFactory(username="stranger")
    draft = ReviewFactory(facilitator=facilitator)
    ParticipantFactory(review=draft, user=colleague)
    done = ReviewFactory(completed=True)
    assert set(Review.objects.visible_to(facilitator)) == {draft, done}
    assert set(Review.objects.visible_to(colleague)) == {draft, done}
    assert set(Review.objects.visible_to(stranger)) == {done}
    assert set(Review.objects.editable_by(colleague)) == {draft}
    assert not Review.objects.editable_by(stranger).exists()


def test_queryset_filters_for_principle_open_actions_and_agency():
    principle = Principle.objects.get(number=1)
    tagged = ReviewFactory(completed=True)
    LessonFactory(review=tagged, principles=[principle])
    with_action = ReviewFactory(completed=True)
    action = ActionFactory(review=with_action)
    ActionFactory(review=tagged, status=Action.Status.DONE)
    assert list(Review.objects.for_principle(principle)) == [tagged]
    assert list(Review.objects.with_open_actions()) == [with_action]
    assert list(Review.objects.for_agency(action.owner_agency)) == [with_action]


def test_overdue_actions_are_open_and_past_due():
    today = timezone.localdate()
    late = ActionFactory(due=today - datetime.timedelta(days=1))
    ActionFactory(due=today - datetime.timedelta(days=1), status=Action.Status.DONE)
    ActionFactory(due=today)
    assert list(Action.objects.overdue()) == [late]
    assert late.is_overdue


def test_done_actions_record_when_they_were_done():
    action = ActionFactory()
    assert action.completed_at is None
    action.status = Action.Status.DONE
    action.save()
    assert action.completed_at is not None
    action.status = Action.Status.OPEN
    action.save()
    assert action.completed_at is None


def test_completion_problems_name_each_unanswered_question():
    review = ReviewFactory(questions=["One?", "Two?"])
    review.answers.filter(question="One?").update(answer="Yes")
    assert review.completion_problems() == [
        "Answer “Two?” or tick “Skip this question”.",
        "Add at least one lesson (something to sustain or improve).",
    ]
    review.answers.filter(question="Two?").update(skipped=True)
    LessonFactory(review=review)
    assert review.completion_problems() == []


def test_review_facilitator_role_can_manage_reviews_they_can_see(facilitator):
    review = ReviewFactory(completed=True)
    reader = UserFactory(username="reader", roles=[roles.PRACTITIONER])
    assert review.can_manage(facilitator)
    assert not review.can_manage(reader)
    assert not review.can_edit(review.facilitator)  # completed: read-only


def test_completed_review_is_found_in_search_by_its_lesson_text():
    from wagtail.search.backends import get_search_backend

    review = ReviewFactory(title="Friday discharge", completed=True)
    LessonFactory(review=review, text="Peer mentors unlock engagement")
    services.reindex(review)
    results = get_search_backend().search("mentors", Review.objects.completed())
    assert list(results) == [review]


def test_template_question_list_is_in_order():
    template = ReviewTemplateFactory(questions=["First?", "Second?"])
    assert [q for q, _ in template.question_list()] == ["First?", "Second?"]
