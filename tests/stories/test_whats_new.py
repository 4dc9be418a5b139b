from home.models import whats_new
from stories import whats_new as stories_whats_new

from .conftest import JOURNEY_WORD


def test_only_published_summaries_appear(practitioner, touchpoint, summary):
    assert stories_whats_new.items(practitioner, 5)["items"] == []
    summary.published = True
    summary.save()
    section = stories_whats_new.items(practitioner, 5)
    assert section["items"] == [
        {
            "title": summary.title,
            "url": summary.get_absolute_url(),
            "meta": f"{summary.area.name} · published {summary.published_at:%d %b %Y}",
        }
    ]


def test_home_page_whats_new_never_shows_participant_data(
    case_team_member, practitioner, touchpoint, summary
):
    summary.published = True
    summary.save()
    participant = touchpoint.participant
    for user in (case_team_member, practitioner):
        shown = str(whats_new(user, limit=20))
        assert summary.title in shown
        for secret in (participant.code, participant.alias, JOURNEY_WORD, "participants/"):
            assert secret not in shown
