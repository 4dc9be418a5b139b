import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from barriers.models import Barrier, Occurrence
from people import roles
from people.factories import UserFactory
from reviews.factories import (
    ActionFactory,
    LessonFactory,
    ParticipantFactory,
    ReviewFactory,
    ReviewTemplateFactory,
)
from reviews.models import Action, Lesson, Review, ReviewTemplate

from .helpers import form_data

pytestmark = pytest.mark.django_db

NHS_NUMBER = "943 476 5919"


def run_url(review):
    return reverse("reviews:run", args=[review.pk])


def test_any_practitioner_starts_a_review_and_becomes_its_facilitator(practitioner_client):
    template = ReviewTemplate.objects.get(name="Multi-agency review")
    response = practitioner_client.post(
        reverse("reviews:start"),
        {
            "template": template.pk,
            "title": "After a joint assessment",
            "date": "2026-11-02",
            "kind": "formal",
            "about": "Two teams assessed on the same day.",
            "tags": "dual diagnosis, joint working",
        },
    )
    review = Review.objects.get(title="After a joint assessment")
    assert response.url == run_url(review)
    assert review.facilitator.username == "practitioner"
    assert review.is_draft
    assert review.template_revision is not None
    assert sorted(review.tags.names()) == ["dual diagnosis", "joint working"]
    assert [a.question for a in review.answers.all()] == [q for q, _ in template.question_list()]


def test_starting_without_a_title_says_what_to_do_and_keeps_the_text(practitioner_client):
    response = practitioner_client.post(
        reverse("reviews:start"),
        {"title": "", "date": "2026-11-02", "kind": "informal", "about": "Kept text here"},
    )
    assert response.status_code == 400
    assert "Give the review a title" in response.text
    assert "Kept text here" in response.text
    assert not Review.objects.exists()


def test_run_page_shows_ground_rules_questions_and_guidance(client, facilitator, draft_review):
    client.force_login(facilitator)
    response = client.get(run_url(draft_review))
    assert response.status_code == 200
    assert "Ground rules" in response.text
    assert "Blameless" in response.text and "What, not who" in response.text
    assert "including the person&#x27;s own view" in response.text
    assert "1. What did we expect to happen?" in response.text


def test_save_draft_keeps_answers_lessons_actions_and_participants(
    post_run, facilitator, draft_review
):
    due = (draft_review.date + datetime.timedelta(days=7)).isoformat()
    response = post_run(
        {
            "answers-0-answer": "That housing would be ready on discharge.",
            "lessons-0-kind": "improve",
            "lessons-0-text": "Start housing referrals at admission.",
            "actions-0-description": "Write the admission-to-housing referral step.",
            "actions-0-owner": str(facilitator.pk),
            "actions-0-due": due,
            "actions-0-status": "open",
            "participants-0-role": "lived_experience",
            "action": "save",
        }
    )
    assert response.status_code == 302
    draft_review.refresh_from_db()
    assert draft_review.answers.first().answer == "That housing would be ready on discharge."
    assert draft_review.lessons.get().kind == Lesson.Kind.IMPROVE
    action = draft_review.actions.get()
    assert action.owner == facilitator
    assert action.owner_agency == facilitator.agency
    assert draft_review.participants.get().role == "lived_experience"
    assert draft_review.draft_version == 1
    # Saving again does not duplicate rows.
    post_run({"action": "save"})
    assert draft_review.lessons.count() == 1
    assert draft_review.actions.count() == 1


