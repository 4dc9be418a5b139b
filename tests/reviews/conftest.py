from django.urls import reverse

import pytest

from reviews.factories import ReviewFactory

from .helpers import form_data


@pytest.fixture
def draft_review(facilitator):
    return ReviewFactory(
        facilitator=facilitator,
        title="Discharge with nowhere to stay",
        questions=["What did we expect to happen?", "What actually happened?"],
    )


@pytest.fixture
def post_run(client, facilitator, draft_review):
    """Post the draft review's run page as its facilitator: the form as the page shows it, with
    `fields` changed (`{"action": "save"}` and the like)."""
    client.force_login(facilitator)
    url = reverse("reviews:run", args=[draft_review.pk])

    def post(fields, follow=False):
        return client.post(url, form_data(client.get(url), **fields), follow=follow)

    return post
