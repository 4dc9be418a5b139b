"""Submitting, moderating and resubmitting a Bright Spot through the front end and the workflow."""

from django.core import mail

import pytest

from brightspots import submissions
from brightspots.models import BrightSpotPage, ModerationDecision

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Holding a tenancy open during a short sentence",
    "summary": "Housing First kept the flat while the person served six weeks.",
    "what_happened": "Probation told the **housing** team on the day of sentence.",
    "what_made_the_difference": "- One phone call\n- A named contact in each service",
    "where_else": "Any tenancy-sustainment service.",
    "evidence": "Back home the day of release.",
    "involvement": "not_asked",
    "persons_own_words": "",
    "tags": "housing, prison release",
    "would_present": "on",
}


def submit_new(client, **overrides):
    return client.post("/bright-spots/submit/", {**FORM, "action": "submit", **overrides})


def only_spot():
    return BrightSpotPage.objects.get()


@pytest.fixture
def submitted(practitioner_client):
    """A Bright Spot the practitioner has just submitted; the emails so far are cleared."""
    submit_new(practitioner_client)
    mail.outbox.clear()
    return only_spot()


def moderate(client, page, action, comment=""):
    """Send the host's moderation form for `page`, then reload `page`."""
    response = client.post(
        "/bright-spots/moderate/",
        {"page": page.pk, f"m{page.pk}-action": action, f"m{page.pk}-comment": comment},
    )
    page.refresh_from_db()
    return response


def test_save_as_draft_keeps_page_unpublished(practitioner_client, practitioner):
    response = practitioner_client.post("/bright-spots/submit/", {**FORM, "action": "draft"})
    assert response.status_code == 302
    page = only_spot()
    assert not page.live
    assert page.submitted_by == practitioner
    assert page.current_workflow_state is None
    listing = practitioner_client.get("/bright-spots/mine/").content.decode()
    assert FORM["title"] in listing
    assert "Draft" in listing


def test_draft_can_be_edited_then_submitted(practitioner_client):
    practitioner_client.post("/bright-spots/submit/", {**FORM, "action": "draft"})
    page = only_spot()
    edit = practitioner_client.get(f"/bright-spots/{page.pk}/edit/").content.decode()
    assert "Probation told the **housing** team" in edit
    practitioner_client.post(
        f"/bright-spots/{page.pk}/edit/", {**FORM, "title": "Kept the flat", "action": "submit"}
    )
    page.refresh_from_db()
    assert page.draft_title == "Kept the flat"
    assert submissions.status_of(page)[0] == submissions.SUBMITTED


def test_submitting_emails_forum_hosts(practitioner_client, forum_host):
    submit_new(practitioner_client)
    assert submissions.status_of(only_spot())[0] == submissions.SUBMITTED
    assert any(forum_host.email in m.to and "to moderate" in m.subject for m in mail.outbox)


# An id beyond 64 bits made SQLite raise OverflowError (a 500); a choice no record has is refused.
def test_a_ticked_principle_no_record_has_is_refused_and_nothing_is_saved(practitioner_client):
    response = submit_new(practitioner_client, principles="12345678901234567890")
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert FORM["title"] in response.text
    assert not BrightSpotPage.objects.exists()


