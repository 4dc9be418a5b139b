"""The words around a capitalised word that say it is a person: a relation or label before it,
a verb people do after it, or a possessive before something only a person has.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from privacy.guard.name_words import _NAMED_THING_WORDS, _NOT_CAPS_SURNAMES, _NOT_GIVEN_WORDS
from privacy.guard.text import _words
from privacy.names import GIVEN_NAMES, SURNAMES

_VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "vocabulary.json"


def _vocabulary_words() -> frozenset[str]:
    try:
        vocabulary = json.loads(_VOCABULARY_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    words = set(re.findall(r"[A-Z][a-z]+", json.dumps(vocabulary)))
    return frozenset(words - GIVEN_NAMES - SURNAMES)


# Capitalised words that are never a person's name: sentence openers, pronouns, services,
# groups of people, family words used as names ("Mum said"), places and the domain vocabulary.
_NOT_PERSON_WORDS = (
    _NOT_GIVEN_WORDS
    | _NAMED_THING_WORDS
    | _vocabulary_words()
    | _words(
        """
        A Also Although And Anybody Anyone As At Because Before Both But Each Either Everybody
        Everyone Everything He Her His However I If In It Its Later Neither No Nobody None Not
        Nothing Now Once Our She Somebody Someone Something Sometimes That The Their Then There
        They This We What When Where Which While Who Why You Yours After Sadly Eventually Luckily
        Thankfully Unfortunately Instead Perhaps Maybe Mum Mam Dad Nan Gran Grandad Grandma Granny
        Auntie Sis Bro Baby Staff Commissioners Practitioners Services Families Family Residents
        Participants Doctors Nurses Officers Managers Volunteers Agencies Partners Panel Board
        Forum Hostel Shelter Mind Crisis Centrepoint Turning Point Change Grow Live Lives Changing
        Humankind Samaritans Refuge Oasis Emmaus Depaul Framework Thames Reach Barnardo Cyrenians
        Salvation Army Age Citizens Advice Jobcentre Probation Police Council Ambulance Fire GP
        Skylight Issue Big Aid Women Men Children Young Society Association Group Network
        Connections Futures Fulfilling Housing Options Credit Universal Benefit Benefits Payment
        Independence Personal First Act Care Reform Team Around Matter Every Making North South
        East West Upper Lower Great Little Central Royal Town Village Civic County City Market
        Castle Metro Station Riverside Quayside Tyne Tyneside Wear Durham Newcastle Gateshead
        Sunderland London Leeds Manchester Birmingham Liverpool Bristol Sheffield Glasgow
        Edinburgh Cardiff Belfast England Scotland Wales Ireland Britain Europe UK Easter
        Christmas Ramadan Eid Diwali Hanukkah New Year Bank Holiday Covid Brexit Zoom Teams
        WhatsApp Facebook Google Microsoft Amazon Uber Tesco Asda Lidl Aldi Boots Greggs
        Discharge Discharged Referral Review Assessment Plan Protocol Pathway Hub Service St Saint
        Mr Mrs Ms Miss Mx Dr Prof Cllr Rev Revd Sir Dame Lord Lady Landlord Landlady Tenant
        Tenants Neighbour Neighbours Friend Friends Partner Carer Carers Son Daughter Brother
        Sister Mother Father Husband Wife Boyfriend Girlfriend Uncle Aunt Cousin Grandmother
        Grandfather Client Clients Nobody Files Folder Phase Section Level Bay Regulation Article
        Duty Tenancy Attendance Accommodation Funding Paperwork Research Evidence Data Demand
        Debt Obligation Responsibility
        """
    )
)

# Surnames that are also everyday words, places or colours: on their own they are no evidence.
_EVERYDAY_SURNAMES = _words(
    """
    Ball Banks Bell Bird Bishop Black Bond Brown Bull Burns Chambers Church Cook Cross Day Dean
    Field Ford Fox Frost Gill Gray Green Hall Hart Hill Holland Hope House Hunt Hunter King Knight
    Lamb Lane Long Lord Marsh Mills Moss Page Park Parsons Payne Price Read Rice Rose Savage Sharp
    Shepherd Stone Swift Wall Ward Waters Wells West White Winter Wood Woods Young Little Farmer
    Heath Norton Oliver Tyler Birch Finch Hope Ford Grant Mason Lewis Jordan
    """
)

# Staff roles are left out on purpose: "Nurse Patel refuses referrals" gets the blameless-language
# hint (privacy/labels.py), which asks for the service instead, not a refusal.
_RELATION_WORDS = _words(
    """
    son daughter partner wife husband mum mam mother dad father brother sister friend neighbour
    carer nephew niece grandson granddaughter grandmother grandfather gran nan grandad grandma
    aunt auntie uncle cousin boyfriend girlfriend fiancé fiancée fiance fiancee ex ex-partner
    stepson stepdaughter stepdad stepmum stepfather stepmother child baby twin sibling flatmate
    housemate lodger landlord landlady client patient tenant resident
    met told asked accompanied helped thanked introduced escorted interviewed reassured
    welcomed warned encouraged persuaded accompanying
    """
)

# Only words that take a person: "supported by", "rang" and "visited" take services and places
# as often.
_TWO_WORD_CUES = frozenset(
    (
        "met with", "spoke to", "spoke with", "talked to", "talked with", "speaking to",
        "speaking with", "addressed to", "name of", "sat with", "stayed with", "lives with",
        "living with", "staying with", "seen by", "signed by", "copied to", "written by",
    )
)  # fmt: skip

# Verbs only people do: "Attendance went up", "Tenancy kept", "Funding arrived" are prose.
_PERSON_VERBS = _words(
    """
    said says told tells explained explains felt feels disclosed refused declined wanted wants
    cried shouted laughed smiled asked agreed admitted thinks thought knew knows hoped hopes
    worried struggled struggles self-referred described signed wrote died overdosed relapsed
    disengaged slept rang phoned texted attended apologised complained
    """
)

_AUXILIARIES = _words("was is had has wasn't isn't hadn't hasn't")

# States only a person is in after "was"/"had been" ("Accommodation was found" is prose).
_PERSON_STATES = _words(
    """
    evicted admitted arrested sanctioned barred housed sectioned sleeping staying living homeless
    unwell scared frightened pregnant drinking assaulted attacked injured hospitalised detained
    street-homeless bereaved discharged
    """
)

# After two or three capitalised words ("Anouk Grimshaw moved", "... had been barred"), which
# read as a name far more often than one word does, more verbs and states count.
_NAME_VERBS = _PERSON_VERBS | _words(
    """
    lives lived missed arrived stayed moved went came left returned collapsed kept needed needs
    became walked tried spent
    """
)

_NAME_STATES = _PERSON_STATES | _words(
    "released found seen moved told asked given offered referred placed taken known missing been"
)

# What only a person has: "Sarah's GP", "Tobias's tenancy" (not "Catalyst's support line").
_PERSON_OWNS = _words(
    """
    gp mum mam mother dad father partner wife husband son daughter children kids baby family
    sister brother carer friend key tenancy flat room benefits claim medication meds
    prescription appointment appointments diagnosis story journey consent mobile birthday
    funeral death relapse overdose behaviour eviction arrears debts drinking drug drugs dog
    sentence licence solicitor landlord ex girlfriend boyfriend worker officer health
    """
)

_AFTER_WORD_RE = re.compile(r"[ \u00a0]+([a-z][a-z'’-]*)(?:[ \u00a0]+([a-z][a-z'’-]*))?")

_POSSESSIVE_RE = re.compile(
    r"['’]s?[ \u00a0]+(?:(?:support|social|case|mental|probation)[ ])?([A-Za-z]+)"
)


def _is_person_word(word: str) -> bool:
    base = word.split("-")[0].title()
    return base not in _NOT_PERSON_WORDS and word not in _NOT_CAPS_SURNAMES and len(word) > 1


_LABEL_WORDS = _words("client patient tenant resident user person re to from cc")


def _label_before(text: str, start: int) -> bool:
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].endswith(":") and words[-1][:-1].lower() in _LABEL_WORDS


def _person_cue_before(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    if not before[-1:].isspace():
        return False
    words = before.split()
    if not words:
        return False
    last = words[-1].lower()
    if last.endswith(":"):  # "Client: Tobias", "RE: Sarah"
        return last.rstrip(":") in _LABEL_WORDS
    last = last.rstrip(",")
    if last in _RELATION_WORDS:
        return True
    return len(words) > 1 and f"{words[-2].lower()} {last}" in _TWO_WORD_CUES


def _person_cue_after(text: str, end: int, words: int = 1) -> bool:
    possessive = _POSSESSIVE_RE.match(text, end)
    if possessive:
        return possessive.group(1).lower() in _PERSON_OWNS
    after = _AFTER_WORD_RE.match(text, end)
    if not after:
        return False
    first, second = after.group(1), after.group(2)
    verbs, states = (_PERSON_VERBS, _PERSON_STATES) if words == 1 else (_NAME_VERBS, _NAME_STATES)
    if first in verbs:
        return True
    return first in _AUXILIARIES and second in states
