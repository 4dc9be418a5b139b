import io
import json

from django.core.management import call_command

import pytest

from search.evaluation import CORPUS

pytestmark = pytest.mark.django_db


def export(tmp_path, name):
    path = tmp_path / name
    call_command("export_learning", str(path), stdout=io.StringIO())
    return path.read_bytes()


def wipe():
    from barriers.models import Barrier
    from brightspots.models import BrightSpotPage
    from reviews.models import Review
    from search.models import LearningRecord

    for page in BrightSpotPage.objects.all():
        page.delete()
    Barrier.objects.all().delete()
    Review.objects.all().delete()
    assert not LearningRecord.objects.exists()


def test_export_is_sorted_by_type_then_id(tmp_path, corpus):
    rows = [json.loads(line) for line in export(tmp_path, "a.jsonl").decode().splitlines()]
    keys = [(row["type"], row["id"]) for row in rows]
    assert keys == sorted(keys)
    assert len(rows) == 60


def test_round_trip_is_byte_identical(tmp_path, corpus):
    first = export(tmp_path, "first.jsonl")
    assert first == CORPUS.read_bytes()
    wipe()
    call_command("import_learning", str(tmp_path / "first.jsonl"), stdout=io.StringIO())
    second = export(tmp_path, "second.jsonl")
    assert second == first


def test_export_holds_published_records_unless_a_moderator_asks_for_drafts(
    tmp_path, forum_host, practitioner
):
    from django.core.management import CommandError

    from brightspots.factories import BrightSpotPageFactory

    BrightSpotPageFactory(title="Published one", external_id="bs-live")
    BrightSpotPageFactory(title="Never moderated", external_id="bs-draft", live=False)

    published = export(tmp_path, "published.jsonl").decode()
    assert "bs-live" in published
    assert "bs-draft" not in published

    path = tmp_path / "drafts.jsonl"
    with pytest.raises(CommandError, match="only forum hosts and administrators"):
        call_command(
            "export_learning", str(path), "--include-drafts", "--user", practitioner.username
        )
    with pytest.raises(CommandError, match="needs --user"):
        call_command("export_learning", str(path), "--include-drafts")
    call_command(
        "export_learning",
        str(path),
        "--include-drafts",
        "--user",
        forum_host.username,
        stdout=io.StringIO(),
    )
    assert "bs-draft" in path.read_text()