@pytest.mark.parametrize("page_id", ["abc", "1.5", "", "12345678901234567890"])
def test_moderating_something_that_is_not_a_bright_spot_is_not_found(
    host_client, submitted, page_id
):
    response = host_client.post(
        "/bright-spots/moderate/", {"page": page_id, f"m{submitted.pk}-action": "approve"}
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert not submitted.live


def test_host_approves_and_page_is_published(practitioner_client, practitioner, host_client):
    submit_new(practitioner_client)
    page = only_spot()
    assert FORM["title"] in host_client.get("/bright-spots/moderate/").content.decode()
    mail.outbox.clear()
    moderate(host_client, page, "approve", "Lovely, thank you")
    assert page.live
    assert page.title == FORM["title"]
    assert submissions.status_of(page)[0] == submissions.PUBLISHED
    published = [m for m in mail.outbox if "is published" in m.subject]
    assert published and published[0].to == [practitioner.email]
    assert "Lovely, thank you" in published[0].body
    body = host_client.get(page.url).content.decode()
    assert "<strong>housing</strong>" in body


def test_request_changes_returns_to_submitter_with_comment(
    practitioner_client, practitioner, host_client, submitted
):
    page = submitted
    moderate(host_client, page, "request_changes", "Please say what the evidence was.")
    assert not page.live
    assert submissions.status_of(page)[0] == submissions.CHANGES_REQUESTED
    asked = [m for m in mail.outbox if "Changes asked for" in m.subject]
    assert asked and asked[0].to == [practitioner.email]
    assert "Please say what the evidence was." in asked[0].body
    listing = practitioner_client.get("/bright-spots/mine/").content.decode()
    assert "Please say what the evidence was." in listing
    assert "Edit and resubmit" in listing
    # The submitter edits and resubmits; the same workflow resumes with the host.
    practitioner_client.post(
        f"/bright-spots/{page.pk}/edit/",
        {**FORM, "evidence": "Tenancy kept; no rent arrears.", "action": "submit"},
    )
    page.refresh_from_db()
    assert submissions.status_of(page)[0] == submissions.SUBMITTED
    moderate(host_client, page, "approve")
    assert page.live
    assert page.evidence == "Tenancy kept; no rent arrears."


def test_decline_records_reason_and_ends_workflow(
    practitioner_client, practitioner, host_client, submitted
):
    page = submitted
    moderate(host_client, page, "decline", "This is a case record, not a Bright Spot.")
    assert not page.live
    assert page.current_workflow_state is None
    status, decision = submissions.status_of(page)
    assert status == submissions.DECLINED
    assert decision.comment == "This is a case record, not a Bright Spot."
    declined = [m for m in mail.outbox if "declined" in m.subject]
    assert declined and declined[0].to == [practitioner.email]
    assert "case record" in declined[0].body
    # A declined Bright Spot cannot be edited from the front end.
    response = practitioner_client.get(f"/bright-spots/{page.pk}/edit/")
    assert response.status_code == 302


def test_changes_and_decline_need_a_comment(practitioner_client, host_client):
    submit_new(practitioner_client)
    page = only_spot()
    response = moderate(host_client, page, "decline", "")
    assert response.status_code == 200
    assert "Say what to change, or why you are declining" in response.content.decode()
    assert submissions.status_of(page)[0] == submissions.SUBMITTED


def test_practitioner_cannot_moderate(practitioner_client, practitioner):
    submit_new(practitioner_client)
    page = only_spot()
    assert practitioner_client.get("/bright-spots/moderate/").status_code == 403
    assert moderate(practitioner_client, page, "approve").status_code == 403
    with pytest.raises(PermissionError):
        submissions.moderate(page, practitioner, "approve")
    page.refresh_from_db()
    assert not page.live


def test_workflow_actions_offered_in_admin_only_to_hosts(
    practitioner_client, practitioner, forum_host
):
    submit_new(practitioner_client)
    page = only_spot()
    task = page.current_workflow_task
    assert [name for name, *_ in task.get_actions(page, forum_host)] == [
        "request_changes",
        "decline",
        "approve",
    ]
    assert task.get_actions(page, practitioner) == []


def test_other_people_cannot_edit_someone_elses_submission(practitioner_client, host_client):
    practitioner_client.post("/bright-spots/submit/", {**FORM, "action": "draft"})
    assert host_client.get(f"/bright-spots/{only_spot().pk}/edit/").status_code == 404


def test_decisions_are_logged_in_order(practitioner_client, host_client):
    submit_new(practitioner_client)
    page = only_spot()
    moderate(host_client, page, "request_changes", "More detail please.")
    actions = list(page.decisions.order_by("created_at", "pk").values_list("action", flat=True))
    assert actions == [
        ModerationDecision.Action.SUBMITTED,
        ModerationDecision.Action.CHANGES_REQUESTED,
    ]


def test_host_can_moderate_in_the_wagtail_admin(practitioner_client, practitioner, host_client):
    from django.urls import reverse

    submit_new(practitioner_client)
    page = only_spot()
    assert host_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    task_state = page.current_workflow_task_state
    mail.outbox.clear()
    response = host_client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "request_changes", task_state.pk)
        ),
        {"comment": "Add the evidence, please."},
    )
    assert response.status_code in (200, 302)
    assert submissions.status_of(page)[0] == submissions.CHANGES_REQUESTED
    assert any("Add the evidence, please." in m.body for m in mail.outbox)
    assert practitioner_client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)


