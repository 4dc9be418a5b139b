import re

from wagtail.search import index
from wagtail.search.backends import get_search_backend

import pytest

from barriers.models import Barrier
from stories.factories import CohortSummaryFactory, ParticipantFactory, TouchpointFactory
from stories.models import CohortSummary, Participant, Touchpoint, TouchpointBarrier
from stories.models.participants import PSEUDONYM_ALPHABET, generate_pseudonym
from taxonomy.models import BarrierTheme

from .conftest import JOURNEY_WORD

CODE_RE = re.compile(rf"^WA-[{PSEUDONYM_ALPHABET}]{{4}}$")


def test_pseudonym_codes_are_generated_in_the_expected_format(cohort):
    participant = ParticipantFactory(cohort=cohort)
    assert CODE_RE.match(participant.code)
    assert not set("01OILUV") & set(participant.code[3:])


def test_pseudonym_codes_are_unique(cohort):
    codes = {ParticipantFactory(cohort=cohort).code for _ in range(40)}
    assert len(codes) == 40


def test_generate_pseudonym_skips_codes_in_use(cohort, monkeypatch):
    taken = ParticipantFactory(cohort=cohort).code
    picks = iter(taken[3:] + "HJKM")
    monkeypatch.setattr("stories.models.participants.secrets.choice", lambda _: next(picks))
    assert generate_pseudonym() == "WA-HJKM"


def test_pseudonym_is_kept_on_later_saves(participant):
    code = participant.code
    participant.alias = "Sky"
    participant.save()
    participant.refresh_from_db()
    assert participant.code == code
    assert participant.display_name == f"{code} (Sky)"


def test_participants_and_touchpoints_are_never_indexed():
    assert not issubclass(Participant, index.Indexed)
    assert not issubclass(Touchpoint, index.Indexed)
    assert issubclass(CohortSummary, index.Indexed)


def test_summary_search_never_finds_journey_words(touchpoint, summary):
    summary.published = True
    summary.save()
    backend = get_search_backend()
    assert list(backend.search(JOURNEY_WORD, CohortSummary)) == []
    assert list(backend.search("Riverside", CohortSummary)) == [summary]


def test_unpublished_summaries_leave_the_search_index(summary):
    summary.published = True
    summary.save()
    backend = get_search_backend()
    assert list(backend.search("Riverside", CohortSummary)) == [summary]
    summary.published = False
    summary.save()
    assert list(backend.search("Riverside", CohortSummary)) == []
    assert summary.published_at is None


def test_summary_figures_are_counts_only(participant, touchpoint, summary):
    theme = BarrierTheme.objects.get(name="Referral bounced between services")
    barrier = Barrier.objects.create(title="GP referral loop")
    barrier.themes.add(theme)
    TouchpointBarrier.objects.create(touchpoint=touchpoint, barrier=barrier)
    TouchpointFactory(participant=participant, agency=touchpoint.agency, outcome="helped")
    TouchpointFactory(
        participant=ParticipantFactory(cohort=participant.cohort), agency=None, service="Café"
    )
    figures = summary.figures()
    assert figures["participants"] == 2
    assert figures["touchpoints"] == 3
    assert figures["outcomes"] == {"helped": 1, "neutral": 1, "snagged": 1}
    assert figures["snags_by_theme"] == [
        {"barrier_links__barrier__themes__name": theme.name, "snags": 1}
    ]
    by_agency = {row["agency__name"]: row for row in figures["by_agency"]}
    assert by_agency[touchpoint.agency.name]["snagged"] == 1
    assert by_agency[touchpoint.agency.name]["helped"] == 1
    assert by_agency[None]["total"] == 1
    assert "Café" not in str(figures)
    assert participant.code not in str(figures)


def test_summary_area_follows_the_cohort(cohort):
    summary = CohortSummaryFactory(cohort=cohort)
    assert summary.area == cohort.area


def test_a_touchpoint_needs_an_agency_or_a_service(participant):
    touchpoint = TouchpointFactory.build(participant=participant, agency=None, service="")
    with pytest.raises(Exception, match="Choose the agency"):
        touchpoint.full_clean()


def test_cohort_end_cannot_come_before_its_start(cohort):
    cohort.ends_on = cohort.starts_on.replace(year=cohort.starts_on.year - 1)
    with pytest.raises(Exception, match="on or after the start date"):
        cohort.full_clean()


def test_team_search_matches_every_word(touchpoint):
    matches = Touchpoint.objects.matching(f"{JOURNEY_WORD} referral")
    assert list(matches) == [touchpoint]
    assert not Touchpoint.objects.matching(f"{JOURNEY_WORD} absent-word").exists()
