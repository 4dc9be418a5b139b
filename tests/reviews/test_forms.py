import datetime

from django.urls import reverse

import pytest

from reviews.factories import ReviewFactory
from reviews.forms import ActionForm, AnswerForm, BarrierRaiseForm, LessonForm
from reviews.models import Review, ReviewTemplate

pytestmark = pytest.mark.django_db


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_template_without_questions_is_refused_in_the_admin(client, facilitator):
    client.force_login(facilitator)
    url = reverse("wagtailsnippets_reviews_reviewtemplate:add")
    response = client.post(
        url, {"name": "Empty template", "purpose": "Nothing to ask", **management("questions")}
    )
    assert response.status_code == 200
    assert "Add at least one question" in response.text
    assert "Nothing to ask" in response.text
    assert not ReviewTemplate.objects.filter(name="Empty template").exists()


def test_template_with_a_question_is_saved_by_a_review_facilitator(client, facilitator):
    client.force_login(facilitator)
    url = reverse("wagtailsnippets_reviews_reviewtemplate:add")
    data = {
        "name": "Crisis review",
        "purpose": "After a crisis admission",
        **management("questions", total=1),
        "questions-0-question": "What happened in the first hour?",
        "questions-0-guidance": "Times and services, not names.",
        "questions-0-ORDER": "1",
        "questions-0-DELETE": "",
        "questions-0-id": "",
        "action-publish": "action-publish",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.text[:2000]
    template = ReviewTemplate.objects.get(name="Crisis review")
    assert template.live
    assert template.question_list() == [
        ("What happened in the first hour?", "Times and services, not names.")
    ]
    assert template.revisions.count() == 1


def test_practitioner_cannot_edit_templates(practitioner_client):
    url = reverse("wagtailsnippets_reviews_reviewtemplate:add")
    assert practitioner_client.get(url).status_code in (302, 403)


def test_answer_form_labels_the_field_with_the_question():
    review = ReviewFactory(questions=["What did we expect to happen?"])
    form = AnswerForm(instance=review.answers.get())
    assert form.fields["answer"].label == "What did we expect to happen?"


def test_lesson_form_blocks_identifiers_and_requires_text():
    form = LessonForm(data={"kind": "improve", "text": "Call 07700 900123 next time"})
    assert not form.is_valid()
    assert "text" in form.errors
    form = LessonForm(data={"kind": "improve", "text": ""})
    assert form.errors["text"] == ["Write the lesson, or remove this row."]


def test_action_form_messages(facilitator):
    review_date = datetime.date(2026, 11, 10)
    form = ActionForm(
        data={"description": "Agree a protocol", "due": "2026-11-09", "status": "open"},
        review_date=review_date,
    )
    assert not form.is_valid()
    assert form.errors["owner"] == ["Give the action an owner."]
    assert form.errors["due"] == [
        "The due date cannot be before the review (10 November 2026). Choose that day or later."
    ]
    form = ActionForm(
        data={
            "description": "Agree a protocol",
            "owner": facilitator.pk,
            "due": "2026-11-10",
            "status": "open",
        },
        review_date=review_date,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["owner_agency"] == facilitator.agency


def test_barrier_raise_form_wants_one_choice_not_both():
    from barriers.models import Barrier

    barrier = Barrier.objects.create(title="No out-of-hours housing route")
    form = BarrierRaiseForm(
        data={"existing": barrier.pk, "new_title": "Another", "new_level": "service"}
    )
    assert not form.is_valid()
    assert "not both" in form.errors["new_title"][0]
    form = BarrierRaiseForm(data={"note": "A note alone"})
    assert not form.is_valid()
    assert "note" in form.errors


def test_admin_lists_reviews_for_administrators(client, administrator):
    ReviewFactory(title="Listed in the admin", completed=True)
    client.force_login(administrator)
    response = client.get(reverse("wagtailsnippets_reviews_review:list"))
    assert response.status_code == 200
    assert "Listed in the admin" in response.text
    review = ReviewFactory(title="Inspected", completed=True)
    inspect = client.get(reverse("wagtailsnippets_reviews_review:inspect", args=[review.pk]))
    assert inspect.status_code == 200
    edit_url = reverse("wagtailsnippets_reviews_review:edit", args=[review.pk])
    response = client.post(
        edit_url, {"title": "Inspected", "status": "completed", "about": "Ring 07700 900123"}
    )
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.about != "Ring 07700 900123"


def test_review_facilitators_cannot_open_the_admin_review_list(client, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("wagtailsnippets_reviews_review:list"))
    assert response.status_code in (302, 403)


def test_review_facilitator_sees_the_template_list_in_the_admin(client, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("wagtailsnippets_reviews_reviewtemplate:list"))
    assert response.status_code == 200
    assert "Multi-agency review" in response.text
    template = ReviewTemplate.objects.get(name="Multi-agency review")
    edit = client.get(reverse("wagtailsnippets_reviews_reviewtemplate:edit", args=[template.pk]))
    assert edit.status_code == 200
    assert "Which of the principles did this test?" in edit.text


def test_barrier_choices_are_the_reviews_area_and_unplaced_barriers():
    from barriers.models import Barrier
    from taxonomy.factories import AreaFactory

    here, elsewhere = AreaFactory(name="Here"), AreaFactory(name="Elsewhere")
    local = Barrier.objects.create(title="Local snag", area=here)
    unplaced = Barrier.objects.create(title="Unplaced snag")
    Barrier.objects.create(title="Far snag", area=elsewhere)
    review = ReviewFactory(area=here)
    form = BarrierRaiseForm(review=review)
    assert set(form.fields["existing"].queryset) == {local, unplaced}


def _template_edit_data(template, first_question, publish=False):
    """The admin edit form for `template` as posted, with its first question reworded."""
    questions = list(template.questions.all())
    data = management("questions", total=len(questions), initial=len(questions))
    data.update({"name": template.name, "purpose": template.purpose})
    for number, question in enumerate(questions):
        data.update(
            {
                f"questions-{number}-id": str(question.pk),
                f"questions-{number}-question": question.question if number else first_question,
                f"questions-{number}-guidance": question.guidance,
                f"questions-{number}-ORDER": str(number + 1),
                f"questions-{number}-DELETE": "",
            }
        )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_editing_a_template_in_the_admin_leaves_reviews_already_run_as_they_were(
    client, facilitator
):
    template = ReviewTemplate.objects.get(name="After Action Review (four questions)")
    client.force_login(facilitator)
    start = reverse("reviews:start")
    start_data = {"template": template.pk, "date": "2026-10-01", "kind": "informal"}
    client.post(start, {**start_data, "title": "Before the edit"})
    before = Review.objects.get(title="Before the edit")
    edit = reverse("wagtailsnippets_reviews_reviewtemplate:edit", args=[template.pk])

    # A saved but unpublished draft of the template is not what new reviews ask.
    assert client.post(edit, _template_edit_data(template, "Draft wording?")).status_code == 302
    client.post(start, {**start_data, "title": "While a draft is pending"})
    pending = Review.objects.get(title="While a draft is pending")
    assert pending.answers.first().question == "What did we expect to happen?"

    published = _template_edit_data(template, "What did each agency expect?", publish=True)
    assert client.post(edit, published).status_code == 302
    client.post(start, {**start_data, "title": "After the edit"})
    after = Review.objects.get(title="After the edit")
    assert after.answers.first().question == "What did each agency expect?"
    assert after.template_revision != before.template_revision

    page = client.get(reverse("reviews:detail", args=[before.pk])).text
    assert "1. What did we expect to happen?" in page
    assert "What did each agency expect?" not in page
    first_asked = before.template_revision.as_object().questions.first().question
    assert first_asked == "What did we expect to happen?"
