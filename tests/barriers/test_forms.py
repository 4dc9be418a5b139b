import datetime

from django.utils import timezone

import pytest

from barriers.factories import BarrierFactory
from barriers.forms import BarrierForm, LogSnagForm, MergeForm, blameless_hints

pytestmark = pytest.mark.django_db


def test_resolved_requires_a_resolution_note(barrier_edit_data):
    barrier = BarrierFactory()
    form = BarrierForm(barrier_edit_data(barrier, status="resolved"), instance=barrier)
    assert not form.is_valid()
    assert form.errors["resolution_note"] == [
        "Say how the barrier was resolved before marking it resolved."
    ]
    form = BarrierForm(
        barrier_edit_data(
            barrier, status="resolved", resolution_note="Ward now refers before discharge"
        ),
        instance=barrier,
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(("level", "days"), [("operational", 14), ("strategic", 28)])
def test_escalation_without_a_date_gets_the_default_response_due(level, days, barrier_edit_data):
    barrier = BarrierFactory()
    form = BarrierForm(barrier_edit_data(barrier, escalation_level=level), instance=barrier)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["response_due"] == timezone.localdate() + datetime.timedelta(days)


def test_escalation_keeps_a_chosen_response_date(barrier_edit_data):
    barrier = BarrierFactory()
    due = timezone.localdate() + datetime.timedelta(days=3)
    form = BarrierForm(
        barrier_edit_data(barrier, escalation_level="strategic", response_due=due.isoformat()),
        instance=barrier,
    )
    assert form.is_valid()
    assert form.cleaned_data["response_due"] == due


def test_privacy_guard_blocks_identifiers_in_every_text_field(barrier_edit_data):
    barrier = BarrierFactory()
    form = BarrierForm(
        barrier_edit_data(
            barrier, description="Ring 07700 900123 to chase", permission_granted="Mr Jones"
        ),
        instance=barrier,
    )
    assert not form.is_valid()
    assert "description" in form.errors
    assert "permission_granted" in form.errors


def test_blameless_hint_does_not_block():
    form = LogSnagForm(
        {
            "title": "Nurse Patel refuses referrals from outreach",
            "level": "service",
            "date": timezone.localdate().isoformat(),
        }
    )
    assert form.is_valid(), form.errors
    hints = form.label_hints["title"]
    assert hints[0].text == "Nurse Patel"
    assert "never individual staff" in hints[0].suggestion


def test_blameless_hints_ignore_services():
    assert blameless_hints("The duty team at Housing Options closed the case") == []


@pytest.mark.parametrize(
    "text",
    [
        "GP Surgery will not register without an address",
        "Nurse Practitioner clinic closed on Fridays",
        "Key Worker Scheme ends at 18",
        "Probation Officer Team will not share risk information",
        "Discharged from Dr Gray's Hospital late at night",
    ],
)
def test_blameless_hints_ignore_roles_that_name_a_service(text):
    assert blameless_hints(text) == []


def test_blameless_hints_find_each_named_member_of_staff():
    hints = blameless_hints("Dr Jones and Probation Officer Smith disagreed")
    assert [hint.text for hint in hints] == ["Dr Jones", "Officer Smith"]


def test_log_form_rejects_a_future_date():
    form = LogSnagForm(
        {
            "title": "No interpreter at assessment",
            "level": "service",
            "date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
        }
    )
    assert not form.is_valid()
    assert form.errors["date"] == ["The date cannot be in the future."]


def test_merge_form_explains_bad_targets():
    barrier = BarrierFactory()
    merged = BarrierFactory(merged_into=BarrierFactory())
    assert MergeForm({"target": barrier.pk, "confirm": "on"}, duplicate=barrier).errors[
        "target"
    ] == ["Choose a different barrier: it cannot merge into itself."]
    errors = MergeForm({"target": merged.pk, "confirm": "on"}, duplicate=barrier).errors
    assert "merge into that one instead" in errors["target"][0]
    assert "confirm" in MergeForm({"target": merged.merged_into_id}, duplicate=barrier).errors
