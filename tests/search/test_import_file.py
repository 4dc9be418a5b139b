"""The streamed import (`import_file`): checked whole first, written in batches, one transaction."""

import io
import json

import pytest

from barriers.models import Barrier, BarrierEvent, Occurrence
from brightspots.models import BrightSpotIndexPage, BrightSpotPage
from search import interchange
from search.evaluation import CORPUS
from search.interchange import ImportFailed, export_lines, import_file, import_lines
from search.models import LearningRecord

pytestmark = pytest.mark.django_db


def corpus_text():
    return CORPUS.read_text(encoding="utf-8")


def test_streamed_in_small_batches_gives_what_a_whole_file_import_gives(monkeypatch):
    import_lines(io.StringIO(corpus_text()))
    whole = list(export_lines(include_drafts=True))
    records = LearningRecord.objects.count()
    Barrier.objects.all().delete()
    BrightSpotPage.objects.all().delete()
    LearningRecord.objects.all().delete()

    monkeypatch.setattr(interchange, "STREAM_BATCH", 7)
    summary = import_file(io.StringIO(corpus_text()))

    assert summary["records"] == 60
    assert summary["bright_spot"] == (25, 0) and summary["barrier"] == (25, 0)
    assert list(export_lines(include_drafts=True)) == whole
    assert LearningRecord.objects.count() == records
    # The pages written in bulk sit in the tree as pages saved one by one would.
    index = BrightSpotIndexPage.objects.get()
    assert index.numchild == 25
    assert set(index.get_children().specific().values_list("title", flat=True)) == set(
        BrightSpotPage.objects.values_list("title", flat=True)
    )
    page = BrightSpotPage.objects.live().first()
    assert page.url_path.startswith(index.url_path) and page.get_parent().pk == index.pk
    assert BarrierEvent.objects.filter(kind="created").count() == 25


def test_a_second_streamed_import_updates_rather_than_duplicates():
    import_file(io.StringIO(corpus_text()))
    summary = import_file(io.StringIO(corpus_text()))
    assert summary["bright_spot"] == (0, 25) and summary["barrier"] == (0, 25)
    assert BrightSpotPage.objects.count() == 25
    assert Occurrence.objects.filter(barrier__external_id="bar-001").count() == 2


def test_a_bad_line_anywhere_writes_nothing(monkeypatch):
    monkeypatch.setattr(interchange, "STREAM_BATCH", 5)
    lines = corpus_text().splitlines()
    lines.append(json.dumps({"id": "bs-bad", "type": "bright_spot", "title": "Call 07700 900123"}))
    with pytest.raises(ImportFailed) as failed:
        import_file(io.StringIO("\n".join(lines) + "\n"))
    assert [p.line for p in failed.value.problems] == [len(lines)]
    assert not BrightSpotPage.objects.exists() and not LearningRecord.objects.exists()


class ChangingFile(io.StringIO):
    """A file someone edits between the check and the write."""

    def seek(self, position, whence=0):
        edited = self.getvalue().replace("Peer", "Pear", 1)
        self.__init__(edited)
        return super().seek(position, whence)


def test_a_file_changed_during_the_import_is_rolled_back():
    with pytest.raises(ImportFailed, match="1 problem"):
        import_file(ChangingFile(corpus_text()))
    assert not Barrier.objects.exists() and not LearningRecord.objects.exists()
