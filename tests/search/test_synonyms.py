import pytest

from barriers.factories import BarrierFactory
from search.models import Synonym
from search.query import parse
from search.service import search_learning
from search.synonyms import DEFAULT_SYNONYMS, build_table

pytestmark = pytest.mark.django_db


def test_migration_seeds_the_practitioner_abbreviations():
    terms = set(Synonym.objects.values_list("term", flat=True))
    assert {"A&E", "MH", "D&A", "DA", "NFA", "NRPF", "PIE", "MARAC", "CMHT", "DWP"} <= terms
    assert len(terms) >= len(DEFAULT_SYNONYMS)


def test_searching_mh_finds_mental_health(practitioner):
    barrier = BarrierFactory(title="Mental health crisis line sends people to A&E")
    page = search_learning(practitioner, "MH")
    assert [r.id for r in page.results] == [barrier.external_id]


def test_searching_the_phrase_finds_the_abbreviation(practitioner):
    barrier = BarrierFactory(title="NFA patients discharged at night")
    page = search_learning(practitioner, "no fixed abode")
    assert [r.id for r in page.results] == [barrier.external_id]
    page = search_learning(practitioner, "emergency department", {})
    assert page.count == 0
    other = BarrierFactory(title="Waiting six hours in A&E")
    assert [r.id for r in search_learning(practitioner, "emergency department").results] == [
        other.external_id
    ]


def test_ampersand_terms_and_multiword_phrases_are_units():
    query = parse("D&A no fixed abode hostel", synonyms=build_table(DEFAULT_SYNONYMS))
    texts = [unit.text for unit in query.units]
    assert texts == ["d&a", "no fixed abode", "hostel"]
    assert "drug and alcohol" in query.units[0].variants()
    assert "nfa" in query.units[1].variants()


def test_administrators_edits_apply_straight_away(practitioner):
    barrier = BarrierFactory(title="Frequent attenders at the custody suite")
    assert search_learning(practitioner, "FAC").count == 0
    Synonym.objects.create(term="FAC", equivalents="frequent attenders\ncustody")
    assert [r.id for r in search_learning(practitioner, "FAC").results] == [barrier.external_id]


def test_stemming_finds_other_word_forms(practitioner):
    barrier = BarrierFactory(title="Tenants evicted after one missed payment")
    assert [r.id for r in search_learning(practitioner, "evictions").results] == [
        barrier.external_id
    ]
