"""Is a capitalised word a name, judged by the words it is not?

A name is a word that is in no dictionary: "Fenella Grimshaw" in a heading, a table cell or link
text has no title and no verb around it, but neither word is English, a service, a place or the
domain vocabulary, so together they are a person. The English words come from
privacy/data/english_words.txt (lower-case SCOWL words, see its header); places are the UK towns,
cities and areas a learning record names, which are in no English dictionary either.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from privacy.guard.text import _words

_ENGLISH_FILE = Path(__file__).resolve().parents[1] / "data" / "english_words.txt"
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "'s", "’s")


def _english_words() -> frozenset[str]:
    with _ENGLISH_FILE.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if not line.startswith("#"))


ENGLISH_WORDS = _english_words()

# UK places that are in no dictionary and turn up in learning records: as a pair ("Milton
# Keynes", "Tower Hamlets", "Walker Riverside") they must not read as a name.
UK_PLACES = _words(
    """
    Aberdeen Acomb Altrincham Arnold Ashington Aycliffe Barking Barnet Barnsley Basildon
    Bedlington Benwell Bermondsey Berwick Bexley Billingham Birkenhead Blackburn Blackpool Blaydon
    Blyth Bolton Bootle Bradford Brent Brighton Bromley Burnley Byker Camden Carlisle Catford
    Chester Chorley Consett Cramlington Crawcrook Croydon Dagenham Darlington Derby Derwentside
    Dewsbury Doncaster Dudley Dunston Ealing Easington Elswick Enfield Felling Fenham Gosforth
    Greenwich Grimsby Hackney Halifax Haringey Harrow Hartlepool Havering Hebburn Heaton Hendon
    Hexham Hillingdon Hounslow Huddersfield Hull Islington Jarrow Jesmond Keynes Kirklees
    Lambeth Leazes Leicester Lewisham Lowestoft Luton Middlesbrough Morpeth Northumberland
    Northumbria Norwich Nottingham Oldham Peterlee Plymouth Portsmouth Preston Redbridge
    Redcar Rochdale Rotherham Ryton Salford Sandwell Scotswood Seaham Southwark Stanley Stockport
    Stockton Sunderland Swansea Swindon Tameside Teesside Thornaby Tottenham Tynemouth Wakefield
    Wallsend Walsall Wandsworth Washington Westminster Whickham Whitley Wigan Wolverhampton
    Worksop Wrexham Yarm Bensham Byermoor Kenton Benton Killingworth Ponteland Prudhoe Gateshead
    Newcastle Durham Tyneside Wearside Cleveland Cumbria Yorkshire Lancashire Merseyside
    Lothian Strathclyde Glamorgan Gwent Powys Dyfed Tyne Wear Tees Shields Hamlets Milton
    """
)


def is_english(word: str) -> bool:
    """True when `word`, in any case, is an English word or an inflection of one."""
    lowered = word.lower().replace("’", "'")
    if lowered in ENGLISH_WORDS:
        return True
    return any(
        lowered.endswith(ending) and lowered[: -len(ending)] in ENGLISH_WORDS
        for ending in _INFLECTIONS
    )


# Speed: the same capitalised words come back in every record (headings, services, places).
@lru_cache(maxsize=8192)
def is_unlisted_name(word: str) -> bool:
    """True when `word` reads as a name because it is no English word, place or acronym.

    "Okonjo", "OKONJO", "O'Driscoll", "Smith-Jones", "McAllister-Reid": capitals are folded
    first; an apostrophe or a double-barrel makes a surname whatever its parts are, unless the
    whole or every part is English ("Non-Executive", "Co-Op" are not names).
    """
    if len(word) < 3 or word.title() in UK_PLACES:
        return False
    if word.isupper() and (len(word) < 4 or not any(vowel in word for vowel in "AEIOUY")):
        return False  # "NHS", "ESA", "CMHT": an acronym
    parts = word.split("-")
    if len(parts) > 1:
        return not is_english(word) and any(not is_english(part) for part in parts)
    if "'" in word or "’" in word:
        head, _, tail = word.replace("’", "'").partition("'")
        return len(head) == 1 and len(tail) > 1  # O'Brien, D'Souza; not "Mungo's"
    return not is_english(word)
