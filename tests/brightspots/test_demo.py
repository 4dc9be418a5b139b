from django.utils import timezone

import pytest

from brightspots import demo
from brightspots.models import BrightSpotPage, ForumSessionPage, Registration
from brightspots.submissions import CHANGES_REQUESTED, DRAFT, SUBMITTED, status_of

pytestmark = pytest.mark.django_db


def test_seed_creates_a_year_of_sessions_with_agendas_and_is_idempotent(seed_demo):
    seed_demo(demo, demo)
    sessions = ForumSessionPage.objects.live()
    assert sessions.count() == 12
    assert sessions.past().exists() and sessions.upcoming().exists()
    assert sessions.filter(agenda_items__isnull=False).distinct().count() >= 8
    assert BrightSpotPage.objects.live().count() == len(demo.SPOTS)
    drafts = {p.slug: status_of(p)[0] for p in BrightSpotPage.objects.filter(live=False)}
    assert sorted(drafts.values()) == sorted([DRAFT, SUBMITTED, CHANGES_REQUESTED])
    assert Registration.objects.filter(session__starts_at__lt=timezone.now()).exists()