def test_one_email_per_step_for_bright_spots(practitioner, host_client, submitted):
    moderate(host_client, submitted, "request_changes", "More, please.")
    assert [m.subject for m in mail.outbox if practitioner.email in m.to] == [
        f"Changes asked for: {FORM['title']}"
    ]


def test_wagtail_workflow_emails_still_go_for_other_pages():
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import WorkflowState

    from brightspots.notifications import _unless_bright_spot
    from home.models import HomePage

    calls = []
    receiver = _unless_bright_spot(lambda instance=None, **kwargs: calls.append(instance))
    home_state = WorkflowState(content_type=ContentType.objects.get_for_model(HomePage))
    spot_state = WorkflowState(content_type=ContentType.objects.get_for_model(BrightSpotPage))
    receiver(sender=WorkflowState, instance=home_state)
    receiver(sender=WorkflowState, instance=spot_state)
    assert calls == [home_state]


def test_host_comment_with_an_identifier_is_refused_and_kept(practitioner_client, host_client):
    submit_new(practitioner_client)
    page = only_spot()
    mail.outbox.clear()
    comment = "Ask Mrs Jones on 07700 900123 what she thinks."
    response = moderate(host_client, page, "request_changes", comment)
    html = response.content.decode()
    assert response.status_code == 200
    assert "phone number" in html
    assert "Say what to change" not in html  # the comment is there, only refused
    assert "what she thinks.</textarea>" in html
    assert submissions.status_of(page)[0] == submissions.SUBMITTED
    assert mail.outbox == []


def test_admin_workflow_comment_runs_the_privacy_guard():
    from brightspots.models.moderation import ReasonForm

    form = ReasonForm({"comment": "Ring the duty desk on 0191 498 0000 first."})
    assert not form.is_valid()
    assert "phone number" in form.errors["comment"][0]
    assert ReasonForm({"comment": "Say which services took part."}).is_valid()


def test_host_previews_a_submission_in_full_and_decides_there(
    practitioner_client, host_client, forum_host
):
    submit_new(practitioner_client)
    page = only_spot()
    queue = host_client.get("/bright-spots/moderate/").content.decode()
    preview_url = f"/bright-spots/moderate/{page.pk}/"
    assert f'href="{preview_url}"' in queue
    assert "/edit/preview/" not in queue

    response = host_client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview not available" not in html
    assert "Not published" in html
    assert "<strong>housing</strong>" in html  # the full write-up, rendered as it will read
    assert "Any tenancy-sustainment service." in html

    response = host_client.post(preview_url, {f"m{page.pk}-action": "decline"})
    assert response.status_code == 200
    assert "Say what to change, or why you are declining" in response.content.decode()
    assert not only_spot().live

    response = host_client.post(preview_url, {f"m{page.pk}-action": "approve"})
    assert response.status_code == 302
    assert only_spot().live
    assert host_client.get(preview_url).status_code == 404  # no longer waiting


def test_only_hosts_preview_submissions(practitioner_client, leader):
    submit_new(practitioner_client)
    page = only_spot()
    assert practitioner_client.get(f"/bright-spots/moderate/{page.pk}/").status_code == 403
    practitioner_client.force_login(leader)
    assert practitioner_client.get(f"/bright-spots/moderate/{page.pk}/").status_code == 403
