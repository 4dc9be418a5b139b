"""The guard against the seeded corpus (tests/privacy/corpus_generator.py): identifiers in every UK
format, wrapped in every Markdown construct and evasion, and as many hard negatives."""

import pytest

from privacy.guard import KINDS
from tests.privacy.corpus_generator import CONSTRUCTS, evaluate, generate


@pytest.fixture(scope="module")
def tuning():
    return evaluate("tuning")


def test_corpus_covers_every_kind_construct_and_size():
    positives, negatives = generate("tuning")
    assert len(positives) >= 2000
    assert len(negatives) >= len(positives)
    assert {snippet.kind for snippet in positives} == set(KINDS)
    assert {snippet.construct for snippet in positives} == set(CONSTRUCTS)


def test_corpus_is_the_same_every_run():
    first, _ = generate("tuning")
    again, _ = generate("tuning")
    assert [snippet.text for snippet in first] == [snippet.text for snippet in again]


def test_held_out_split_shares_no_snippet_with_the_tuning_split():
    tuning_texts = {snippet.text for snippet in generate("tuning")[0]}
    assert not tuning_texts & {snippet.text for snippet in generate("held_out")[0]}


def test_recall_is_complete_on_the_tuning_split(tuning, corpus_report):
    recall, flagged, misses, _ = tuning
    overall = recall[("all", "all")]
    corpus_report.append(
        f"generated corpus (tuning): recall {overall.hits}/{overall.total}, false positives "
        f"{flagged[('all', 'all')].hits}/{flagged[('all', 'all')].total}"
    )
    assert not misses, [(m.fmt, m.construct, m.text) for m in misses[:10]]


def test_false_positives_stay_under_two_percent(tuning):
    _, flagged, _, false_positives = tuning
    assert flagged[("all", "all")].rate < 2.0, [(s.text, f) for s, f in false_positives[:10]]


def test_held_out_split_meets_the_targets():
    recall, flagged, misses, _ = evaluate("held_out")
    assert recall[("all", "all")].rate >= 98.0, [(m.fmt, m.text) for m in misses]
    assert flagged[("all", "all")].rate < 2.0
