"""Run a review from start to finish with the keyboard alone: Tab, typing, Enter, Space, arrows."""

import pytest

from reviews.models import Review
from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def tab_to(page, locator, limit=400):
    """Press Tab until `locator` has focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def press_and_wait(page, key="Enter"):
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def keyboard_sign_in(page, user):
    page.goto("/sign-in/")
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type(user.username)
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type("password")
    press_and_wait(page)


def test_run_a_review_start_to_finish_with_the_keyboard(page, facilitator, axe_violations):
    keyboard_sign_in(page, facilitator)
    page.goto("/reviews/")
    tab_to(page, page.get_by_role("link", name="Start a review", exact=True))
    press_and_wait(page)
    page.wait_for_url("**/reviews/new/")

    tab_to(page, page.get_by_label("Title"))
    page.keyboard.type("Discharge on a Friday with nowhere to stay")
    tab_to(page, page.get_by_label("What it is about"))
    page.keyboard.type("Discharged from A&E late on a Friday; housing had closed.")
    tab_to(page, page.get_by_role("button", name="Start the review"))
    press_and_wait(page)
    page.wait_for_url("**/run/")
    assert page.get_by_role("heading", name="Ground rules").is_visible()
    assert axe_violations() == [], describe(axe_violations())

    answers = [
        "Housing would pick up the referral before discharge.",
        "The referral sat unread over the weekend.",
        "No shared discharge-to-housing step.",
    ]
    for number, text in enumerate(answers):
        tab_to(page, page.locator(f"#id_answers-{number}-answer"))
        page.keyboard.type(text)
    # The fourth question is skipped with Space on its checkbox.
    tab_to(page, page.locator("#id_answers-3-skipped"))
    page.keyboard.press("Space")

    tab_to(page, page.locator("#id_participants-0-role"))
    page.keyboard.press("ArrowDown")  # Person with lived experience

    tab_to(page, page.locator("#id_lessons-0-text"))
    page.keyboard.type("Outreach's weekend walk-round found him.")
    tab_to(page, page.get_by_role("button", name="Add another lesson"))
    press_and_wait(page)
    page.wait_for_url("**more=lessons**")
    assert page.locator("#id_answers-0-answer").input_value() == answers[0]

    tab_to(page, page.locator("#id_lessons-1-kind_0"))
    page.keyboard.press("ArrowDown")  # Improve
    tab_to(page, page.locator("#id_lessons-1-text"))
    page.keyboard.type("Start the housing referral at admission.")

    tab_to(page, page.locator("#id_actions-0-description"))
    page.keyboard.type("Draft a discharge-to-housing protocol.")
    tab_to(page, page.locator("#id_actions-0-owner"))
    page.keyboard.press("ArrowDown")
    tab_to(page, page.locator("#id_actions-0-due"))
    page.keyboard.type("12122030")  # the same date read as day-month or month-day

    tab_to(page, page.get_by_role("button", name="Complete review"))
    press_and_wait(page)

    assert page.get_by_text("Review completed.").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Discharge on a Friday with nowhere to stay"
    )
    review = Review.objects.get()
    assert review.is_completed
    assert [a.answer for a in review.answers.all()][:3] == answers
    assert review.answers.all()[3].skipped
    assert {lesson.kind for lesson in review.lessons.all()} == {"sustain", "improve"}
    action = review.actions.get()
    assert action.owner is not None and str(action.due) == "2030-12-12"
    assert review.participants.get().role == "lived_experience"
    assert page.get_by_text("Start the housing referral at admission.").is_visible()
    # The draft kept in this browser while typing is gone once the review is completed.
    page.wait_for_load_state("load")
    kept = page.evaluate(f"() => localStorage.getItem('brightspots-review-{review.pk}')")
    assert kept is None
    assert axe_violations() == [], describe(axe_violations())


def test_validation_errors_are_linked_from_the_summary(page, facilitator, axe_violations):
    from reviews.factories import ReviewFactory

    review = ReviewFactory(facilitator=facilitator, questions=["What actually happened?"])
    keyboard_sign_in(page, facilitator)
    page.goto(f"/reviews/{review.pk}/run/")
    tab_to(page, page.locator("#id_actions-0-description"))
    page.keyboard.type("An action nobody owns")
    tab_to(page, page.get_by_role("button", name="Save draft").first)
    press_and_wait(page)
    summary = page.get_by_role("alert")
    assert "Give the action an owner." in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")
    # The summary's link takes the keyboard user to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#id_actions-0-owner'")
    assert page.locator("#id_actions-0-description").input_value() == "An action nobody owns"
    assert axe_violations() == [], describe(axe_violations())


def test_draft_is_autosaved_and_unsaved_text_survives_closing_the_browser(page, facilitator):
    from reviews.factories import ReviewFactory

    review = ReviewFactory(
        facilitator=facilitator, questions=["What did we expect?", "What actually happened?"]
    )
    keyboard_sign_in(page, facilitator)
    page.goto(f"/reviews/{review.pk}/run/")
    tab_to(page, page.locator("#id_answers-0-answer"))
    with page.expect_response("**/autosave/", timeout=30_000) as saved:
        page.keyboard.type("Saved in the background.")
    assert saved.value.ok
    status = page.locator("#autosave-status")
    assert "Draft saved automatically" in status.inner_text()
    review.refresh_from_db()
    assert review.answers.get(order=1).answer == "Saved in the background."

    # Type more, then close the tab before the next autosave.
    tab_to(page, page.locator("#id_answers-1-answer"))
    page.keyboard.type("Typed just before the browser closed.")
    context = page.context
    page.close()
    again = context.new_page()
    again.goto(f"/reviews/{review.pk}/run/")
    assert again.locator("#id_answers-1-answer").input_value() == (
        "Typed just before the browser closed."
    )
    assert "Restored 1 unsaved change" in again.locator("#autosave-status").inner_text()
    assert review.answers.get(order=2).answer == ""


def test_printing_the_run_page_gives_the_saved_review_without_the_form(page, facilitator):
    from reviews.factories import ReviewFactory

    review = ReviewFactory(facilitator=facilitator, questions=["What actually happened?"])
    review.answers.update(answer="The referral sat unread over the weekend.")
    keyboard_sign_in(page, facilitator)
    page.goto(f"/reviews/{review.pk}/run/")
    assert page.locator("#review-run-form").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#review-run-form").is_visible()
    assert not page.locator(".site-header").is_visible()
    printed = page.locator(".print-only p", has_text="The referral sat unread over the weekend.")
    assert printed.is_visible()
    assert page.get_by_role("heading", name="Ground rules").is_visible()
