"""The streamed import (`import_file`): checked whole first, written in batches, one transaction."""

import gc
import io
import json
import os
import time

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


def exported_then_emptied(importer):
    """The corpus imported by `importer`, exported; then every record removed again. Returns
    (the export's lines, the number of shared search records)."""
    importer(io.StringIO(corpus_text()))
    lines, records = list(export_lines(include_drafts=True)), LearningRecord.objects.count()
    Barrier.objects.all().delete()
    BrightSpotPage.objects.all().delete()
    LearningRecord.objects.all().delete()
    return lines, records


def test_streamed_in_small_batches_gives_what_a_whole_file_import_gives(monkeypatch):
    whole, records = exported_then_emptied(import_lines)

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


def test_an_import_leaves_the_garbage_collector_as_it_found_it():
    """The import pauses the collector for what the process held (common.garbage): a server or
    a command that goes on afterwards gets it back as it was, after a refused file too."""
    threshold = gc.get_threshold()
    import_file(io.StringIO(corpus_text()))
    with pytest.raises(ImportFailed):
        import_file(io.StringIO('{"type": "barrier"}\n'))
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0


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


# Checked aside: a file on disk is checked in a second process while it is written.


@pytest.fixture
def aside(monkeypatch):
    """Every file on disk is checked aside (the real threshold is about a thousand records)."""
    monkeypatch.setattr(interchange, "CHECK_ASIDE_BYTES", 0)
    monkeypatch.setattr(interchange, "STREAM_BATCH", 7)
    started = []
    start = interchange.CheckAside.start.__func__

    def counted(cls, handle, validator):
        checking = start(cls, handle, validator)
        started.append(checking)
        return checking

    monkeypatch.setattr(interchange.CheckAside, "start", classmethod(counted))
    return started


def imported(path):
    with open(path, encoding="utf-8") as handle:
        return import_file(handle)


def test_a_file_checked_aside_gives_what_a_file_checked_first_gives(tmp_path, aside):
    first, records = exported_then_emptied(import_file)
    path = tmp_path / "learning.jsonl"
    path.write_text(corpus_text(), encoding="utf-8")

    summary = imported(path)

    assert len(aside) == 2 and aside[0] is None and aside[1] is not None
    assert summary["records"] == 60 and summary["source_index"] is True
    assert summary["bright_spot"] == (25, 0) and summary["barrier"] == (25, 0)
    assert list(export_lines(include_drafts=True)) == first
    assert LearningRecord.objects.count() == records


def _with_line_after(lines, position, line):
    return "\n".join([*lines[:position], json.dumps(line), *lines[position:]]) + "\n"


@pytest.mark.parametrize("position", [3, 59])
def test_a_line_the_check_aside_refuses_writes_nothing(tmp_path, aside, position):
    """A phone number passes the model, so its batch is written before the check says no."""
    path = tmp_path / "learning.jsonl"
    bad = {"id": "bs-bad", "type": "bright_spot", "title": "Call 07700 900123"}
    path.write_text(_with_line_after(corpus_text().splitlines(), position, bad), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        imported(path)
    assert [(p.line, p.field) for p in failed.value.problems] == [(position + 1, "title")]
    assert not BrightSpotPage.objects.exists() and not LearningRecord.objects.exists()
    assert not Barrier.objects.exists()


def test_a_line_no_model_accepts_stops_the_write_with_every_problem_listed(tmp_path, aside):
    lines = corpus_text().splitlines()
    lines[10] = json.dumps({"id": "x-1", "type": "poster", "title": "Drop-in"})
    lines[20] = json.dumps({"id": "x-2", "type": {"kind": "barrier"}, "title": "Drop-in"})
    lines[40] = json.dumps({"id": "bs-bad", "type": "bright_spot", "title": "Ring Ann Smith"})
    path = tmp_path / "learning.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        imported(path)
    assert [(p.line, p.field) for p in failed.value.problems] == [
        (11, "type"),
        (21, "type"),
        (41, "title"),
    ]
    assert not BrightSpotPage.objects.exists() and not Barrier.objects.exists()


def test_when_the_check_aside_fails_the_file_is_checked_here(tmp_path, aside, monkeypatch):
    """The second process shares this one's database connections: a query there is refused,
    so that check fails and the importer checks the file itself."""
    validate = interchange.Validator.validate

    def querying(self, line, data):
        BrightSpotPage.objects.exists()
        return validate(self, line, data)

    path = tmp_path / "learning.jsonl"
    path.write_text(corpus_text(), encoding="utf-8")
    monkeypatch.setattr(interchange.Validator, "validate", querying)
    warnings = []
    monkeypatch.setattr(interchange.logger, "warning", lambda *args: warnings.append(args))

    summary = imported(path)

    assert summary["records"] == 60 and BrightSpotPage.objects.count() == 25
    assert "no query there" in warnings[0][1]


def test_a_check_aside_that_ends_without_an_answer_is_done_here(tmp_path, aside, monkeypatch):
    path = tmp_path / "learning.jsonl"
    bad = {"id": "bs-bad", "type": "bright_spot", "title": "Call 07700 900123"}
    path.write_text(_with_line_after(corpus_text().splitlines(), 59, bad), encoding="utf-8")
    monkeypatch.setattr(interchange, "_check_aside", lambda *args: os._exit(1))
    with pytest.raises(ImportFailed) as failed:
        imported(path)
    assert [p.line for p in failed.value.problems] == [60]
    assert not BrightSpotPage.objects.exists()


def test_a_check_aside_that_never_answers_is_stopped_and_done_here(tmp_path, aside, monkeypatch):
    path = tmp_path / "learning.jsonl"
    path.write_text(corpus_text(), encoding="utf-8")
    monkeypatch.setattr(interchange, "CHECK_ASIDE_PATIENCE", 0.5)
    monkeypatch.setattr(interchange, "_check_aside", lambda *args: time.sleep(600))
    started = time.monotonic()
    summary = imported(path)
    assert summary["records"] == 60 and BrightSpotPage.objects.count() == 25
    assert time.monotonic() - started < 60
    assert not aside[0]._process.is_alive()
