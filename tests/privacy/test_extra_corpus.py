"""The guard against names and identifiers as an independent writer types them
(tests/privacy/corpus_extra.py): the dev templates it was adjusted against, and the held-out
templates written first and only scored."""

import pytest

from tests.privacy.corpus_extra import evaluate, generate


@pytest.mark.parametrize("split", ["dev", "held_out"])
def test_every_template_is_filled_with_its_identifier_marked(split):
    positives, negatives = generate(split)
    assert len(positives) >= 250 and len(negatives) >= 60
    for snippet in positives:
        assert snippet.spans and "⟦" not in snippet.text and "{" not in snippet.text


def test_splits_share_no_template_names():
    from tests.privacy import extra_dev, extra_held_out

    assert not set(extra_dev.GIVEN) & set(extra_held_out.GIVEN)


def test_dev_templates(corpus_report):
    result = evaluate("dev")
    corpus_report.append(
        f"extra corpus (dev): recall {result.caught}/{result.spans} ({result.recall:.1f}%), "
        f"false positives {result.flagged}/{result.negatives}"
    )
    assert result.recall >= 90.0, result.misses[:10]
    assert result.false_positive_rate < 2.0, result.false_positives


def test_held_out_templates(corpus_report):
    # Scored only: a failure here is a finding to report, not a list of cases to tune on.
    result = evaluate("held_out")
    corpus_report.append(
        f"extra corpus (held out): recall {result.caught}/{result.spans} "
        f"({result.recall:.1f}%), false positives {result.flagged}/{result.negatives}"
    )
    assert result.recall >= 90.0
    assert result.false_positive_rate < 2.0
