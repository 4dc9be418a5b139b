"""The privacy guard runs on every free-text field of every case learning form."""

import pytest

from stories.forms import CohortForm, CohortSummaryForm, ParticipantForm, TouchpointForm

IDENTIFIER = "Seen by Mr Smith, call 0191 496 0000"


def cohort_form(cohort, field):
    data = {"name": "Cohort two", "status": "planning", field: IDENTIFIER}
    return CohortForm(data)


def participant_form(cohort, field):
    data = {
        "consent_status": "pending",
        "involvement": "reviewer",
        "has_expert_by_relationship": "on",
        field: IDENTIFIER,
    }
    return ParticipantForm(data, cohort=cohort)


def touchpoint_form(cohort, field):
    data = {"date": "2026-03-01", "service": "Café", "kind": "outreach", "outcome": "helped"}
    data[field] = IDENTIFIER
    return TouchpointForm(data)


def summary_form(cohort, field):
    data = {"title": "What we learned", field: IDENTIFIER}
    return CohortSummaryForm(data)


TEXT_FIELDS = [
    (cohort_form, "name"),
    (participant_form, "alias"),
    (participant_form, "expert_by_relationship_role"),
    (touchpoint_form, "service"),
    (touchpoint_form, "what_happened"),
    (touchpoint_form, "persons_view"),
    (touchpoint_form, "learning_note"),
    (summary_form, "title"),
    (summary_form, "summary"),
]


@pytest.mark.parametrize(("build", "field"), TEXT_FIELDS, ids=[f for _, f in TEXT_FIELDS])
def test_privacy_guard_blocks_identifiers_in_every_text_field(cohort, build, field):
    form = build(cohort, field)
    assert not form.is_valid()
    messages = " ".join(form.errors[field])
    assert "Remove the" in messages
    # What the writer typed is kept for them to correct.
    assert form[field].value() == IDENTIFIER


def test_forms_cover_every_text_field_of_the_models():
    """A new text field on a model must be added to TEXT_FIELDS above."""
    from django.db import models as dj

    from stories.models import Cohort, CohortSummary, Participant, Touchpoint

    guarded = {(f.__name__.removesuffix("_form"), name) for f, name in TEXT_FIELDS}
    forms_for = {
        Cohort: ("cohort", CohortForm),
        Participant: ("participant", ParticipantForm),
        Touchpoint: ("touchpoint", TouchpointForm),
        CohortSummary: ("summary", CohortSummaryForm),
    }
    for model, (prefix, form_class) in forms_for.items():
        for field in model._meta.get_fields():
            free_text = isinstance(field, dj.CharField | dj.TextField) and not field.choices
            if free_text and field.editable and field.name in form_class.base_fields:
                assert (prefix, field.name) in guarded, f"{model.__name__}.{field.name}"


def test_clean_text_passes_and_labels_only_hint(cohort):
    form = TouchpointForm(
        {
            "date": "2026-03-01",
            "service": "Outreach café",
            "kind": "outreach",
            "outcome": "helped",
            "what_happened": "They were called a non-engager by the letter, but came every week.",
        }
    )
    assert form.is_valid(), form.errors
    assert "what_happened" in form.label_hints


def test_touchpoint_needs_an_agency_or_a_service(cohort):
    form = TouchpointForm({"date": "2026-03-01", "kind": "outreach", "outcome": "helped"})
    assert not form.is_valid()
    assert "Choose the agency" in str(form.errors["agency"])


def test_consent_given_needs_a_date(cohort):
    form = ParticipantForm({"consent_status": "given", "involvement": "reviewer"}, cohort=cohort)
    assert not form.is_valid()
    assert "Enter the date the person gave consent" in str(form.errors["consent_date"])


def test_withdrawn_is_not_a_choice_in_the_participant_form(cohort):
    form = ParticipantForm(
        {"consent_status": "withdrawn", "involvement": "reviewer"}, cohort=cohort
    )
    assert not form.is_valid()
    assert "consent_status" in form.errors


def test_relationship_role_needs_the_box_ticked(cohort):
    form = ParticipantForm(
        {
            "consent_status": "pending",
            "involvement": "reviewer",
            "expert_by_relationship_role": "sister",
        },
        cohort=cohort,
    )
    assert not form.is_valid()
    assert "has_expert_by_relationship" in form.errors


def test_lead_practitioner_must_be_on_the_team(cohort, team_member, practitioner):
    base = {"consent_status": "pending", "involvement": "reviewer"}
    assert ParticipantForm({**base, "lead_practitioner": team_member.pk}, cohort=cohort).is_valid()
    outsider = ParticipantForm({**base, "lead_practitioner": practitioner.pk}, cohort=cohort)
    assert not outsider.is_valid()
    assert "lead_practitioner" in outsider.errors


ALIAS_NOTE = "Sam said the hostel felt safer this time; Sam's worker stayed for the assessment."


def touchpoint_data(**narrative):
    data = {"date": "2026-03-01", "service": "Street outreach", "kind": "outreach"}
    return {**data, "outcome": "helped", **narrative}


@pytest.mark.django_db
def test_a_participants_alias_may_be_used_in_their_own_touchpoints():
    from stories.factories import ParticipantFactory, TouchpointFactory

    sam = ParticipantFactory(alias="Sam")
    form = TouchpointForm(touchpoint_data(what_happened=ALIAS_NOTE), participant=sam)
    assert form.is_valid(), form.errors
    # The save guard agrees, so editing it later and every other path keep working.
    touchpoint = TouchpointFactory(participant=sam, what_happened=ALIAS_NOTE)
    edit = TouchpointForm(touchpoint_data(learning_note=ALIAS_NOTE), instance=touchpoint)
    assert edit.is_valid(), edit.errors


@pytest.mark.django_db
def test_an_alias_is_still_a_name_in_anyone_elses_touchpoints_and_real_names_are_refused():
    from django.core.exceptions import ValidationError

    from stories.factories import ParticipantFactory, TouchpointFactory

    ParticipantFactory(alias="Sam")
    jo = ParticipantFactory(alias="Jo")
    form = TouchpointForm(touchpoint_data(what_happened=ALIAS_NOTE), participant=jo)
    assert not form.is_valid()
    assert "“Sam”" in str(form.errors["what_happened"])
    full_name = TouchpointForm(
        touchpoint_data(what_happened="Jo said Mr Harrison from the hostel helped."),
        participant=jo,
    )
    assert "Harrison" in str(full_name.errors["what_happened"])
    with pytest.raises(ValidationError):
        TouchpointFactory(participant=jo, what_happened=ALIAS_NOTE)
