from pathlib import Path

from django.template import Context, Engine

import pytest

from privacy.labels import LABELS_TO_AVOID, REFRAME, find_label_hints

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("term", LABELS_TO_AVOID)
def test_every_term_is_hinted(term):
    (hint,) = find_label_hints(f"She was described as {term} in the referral.")
    assert hint.term == term
    assert hint.text == term


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("a non engager", "non-engager"),
        ("a nonengager", "non-engager"),
        ("Non-Engagers", "non-engager"),
        ("a frequent-flyer at A&E", "frequent flyer"),
        ("HARD-TO-REACH groups", "hard to reach"),
        ("service resistant", "service-resistant"),
        ("the revolving-door pattern", "revolving door"),
    ],
)
def test_hyphen_space_and_case_variants(text, term):
    assert [hint.term for hint in find_label_hints(text)] == [term]


def test_spans_are_exact():
    text = "Called him manipulative and a non engager."
    for hint in find_label_hints(text):
        assert text[hint.start : hint.end] == hint.text


@pytest.mark.parametrize("text", ["unchallenging", "challengingly", "reached out", "flyers"])
def test_word_boundaries(text):
    assert find_label_hints(text) == []


def test_message_suggests_a_reframe():
    (hint,) = find_label_hints("She is hard to reach.")
    assert hint.message.startswith("Writing hint: ‘hard to reach’ — ")
    assert REFRAME in hint.message
    assert "what was tried" in hint.message


def test_clean_text_has_no_hints():
    assert find_label_hints("The letters went to an old address, so she missed two visits.") == []
    assert find_label_hints("") == []


def render_hints(hints):
    engine = Engine(dirs=[str(TEMPLATES)])
    template = engine.get_template("includes/privacy_hints.html")
    return template.render(Context({"hints": hints}))


def test_template_renders_an_accessible_note():
    html = render_hints(find_label_hints("a revolving door patient & a <b>challenging</b> case"))
    assert 'role="note"' in html
    assert html.count('class="hint"') == 2
    assert "Writing hint:" in html
    assert "revolving door" in html
    assert REFRAME.replace("'", "&#x27;") in html


def test_template_renders_nothing_without_hints():
    assert render_hints([]).strip() == ""