def test_identifier_in_an_answer_is_refused_on_the_field_and_nothing_is_lost(
    post_run, draft_review
):
    typed = f"The NHS number {NHS_NUMBER} was on the referral."
    response = post_run(
        {
            "answers-0-answer": typed,
            "answers-1-answer": "Second answer that must survive.",
            "lessons-0-text": "A lesson typed before the error.",
            "action": "save",
        }
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert 'href="#id_answers-0-answer"' in response.text
    assert "NHS number" in response.text
    assert typed in response.text
    assert "Second answer that must survive." in response.text
    assert "A lesson typed before the error." in response.text
    assert draft_review.answers.first().answer == ""
    assert not draft_review.lessons.exists()


def test_identifier_in_a_lesson_row_is_refused_on_that_row(post_run, draft_review):
    response = post_run(
        {"lessons-0-text": "Email the worker at jo.bloggs@example.org", "action": "save"}
    )
    assert response.status_code == 400
    assert 'href="#id_lessons-0-text"' in response.text
    assert "Lesson 1, " in response.text
    assert "jo.bloggs@example.org" in response.text


def test_action_due_before_the_review_and_without_owner_get_clear_messages(post_run, draft_review):
    before = (draft_review.date - datetime.timedelta(days=1)).isoformat()
    response = post_run(
        {
            "actions-0-description": "Agree a protocol with the ward.",
            "actions-0-owner": "",
            "actions-0-due": before,
            "action": "save",
        }
    )
    assert response.status_code == 400
    assert "Give the action an owner." in response.text
    assert "The due date cannot be before the review" in response.text
    assert "Agree a protocol with the ward." in response.text
    assert not Action.objects.exists()


def test_add_another_lesson_without_javascript_adds_a_row(client, post_run, draft_review):
    response = post_run({"lessons-0-text": "First lesson.", "action": "add-lessons"})
    assert response.status_code == 302
    assert "more=lessons" in response.url
    assert response.url.endswith("#lessons-row-2")
    page = client.get(response.url)
    assert 'id="lessons-row-2"' in page.text
    assert 'name="lessons-1-text"' in page.text
    assert draft_review.lessons.get().text == "First lesson."


def test_add_another_with_errors_keeps_text_and_still_adds_the_row(post_run, draft_review):
    response = post_run({"answers-0-answer": f"NHS {NHS_NUMBER}", "action": "add-actions"})
    assert response.status_code == 400
    assert 'name="actions-1-description"' in response.text
    assert f"NHS {NHS_NUMBER}" in response.text


def test_complete_needs_every_question_answered_or_skipped_and_a_lesson(
    client, post_run, draft_review
):
    response = post_run(
        {"answers-0-answer": "Housing on discharge.", "action": "complete"}, follow=True
    )
    assert "cannot be completed yet" in response.text
    assert "Answer “What actually happened?” or tick “Skip this question”." in response.text
    assert "Add at least one lesson" in response.text
    draft_review.refresh_from_db()
    assert draft_review.is_draft
    assert draft_review.answers.first().answer == "Housing on discharge."

    data = form_data(
        response,
        **{
            "answers-1-skipped": "on",
            "lessons-0-text": "Keep the joint call the morning after admission.",
            "action": "complete",
        },
    )
    response = client.post(run_url(draft_review), data, follow=True)
    draft_review.refresh_from_db()
    assert draft_review.is_completed
    assert draft_review.completed_at is not None
    assert "Review completed" in response.text


def test_skipping_an_answered_question_is_refused(post_run, draft_review):
    response = post_run(
        {"answers-0-answer": "Something", "answers-0-skipped": "on", "action": "save"}
    )
    assert response.status_code == 400
    assert "You skipped a question you have answered" in response.text


def test_named_participant_edits_a_draft_others_get_404(client, draft_review, facilitator):
    colleague = UserFactory(username="colleague", roles=[roles.PRACTITIONER])
    stranger = UserFactory(username="stranger", roles=[roles.PRACTITIONER])
    ParticipantFactory(review=draft_review, user=colleague)
    client.force_login(colleague)
    assert client.get(run_url(draft_review)).status_code == 200
    assert client.get(draft_review.get_absolute_url()).status_code == 200
    client.force_login(stranger)
    assert client.get(run_url(draft_review)).status_code == 404
    assert client.get(draft_review.get_absolute_url()).status_code == 404
    assert client.get(reverse("reviews:export", args=[draft_review.pk])).status_code == 404
    assert draft_review.title not in client.get(reverse("reviews:list")).text


def test_participant_who_is_not_facilitator_cannot_complete(client, draft_review):
    colleague = UserFactory(username="colleague", roles=[roles.PRACTITIONER])
    ParticipantFactory(review=draft_review, user=colleague)
    LessonFactory(review=draft_review)
    client.force_login(colleague)
    page = client.get(run_url(draft_review))
    assert "Complete review" not in page.text
    data = form_data(page, action="complete")
    assert client.post(run_url(draft_review), data).status_code == 403
    draft_review.refresh_from_db()
    assert draft_review.is_draft


def test_completed_review_is_read_only_and_visible_to_every_signed_in_user(client, facilitator):
    review = ReviewFactory(facilitator=facilitator, completed=True, questions=["Q?"])
    reader = UserFactory(username="reader", roles=[roles.PRACTITIONER])
    client.force_login(reader)
    detail = client.get(review.get_absolute_url())
    assert detail.status_code == 200
    assert "Continue the review" not in detail.text
    assert "Reopen as a draft" not in detail.text
    response = client.get(run_url(review))
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    client.force_login(facilitator)
    response = client.post(run_url(review), {"action": "save"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_completed


def test_only_facilitator_or_review_facilitator_role_reopens(client, facilitator):
    review = ReviewFactory(completed=True)
    reader = UserFactory(username="reader", roles=[roles.PRACTITIONER])
    client.force_login(reader)
    assert client.post(reverse("reviews:reopen", args=[review.pk])).status_code == 403
    client.force_login(facilitator)  # holds the Review facilitator role
    response = client.post(reverse("reviews:reopen", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_draft


def test_choosing_an_existing_barrier_adds_an_occurrence_not_a_new_barrier(
    client, post_run, draft_review
):
    barrier = Barrier.objects.create(title="No same-day housing assessment at discharge")
    response = post_run(
        {
            "barrier-existing": str(barrier.pk),
            "barrier-note": "Discharged on a Friday with no assessment.",
            "action": "save",
        },
        follow=True,
    )
    assert Barrier.objects.count() == 1
    occurrence = barrier.occurrences.get()
    assert occurrence.source == Occurrence.Source.REVIEW
    assert occurrence.source_object == draft_review
    assert occurrence.date == draft_review.date
    assert "recorded as met in this review" in response.text
    assert barrier.title in client.get(draft_review.get_absolute_url()).text
    # The same barrier cannot be raised twice by one review.
    data = form_data(response, **{"barrier-existing": str(barrier.pk), "action": "save"})
    response = client.post(run_url(draft_review), data)
    assert "already raised that barrier" in response.text
    assert barrier.occurrences.count() == 1


def test_starting_a_new_barrier_creates_it_with_its_first_occurrence(
    facilitator, post_run, draft_review
):
    response = post_run(
        {"barrier-new_title": "Ward discharges on Friday afternoons", "action": "save"}
    )
    assert "Choose the level of the new barrier." in response.text
    assert not Barrier.objects.exists()
    post_run(
        {
            "barrier-new_title": "Ward discharges on Friday afternoons",
            "barrier-new_level": "service",
            "action": "save",
        }
    )
    barrier = Barrier.objects.get()
    assert barrier.level == "service"
    assert barrier.created_by == facilitator
    assert barrier.occurrences.get().source == Occurrence.Source.REVIEW


def test_nominate_link_prefills_the_bright_spot_form(client, facilitator, draft_review):
    LessonFactory(review=draft_review, kind="sustain", text="The joint call worked.")
    client.force_login(facilitator)
    response = client.get(draft_review.get_absolute_url())
    assert "/bright-spots/submit/?title=Discharge+with+nowhere+to+stay" in response.text
    assert "summary=The+joint+call+worked." in response.text


def test_markdown_export_is_an_attachment_with_the_whole_review(client, facilitator):
    review = ReviewFactory(
        facilitator=facilitator,
        title="After the November forum",
        kind="formal",
        date=datetime.date(2026, 11, 5),
        completed=True,
        questions=["What did we expect to happen?", "What actually happened?"],
    )
    review.answers.filter(order=1).update(answer="A packed room.")
    review.answers.filter(order=2).update(skipped=True)
    LessonFactory(review=review, kind="improve", text="Send slides | notes the day before.")
    ActionFactory(
        review=review,
        description="Circulate slides",
        owner=facilitator,
        due=datetime.date(2026, 11, 20),
    )
    client.force_login(facilitator)
    response = client.get(reverse("reviews:export", args=[review.pk]))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="review-after-the-november-forum.md"'
    )
    text = response.content.decode()
    assert text.startswith("# After the November forum\n")
    assert "- **Date:** 5 November 2026" in text
    assert "- **Kind:** Formal" in text
    assert "## Ground rules" in text and "**Blameless.**" in text
    assert "### 1. What did we expect to happen?\n\nA packed room." in text
    assert "### 2. What actually happened?\n\n*Skipped.*" in text
    assert "- **Improve:** Send slides \\| notes the day before." in text
    assert "| Action | Owner | Agency | Due | Status | Completion note |" in text
    assert f"| Circulate slides | {facilitator} | {facilitator.agency} | 2026-11-20 | Open |" in (
        text
    )


def test_list_filters_by_kind_status_principle_year_and_text(client, practitioner):
    from taxonomy.models import Principle

    principle = Principle.objects.order_by("number").first()
    formal = ReviewFactory(
        title="Formal one", kind="formal", completed=True, date=datetime.date(2025, 3, 1)
    )
    informal = ReviewFactory(
        title="Informal one", kind="informal", completed=True, date=datetime.date(2026, 3, 1)
    )
    LessonFactory(review=formal, text="Peer mentors opened doors", principles=[principle])
    client.force_login(practitioner)
    url = reverse("reviews:list")

    def titles(**params):
        text = client.get(url, params).text
        return {t for t in ("Formal one", "Informal one") if t in text}

    assert titles() == {"Formal one", "Informal one"}
    assert titles(kind="formal") == {"Formal one"}
    assert titles(principle=principle.pk) == {"Formal one"}
    assert titles(year=2026) == {"Informal one"}
    assert titles(q="peer mentors") == {"Formal one"}
    assert titles(status="draft") == set()
    assert informal.pk


def test_list_paginates(client, practitioner):
    for n in range(23):
        ReviewFactory(title=f"Paged review {n:02d}", completed=True)
    client.force_login(practitioner)
    first = client.get(reverse("reviews:list"))
    assert "23 reviews" in first.text
    assert "Page 1 of 2" in first.text
    second = client.get(reverse("reviews:list"), {"page": 2})
    assert second.text.count("Paged review") == 3


def test_list_counts_each_reviews_lessons_and_open_actions(client, practitioner):
    busy = ReviewFactory(title="Busy review", completed=True, date=datetime.date(2026, 3, 2))
    LessonFactory.create_batch(2, review=busy)
    ActionFactory(review=busy)
    ActionFactory(review=busy, status=Action.Status.DONE)
    ReviewFactory(title="Quiet review", completed=True, date=datetime.date(2026, 3, 1))
    client.force_login(practitioner)

    text = html.unescape(client.get(reverse("reviews:list")).text)

    busy_row, quiet_row = text.split("Busy review")[1], text.split("Quiet review")[1]
    assert "2 lessons · 1 open action" in busy_row.split("</li>")[0]
    assert "0 lessons · 0 open actions" in quiet_row.split("</li>")[0]
    assert text.index("Busy review") < text.index("Quiet review")


def test_my_actions_lists_what_i_own_and_overdue_lists_across_reviews(client, practitioner):
    today = timezone.localdate()
    mine = ActionFactory(
        owner=practitioner,
        description="Ring the ward team",
        review=ReviewFactory(completed=True),
    )
    overdue = ActionFactory(
        description="Overdue protocol",
        due=today - datetime.timedelta(days=3),
        review=ReviewFactory(completed=True, date=today - datetime.timedelta(days=10)),
    )
    ActionFactory(
        description="Done already",
        status="done",
        due=today - datetime.timedelta(days=3),
        review=ReviewFactory(completed=True),
    )
    client.force_login(practitioner)
    response = client.get(reverse("reviews:my_actions"))
    assert mine.description in response.text
    assert overdue.description not in response.text
    response = client.get(reverse("reviews:overdue_actions"))
    assert overdue.description in response.text
    assert "Overdue" in response.text
    assert "Done already" not in response.text
    assert mine.description not in response.text


def test_my_actions_include_other_apps_items(client, practitioner, monkeypatch):
    from reviews.views import actions as views

    def forum_items(user=None, overdue_only=False):
        return [
            {
                "text": "Send the forum notes",
                "owner": str(user),
                "owner_agency": "",
                "due": timezone.localdate(),
                "status": "open",
                "is_overdue": False,
                "source_title": "Forum: November session",
                "source_url": "/forum/november/",
            }
        ]

    real = views.app_functions

    def with_forum(module, function):
        return [*real(module, function), ("brightspots_fake", forum_items)]

    monkeypatch.setattr(views, "app_functions", with_forum)
    ActionFactory(owner=practitioner, description="Review action", review=ReviewFactory())
    client.force_login(practitioner)
    response = client.get(reverse("reviews:my_actions"))
    assert "Send the forum notes" in response.text
    assert "Forum: November session" in response.text
    assert "Review action" in response.text


def test_my_actions_and_overdue_include_forum_session_actions(client, practitioner):
    from brightspots import factories

    today = timezone.localdate()
    factories.FollowUpActionFactory(owner=practitioner, text="Send the forum slides round")
    factories.FollowUpActionFactory(
        text="Book the peer mentor session", due_on=today - datetime.timedelta(days=2)
    )
    ActionFactory(owner=practitioner, description="Review action", review=ReviewFactory())
    client.force_login(practitioner)
    mine = client.get(reverse("reviews:my_actions")).text
    assert "Send the forum slides round" in mine
    assert "Review action" in mine
    assert "Book the peer mentor session" not in mine
    overdue = client.get(reverse("reviews:overdue_actions")).text
    assert "Book the peer mentor session" in overdue
    assert "Send the forum slides round" not in overdue


def test_owner_updates_an_action_inline(client, practitioner):
    action = ActionFactory(owner=practitioner, review=ReviewFactory(completed=True))
    client.force_login(practitioner)
    list_page = client.get(reverse("reviews:my_actions"))
    assert f'action="{reverse("reviews:action_update", args=[action.pk])}"' in list_page.text
    response = client.post(
        reverse("reviews:action_update", args=[action.pk]),
        {
            f"action-{action.pk}-status": "done",
            f"action-{action.pk}-completion_note": "Protocol agreed at the operational group.",
            "next": reverse("reviews:my_actions"),
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("reviews:my_actions")
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert action.completed_at is not None


def test_someone_else_cannot_update_an_action(client, practitioner):
    action = ActionFactory(review=ReviewFactory(completed=True))
    client.force_login(practitioner)
    response = client.post(
        reverse("reviews:action_update", args=[action.pk]),
        {f"action-{action.pk}-status": "done"},
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_action_update_with_identifier_keeps_the_note(client, practitioner):
    action = ActionFactory(owner=practitioner, review=ReviewFactory(completed=True))
    client.force_login(practitioner)
    note = f"Rang them on 07700 900123 about NHS {NHS_NUMBER}"
    response = client.post(
        reverse("reviews:action_update", args=[action.pk]),
        {f"action-{action.pk}-status": "done", f"action-{action.pk}-completion_note": note},
    )
    assert response.status_code == 400
    assert note in response.text
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_autosave_saves_answers_and_reports_problems(client, facilitator, draft_review):
    client.force_login(facilitator)
    data = form_data(
        client.get(run_url(draft_review)), **{"answers-0-answer": "Typed, then wifi dropped."}
    )
    url = reverse("reviews:autosave", args=[draft_review.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert response.json()["version"] == 1
    assert draft_review.answers.first().answer == "Typed, then wifi dropped."
    data["answers-0-answer"] = f"NHS {NHS_NUMBER}"
    response = client.post(url, data)
    assert response.status_code == 422
    assert "1 problem" in response.json()["message"]
    assert draft_review.answers.first().answer == "Typed, then wifi dropped."


def test_template_without_questions_uses_factory(db):
    template = ReviewTemplateFactory(questions=[])
    assert template.question_list() == []


def test_start_page_shows_what_each_template_asks(practitioner_client):
    response = practitioner_client.get(reverse("reviews:start"))
    assert "What each template asks" in response.text
    assert "What do we need from other agencies?" in response.text
    default = ReviewTemplate.objects.get(name="After Action Review (four questions)")
    checked = re.findall(
        r'<input type="radio" name="template" value="(\d+)"[^>]*checked', (response.text)
    )
    assert checked == [str(default.pk)]


def test_owner_updates_an_action_from_the_review_page(client, practitioner):
    review = ReviewFactory(completed=True)
    action = ActionFactory(owner=practitioner, review=review)
    ActionFactory(review=review, description="Someone else's action")
    client.force_login(practitioner)
    detail = client.get(review.get_absolute_url())
    update_url = reverse("reviews:action_update", args=[action.pk])
    assert f'href="{update_url}?next=' in detail.text
    assert detail.text.count(">Update<") == 1
    page = client.get(update_url, {"next": review.get_absolute_url()})
    assert page.status_code == 200
    response = client.post(
        update_url,
        {
            f"action-{action.pk}-status": "in_progress",
            f"action-{action.pk}-completion_note": "",
            "next": review.get_absolute_url(),
        },
    )
    assert response.url == review.get_absolute_url()
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS


# A bare word was looked up as a view's name by `redirect` and answered 500.
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "abc", "-1", "javascript:alert(1)"]
)
def test_action_update_goes_back_only_to_a_page_of_this_site(client, practitioner, next_url):
    action = ActionFactory(owner=practitioner, review=ReviewFactory(completed=True))
    client.force_login(practitioner)
    response = client.post(
        reverse("reviews:action_update", args=[action.pk]),
        {f"action-{action.pk}-status": "done", "next": next_url},
    )
    assert response.status_code == 302
    assert response.url == reverse("reviews:my_actions")
    action.refresh_from_db()
    assert action.status == Action.Status.DONE


def _nominate_href(response):
    match = re.search(r'href="(/bright-spots/submit/\?[^"]+)"', response.text)
    assert match, "no nominate link"
    return html.unescape(match.group(1))


def _textarea(response, name):
    match = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', response.text, re.S)
    assert match, f"no {name} box"
    return html.unescape(match.group(1)).strip()


def test_nominate_link_with_a_long_answer_still_opens_a_prefilled_bright_spot_form(
    client, facilitator, draft_review
):
    long_answer = "The ward rang housing on the Friday and left a message with the duty desk. " * 80
    draft_review.answers.filter(question="What actually happened?").update(answer=long_answer)
    LessonFactory(review=draft_review, kind="sustain", text="The joint call worked. " * 60)
    client.force_login(facilitator)
    href = _nominate_href(client.get(draft_review.get_absolute_url()))
    # gunicorn answers 400 to a request line over 4094 bytes.
    assert len(f"GET {href} HTTP/1.1") <= 4094
    form = client.get(href)
    assert form.status_code == 200
    assert 'value="Discharge with nowhere to stay"' in form.text
    happened = _textarea(form, "what_happened")
    assert happened.startswith("The ward rang housing on the Friday and left a message")
    assert happened.endswith("\u2026")  # shortened at a word, and says so
    assert long_answer.startswith(happened.removesuffix("\u2026"))


def test_nominate_link_with_short_answers_carries_them_whole(client, facilitator, draft_review):
    draft_review.answers.filter(question="What actually happened?").update(
        answer="Housing took the referral on the ward."
    )
    client.force_login(facilitator)
    form = client.get(_nominate_href(client.get(draft_review.get_absolute_url())))
    assert _textarea(form, "what_happened") == "Housing took the referral on the ward."


def test_my_actions_names_a_draft_i_am_not_on_without_a_link_that_would_404(client, practitioner):
    draft = ReviewFactory(title="Private draft review")
    ActionFactory(owner=practitioner, review=draft, description="Ring the ward")
    shared = ReviewFactory(title="Shared completed review", completed=True)
    ActionFactory(owner=practitioner, review=shared, description="Write the protocol")
    client.force_login(practitioner)
    page = client.get(reverse("reviews:my_actions")).text
    assert "Ring the ward" in page
    assert "Review: Private draft review (a draft not shared with you yet)" in page
    assert f'href="{draft.get_absolute_url()}"' not in page
    assert f'href="{shared.get_absolute_url()}"' in page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_answers_are_rendered_as_sanitised_markdown(client, facilitator):
    review = ReviewFactory(facilitator=facilitator, completed=True, questions=["What happened?"])
    review.answers.update(
        answer="**Housing** took the call.<script>alert('x')</script>"
        '<a href="javascript:alert(1)">link</a>'
    )
    client.force_login(UserFactory(username="reader", roles=[roles.PRACTITIONER]))
    page = client.get(review.get_absolute_url()).text
    assert "<strong>Housing</strong> took the call." in page
    assert "alert(" not in page
    assert "javascript:" not in page


def test_lessons_of_a_completed_review_are_found_in_search(
    client, facilitator, post_run, draft_review
):
    search_url = reverse("search:search")
    post_run(
        {
            "answers-0-answer": "That housing would be ready.",
            "answers-1-answer": "It was not.",
            "lessons-0-kind": "sustain",
            "lessons-0-text": "Peer mentors met him at the hospital door.",
            "action": "save",
        }
    )
    reader = UserFactory(username="reader", roles=[roles.PRACTITIONER])
    client.force_login(reader)
    assert draft_review.title not in client.get(search_url, {"q": "mentors"}).text
    client.force_login(facilitator)
    post_run({"action": "complete"})
    draft_review.refresh_from_db()
    assert draft_review.is_completed
    client.force_login(reader)
    results = client.get(search_url, {"q": "peer mentors"}).text
    assert draft_review.title in results


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_review_gives_update_links_to_the_owner_only_and_shows_a_new_action(
    client, practitioner, committed
):
    from django.test import Client

    review = ReviewFactory(completed=True)
    action = ActionFactory(owner=practitioner, review=review, description="Send the slides")
    update = reverse("reviews:action_update", args=[action.pk])
    colleague = Client()
    colleague.force_login(UserFactory(roles=[roles.PRACTITIONER], agency=practitioner.agency))
    url = reverse("reviews:detail", args=[review.pk])
    assert update not in colleague.get(url).text  # kept first for the colleague
    client.force_login(practitioner)
    assert update in client.get(url).text
    assert update not in colleague.get(url).text
    with committed():
        ActionFactory(review=review, description="Book the peer mentor session")
    assert "Book the peer mentor session" in colleague.get(url).text


@pytest.mark.usefixtures("fragment_cache")
def test_a_kept_draft_stays_hidden_from_someone_not_on_it(client, practitioner):
    draft = ReviewFactory(facilitator=practitioner, title="Our draft about discharge")
    client.force_login(practitioner)
    url = reverse("reviews:detail", args=[draft.pk])
    assert "Our draft about discharge" in client.get(url).text
    client.force_login(UserFactory(roles=[roles.PRACTITIONER], agency=practitioner.agency))
    assert client.get(url).status_code == 404


def test_a_kept_review_holds_no_password_hash(client, practitioner, kept_bytes):
    review = ReviewFactory(facilitator=practitioner, completed=True)
    client.force_login(practitioner)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    assert kept_bytes()  # the page was kept
    assert practitioner.password.encode() not in kept_bytes()
