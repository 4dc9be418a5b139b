from types import SimpleNamespace

import pytest

from search.factories import make_bright_spot
from search.query import parse
from search.ranking import CorpusStats, corpus_stats, rerank
from search.synonyms import DEFAULT_SYNONYMS, build_table
from search.text import stem

TABLE = build_table(DEFAULT_SYNONYMS)


def record(pk, title="", summary="", keywords="", body="", kind="barrier"):
    return SimpleNamespace(
        pk=pk, kind=kind, title=title, summary=summary, keywords=keywords, body=body
    )


def stats_for(records):
    stem_df, word_df = {}, {}
    for item in records:
        words = {
            w
            for field in ("title", "summary", "keywords", "body")
            for w in getattr(item, field).lower().split()
        }
        for word in words:
            word_df[word] = word_df.get(word, 0) + 1
        for value in {stem(w) for w in words}:
            stem_df[value] = stem_df.get(value, 0) + 1
    return CorpusStats(len(records), stem_df, word_df, {})


FILLER = "the person was supported by several services over a long period of time"


def ranked(text, records, **kwargs):
    query = parse(text, synonyms=TABLE)
    return [pk for pk, _score in rerank(query, records, stats_for(records), **kwargs)]


def test_a_title_match_ranks_above_the_same_word_in_the_body():
    records = [
        record(1, "Weekly drop in", body=f"{FILLER} naloxone was offered"),
        record(2, "Naloxone for hostel staff", body=FILLER),
    ]
    assert ranked("naloxone", records) == [2, 1]


def test_the_vocabulary_names_rank_above_the_body():
    records = [
        record(1, "Weekly drop in", body=f"{FILLER} dual diagnosis"),
        record(2, "Weekly clinic", keywords="Dual diagnosis", body=FILLER),
    ]
    assert ranked("dual diagnosis", records)[0] == 2


def test_words_close_together_rank_above_the_same_words_far_apart():
    records = [
        record(1, body=f"discharge {FILLER} {FILLER} homeless"),
        record(2, body=f"{FILLER} homeless discharge {FILLER}"),
    ]
    assert ranked("homeless discharge", records)[0] == 2


def test_the_kind_of_record_asked_for_ranks_first():
    records = [
        record(1, "Naloxone in hostels", kind="barrier"),
        record(2, "Naloxone in hostels", kind="review"),
    ]
    assert ranked("review of naloxone in hostels", records)[0] == 2


def test_feedback_brings_up_a_record_in_other_words_about_the_same_thing():
    records = [
        record(1, "Discharged homeless", body="ward discharge bed outreach night"),
        record(2, "Homeless discharge", body="ward outreach bed night taxi"),
        record(3, "Forum attendance", body="room booking presenters agenda"),
    ]
    mate = record(4, "Leaving the ward at night", body="no bed and the outreach team found him")
    found = []

    def more(stem_sets):
        found.append(stem_sets)
        return [mate]

    order = ranked("homeless discharge", records, more=more)
    assert found and order.index(4) < order.index(3)


def test_spelling_corrections_come_from_the_records_own_words():
    stats = CorpusStats(3, {}, {"naloxone": 3, "nalorphine": 1}, {"n": ["naloxone", "nalorphine"]})
    assert stats.correction("naloxne") == "naloxone"
    assert stats.correction("naloxone") is None
    assert stats.correction("zzqx") is None


@pytest.mark.django_db
def test_corpus_statistics_follow_new_records(practitioner, corpus):
    assert not corpus_stats().knows("zebrafish")
    make_bright_spot("Zebrafish tank in the day centre calmed the waiting room")
    assert corpus_stats().knows("zebrafish")


@pytest.mark.django_db
def test_a_new_process_reads_the_stored_word_statistics(corpus, settings, tmp_path, monkeypatch):
    from search import ranking

    settings.SEARCH_STATS_FILE = str(tmp_path / "word-stats.json")
    monkeypatch.setattr(ranking, "_stats", None)
    built = corpus_stats()
    assert (tmp_path / "word-stats.json").exists()

    def no_rebuild():
        raise AssertionError("the stored statistics should have been read")

    # A new process (nothing in memory or in its cache) reads them instead of building them.
    monkeypatch.setattr(ranking, "_stats", None)
    monkeypatch.setattr(ranking, "build_stats", no_rebuild)
    ranking.cache.clear()
    assert corpus_stats() == built
    # Once records are added, the stored ones are out of date: built again.
    monkeypatch.undo()
    settings.SEARCH_STATS_FILE = str(tmp_path / "word-stats.json")
    make_bright_spot("Zebrafish tank in the day centre calmed the waiting room")
    monkeypatch.setattr(ranking, "_stats", None)
    assert corpus_stats().knows("zebrafish")
