"""Abbreviations and jargon practitioners search with, as equivalence groups.

Administrators edit `Synonym` snippets. Both backends expand the query with them (query time);
the Elasticsearch backend can also load them as a `synonym_graph` filter (see docs/search.md).
"""

from django.core.cache import cache

from .text import tokens

CACHE_KEY = "search:synonym-table"

# Seeded by migration 0002; administrators add to and edit them in Wagtail (Snippets > Synonyms).
DEFAULT_SYNONYMS = [
    ("A&E", ["emergency department", "accident and emergency", "ED"]),
    ("MH", ["mental health"]),
    ("D&A", ["drug and alcohol", "drugs and alcohol", "substance use", "substance misuse"]),
    ("DA", ["domestic abuse", "domestic violence", "DV"]),
    ("NFA", ["no fixed abode", "no fixed address", "homeless"]),
    ("NRPF", ["no recourse to public funds"]),
    ("PIE", ["psychologically informed environment"]),
    ("MARAC", ["multi agency risk assessment conference"]),
    ("CMHT", ["community mental health team"]),
    ("DWP", ["department for work and pensions", "jobcentre"]),
    ("ASB", ["antisocial behaviour", "anti social behaviour"]),
    ("SAR", ["safeguarding adults review", "safeguarding adult review"]),
    ("HF", ["housing first"]),
    ("GP", ["general practitioner", "family doctor"]),
    ("UC", ["universal credit"]),
    ("IOM", ["integrated offender management"]),
    ("MAPPA", ["multi agency public protection arrangements"]),
    ("IDVA", ["independent domestic violence advisor", "independent domestic violence adviser"]),
    ("LD", ["learning disability", "learning disabilities"]),
    ("ASC", ["adult social care"]),
    ("MCN", ["multiple complex needs", "multiple and complex needs", "multiple disadvantage"]),
    ("dual diagnosis", ["co-occurring conditions", "coexisting mental health and substance use"]),
    ("rough sleeping", ["street homeless", "sleeping rough", "rough sleeper"]),
    ("detox", ["detoxification"]),
    ("OST", ["opiate substitution therapy", "methadone", "opioid substitution treatment"]),
    ("ACEs", ["adverse childhood experiences"]),
    ("TIC", ["trauma informed care", "trauma informed"]),
    ("section 21", ["no fault eviction"]),
    ("care leaver", ["leaving care", "care experienced"]),
    ("prison leaver", ["prison release", "released from prison", "leaving prison"]),
    ("hospital discharge", ["discharged from hospital", "leaving hospital"]),
    ("CRC", ["community rehabilitation company", "probation"]),
    ("hostel", ["supported accommodation", "temporary accommodation"]),
]


def normalise(phrase):
    return " ".join(word.replace("'", "") for word in tokens(phrase))


def build_table(groups):
    """{normalised phrase: [equivalent phrases]} from (term, equivalents) groups."""
    table = {}
    for term, equivalents in groups:
        phrases = [normalise(p) for p in [term, *equivalents] if normalise(p)]
        for phrase in phrases:
            others = table.setdefault(phrase, [])
            for other in phrases:
                if other != phrase and other not in others:
                    others.append(other)
    return table


def synonym_table():
    table = cache.get(CACHE_KEY)
    if table is None:
        from .models import Synonym

        table = build_table((s.term, s.equivalent_list) for s in Synonym.objects.all())
        cache.set(CACHE_KEY, table, 300)
    return table


def clear_cache(**kwargs):
    cache.delete(CACHE_KEY)


def solr_rules():
    """The synonyms as Solr-format rules ('mh, mental health') for Elasticsearch."""
    from .models import Synonym

    rules = []
    for synonym in Synonym.objects.all():
        phrases = [normalise(p) for p in synonym.phrases()]
        phrases = [p.replace("&", " ") for p in phrases if p]
        if len(phrases) > 1:
            rules.append(", ".join(dict.fromkeys(phrases)))
    return rules
