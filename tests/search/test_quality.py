import pytest

from search.evaluation import evaluate, ndcg_at

pytestmark = pytest.mark.django_db

NDCG_FLOOR = 0.85


def test_ndcg_formula():
    assert ndcg_at(["a", "b"], {"a": 2, "b": 1}) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], {"a": 2, "b": 1}) < 1.0
    assert ndcg_at(["x"], {"a": 2}) == 0.0


def test_judged_queries_meet_the_ndcg_floor(practitioner, corpus):
    mean, scores = evaluate(practitioner)
    assert len(scores) >= 30
    assert mean >= NDCG_FLOOR, sorted(scores, key=lambda item: item[1])[:5]
