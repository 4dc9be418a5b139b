"""A participant's journey makes as many queries with 3n touchpoints as with n (#16)."""

from stories.factories import TouchpointFactory


def test_journey_queries_do_not_grow_with_touchpoints(
    client, team_member, participant, page_queries
):
    client.force_login(team_member)
    url = f"/case-learning/participants/{participant.pk}/"
    TouchpointFactory.create_batch(3, participant=participant)
    before = page_queries(client, url)
    TouchpointFactory.create_batch(6, participant=participant)
    assert page_queries(client, url) == before
