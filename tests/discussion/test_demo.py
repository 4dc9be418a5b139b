from io import StringIO

import pytest

from discussion import demo
from discussion.models import Comment

pytestmark = pytest.mark.django_db


def test_seed_adds_threads_once_and_is_idempotent(
    barrier, practitioner, forum_host, facilitator, case_team_member, leader
):
    demo.seed(StringIO())
    first = Comment.objects.count()
    demo.seed(StringIO())

    assert first > 0
    assert Comment.objects.count() == first
    thread = list(Comment.objects.for_object(barrier))
    assert any(c.parent_id for c in thread), "a reply shows the one level of replies"
    hidden = [c for c in thread if c.is_hidden]
    assert len(hidden) == 1
    assert hidden[0].revisions.get().body == hidden[0].body


def test_seed_without_anything_to_discuss_says_so():
    out = StringIO()
    demo.seed(out)
    assert "no demo comments added" in out.getvalue()
    assert not Comment.objects.exists()
