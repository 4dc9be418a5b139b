import pytest

from people import roles
from people.factories import UserFactory
from stories.factories import (
    CohortFactory,
    CohortSummaryFactory,
    ParticipantFactory,
    TouchpointFactory,
)
from stories.models import Touchpoint

# Words that appear only in the journey, so a leak anywhere is easy to spot.
JOURNEY_WORD = "zephyrine"
OWN_WORDS = "nobody rang me back quillwort"
LEARNING_WORD = "marrowfat"
# The participant's alias: like the words above, nothing generated (a Faker name, a sequence)
# can contain it, so "not on the page" cannot fail because a user happens to be called Robinson.
ALIAS = "Quillane"
SENTINELS = (JOURNEY_WORD, OWN_WORDS, OWN_WORDS.split()[-1], LEARNING_WORD, ALIAS)


@pytest.fixture
def team_member(db):
    """A practitioner with no case learning role who is on the cohort's team."""
    return UserFactory(username="teamlead", roles=[roles.PRACTITIONER])


@pytest.fixture
def cohort(team_member):
    return CohortFactory(name="Riverside cohort", team=[team_member])


@pytest.fixture
def participant(cohort, team_member):
    return ParticipantFactory(cohort=cohort, alias=ALIAS, lead_practitioner=team_member)


@pytest.fixture
def touchpoint(participant):
    return TouchpointFactory(
        participant=participant,
        kind=Touchpoint.Kind.REFERRAL,
        outcome=Touchpoint.Outcome.SNAGGED,
        what_happened=f"Referral bounced back to the GP practice {JOURNEY_WORD}.",
        persons_view=OWN_WORDS,
        learning_note=f"Nobody owned the first appointment {LEARNING_WORD}.",
    )


@pytest.fixture
def summary(cohort):
    return CohortSummaryFactory(cohort=cohort, title="What Riverside learned")


@pytest.fixture
def team_client(client, team_member):
    client.force_login(team_member)
    return client
