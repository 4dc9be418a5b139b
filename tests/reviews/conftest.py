import pytest

from reviews.factories import ReviewFactory


@pytest.fixture
def draft_review(facilitator):
    return ReviewFactory(
        facilitator=facilitator,
        title="Discharge with nowhere to stay",
        questions=["What did we expect to happen?", "What actually happened?"],
    )
