import pytest

from search.query import parse
from search.synonyms import DEFAULT_SYNONYMS, build_table

TABLE = build_table(DEFAULT_SYNONYMS)


def units(text, **kwargs):
    return [unit.text for unit in parse(text, synonyms=TABLE, **kwargs).units]


@pytest.mark.parametrize(
    ("question", "meaning"),
    [
        ("how do we evidence relationship based work", ["evidence", "relationship based", "work"]),
        ("what works for people discharged to the street", ["people", "discharged to the street"]),
        ("has anyone got a way round the CMHT refusing", ["cmht", "refusing"]),
        ("is there a way to stop evictions", ["stop", "evictions"]),
        ("does anyone know any tips for NRPF", ["nrpf"]),
    ],
)
def test_question_scaffolding_is_dropped_and_the_meaning_kept(question, meaning):
    assert units(question) == meaning


def test_a_question_of_only_scaffolding_still_searches_for_something():
    assert units("how do we") != []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("MH", "mental health"),
        ("mental health", "mh"),
        ("D&A", "substance misuse"),
        ("NFA", "no fixed abode"),
        ("no fixed abode", "nfa"),
        ("MARAC", "multi agency risk assessment conference"),
        ("MCN", "multiple disadvantage"),
        ("dual diagnosis", "co occurring"),
        ("co-occurring", "dual diagnosis"),
        ("discharged to the street", "discharged with nowhere to go"),
    ],
)
def test_abbreviations_and_jargon_expand_both_ways(typed, expected):
    (unit,) = parse(typed, synonyms=TABLE).units
    assert expected in unit.variants()


def test_synonyms_are_found_for_other_forms_of_a_word():
    (unit,) = parse("commissioner", synonyms=TABLE).units
    assert "funders" in unit.variants()


def test_a_known_phrases_words_also_rank_on_their_own_but_are_never_required():
    query = parse("discharged to the street", synonyms=TABLE)
    assert [unit.text for unit in query.loose] == ["discharged", "street"]
    assert "street" in query.with_operator("or").to_fts5()
    assert '"street"' not in query.to_fts5()


def test_record_type_words_become_a_preference_not_a_required_word():
    query = parse("review of hospital discharge", synonyms=TABLE)
    assert query.kinds == ["review"]
    assert "review" not in [unit.text for unit in query.units]
    assert parse("bright spots on peer support", synonyms=TABLE).kinds == ["bright_spot"]
    assert parse("reviews", synonyms=TABLE).units[0].text == "reviews"


def test_unknown_words_are_also_searched_as_the_spellers_correction():
    query = parse("homless shelter", synonyms=TABLE, speller={"homless": "homeless"}.get)
    assert "homeless" in query.units[0].variants()
    assert query.corrections == {"homless": "homeless"}
    assert query.corrected_text == "homeless shelter"
    assert parse("shelter", synonyms=TABLE, speller=lambda word: None).corrected_text == ""
