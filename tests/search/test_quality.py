import pytest

from search.evaluation import (
    DEVELOPMENT,
    JUDGED_CORPUS,
    TEST,
    PlainBM25,
    evaluate,
    load_queries,
    ndcg_at,
    score,
    service_ranking,
)
from search.interchange import import_lines
from search.models import LearningRecord

pytestmark = pytest.mark.django_db

NDCG_FLOOR = 0.85
# The judged set's test half (never tuned on): floors just under the measured figures in
# docs/search.md, so a change that makes search worse for staff fails here.
TEST_FLOOR = 0.80
QUESTION_FLOOR = 0.75
ABOVE_BM25 = 0.15


def test_ndcg_formula():
    assert ndcg_at(["a", "b"], {"a": 2, "b": 1}) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}) < 1.0
    assert ndcg_at(["x"], {"a": 2}) == 0.0


def test_judged_queries_meet_the_ndcg_floor(practitioner, corpus):
    mean, scores = evaluate(practitioner)
    assert len(scores) >= 30
    assert mean >= NDCG_FLOOR, sorted(scores, key=lambda item: item[1])[:5]


def test_the_judged_set_has_two_halves_of_every_kind():
    development, test = load_queries(DEVELOPMENT), load_queries(TEST)
    assert len(development) + len(test) >= 150
    assert not {q["query"] for q in development} & {q["query"] for q in test}
    kinds = {"question", "jargon", "misspelling", "one-word", "long", "record-type", "keywords"}
    assert {q["kind"] for q in development} == kinds == {q["kind"] for q in test}
    assert all(q["relevant"] and max(q["relevant"].values()) == 3 for q in development + test)


def test_the_test_half_beats_plain_bm25(practitioner):
    with open(JUDGED_CORPUS, encoding="utf-8") as handle:
        import_lines(handle)
    assert LearningRecord.objects.count() >= 300
    ours = score(service_ranking(practitioner), TEST)
    bm25 = score(PlainBM25(LearningRecord.objects.all()).rank, TEST)
    worst = sorted(ours["scores"], key=lambda item: item[2])[:5]
    assert ours["mean"] >= TEST_FLOOR, worst
    assert ours["kinds"]["question"] >= QUESTION_FLOOR, worst
    assert ours["mean"] >= bm25["mean"] + ABOVE_BM25
