"""Word lists and tests shared by the name detectors: what a name part looks like, which
capitalised words are never surnames, and which words name a place or a service.
"""

from __future__ import annotations

import re

from privacy.guard.text import _LOWER, _UPPER, _words
from privacy.names import AMBIGUOUS_GIVEN_NAMES, GIVEN_NAMES, NAMED_ORGANISATIONS, SURNAMES

# Smith, O'Neill, McDonald, D'Souza, Łukasiewicz, or in capitals as systems print them (SMITH,
# O'NEILL); never part of a longer word.
_NAME_PART = (
    rf"(?:{_UPPER}(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?"
    r"|[A-Z](?:['’][A-Z])?[A-Z]{2,})(?![\w])"
)

_PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|della|le|la|al|el|bin|ibn)"

_SURNAME = rf"(?:{_PARTICLE}[ ]+){{0,2}}{_NAME_PART}(?:-{_NAME_PART})?"

# "Dr Foster Unit", "Dr Gray's Hospital": a title in the name of a place (or a programme, "Mrs
# Brown's Boys"), not a person.
_PLACE_WORDS = _words(
    """
    Boys Building Center Centre Clinic Court Foundation Hospital House Hub Intelligence Lane
    Lodge Practice Road Service Services Street Surgery Team Trust Unit Ward Wing
    """
)

_AFTER_NAME_RE = re.compile(r"(?:['’]s)?[ \u00a0]+([A-Z][a-z]+)")

# "Mr B. He was seen...": a pseudonymous initial then the next sentence; "Ms Teams": software;
# "Dr Appointment": a heading; "Mr Men", "Dr Martens": characters and brands.
_NOT_SURNAMES = _words(
    """
    After Also Although An And As At Because Before Both But Could Despite Did Does During
    Eventually Excel Finally Following For From Had Has He Her His How However If In
    Initially Is It Its Later Meanwhile Next No Not Now On Once Our Outlook Overall Please
    Previously Sadly She Should Since So That The Their Then There They This To Today
    Unfortunately Was We Were What When Where While Who Why With Without Word Would
    Yesterday You
    Access Edge Forms Office OneDrive OneNote Planner PowerPoint SharePoint Teams
    Appointment Appointments Appt Appts Assessment Call Clinic Clinics Contact Dev Development
    Input Letter Letters Meeting Note Notes Nurse Nurses Receptionist Referral Referrals Report
    Review Reviews Rota Round Scan Service Services Society Surgery Team Unit Visit Visits
    Barnardo Bean Blobby Doubtfire Kipling Martens Men Motivator Muscle Oetker Pepper Potato
    Scholl Sheen Tumble Whippy
    """
)

# Capitals that are abbreviations, not surnames ("Mr ESA", "MS TEAMS", "DR AMHP").
_NOT_CAPS_SURNAMES = _words(
    """
    AAR ABI ACE ADHD AIDS AMHP ASC ASD CAMHS COPD DOB DOLS ECG EEG EHCP EMIS ESA IAPT ICB IDVA
    ICU IMCA IMHA ISVA LPA MAPPA MARAC MASH MRI NFA NINO PCSO PIP RIO SEN SENCO
    """
)

# Words that follow a name but belong to a place, a team or a thing named after a person.
_NAMED_THING_WORDS = _words(
    """
    Academy Ambulance Appeal Avenue Award Awards Bank Boulevard Bridge Building Campus Centre
    Center Chambers Chapel Church Clinic Close College Cottage Court Crescent Day Drive Estate
    Foundation Fund Gardens Green Grove Hall Hill Home Hospice Hospital House Hub Infirmary
    Institute Lane Lecture Library Line Lodge Mews Mission Park Parade Partnership Place Practice
    Prize Programme Project Rise Road Row School Scheme Service Services Square Station Street
    Suite Surgery Team Terrace Trust Unit University Vale View Walk Ward Way Wharf Wing Women Men
    Castle Arms Inn Tavern
    Centres Hospitals Houses Schools Streets Roads Wards Units Teams
    """
)

# Capitalised words that are not surnames, however a given name sits before them.
_NOT_SURNAME_WORDS = _NOT_SURNAMES | _words(
    """
    About Across Again Against Ahead All Along Am Among Any Anyone Anything Are Around Away Back
    Be Been Being Below Between Beyond By Can Cannot Did Do Doing Done Down Each Either Else
    Even Ever Every Few First Further Get Gets Go Goes Going Got Had Has Have Having Here Hers
    Him Himself I Into Just Last Less Like Made Make Many May Me Might More Most Much Must My
    Near Never New None Nor Of Off Often Old One Only Or Other Out Over Own Per Rather Really
    Said Same Says See Seen Several So Some Still Such Than Them Themselves These Those Though
    Through Thus Too Took Under Until Up Upon Us Very Via Was Well Went Which Whom Whose Will
    Within Yes Yet Your Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April June July August September October November December Council NHS Police Housing
    Health Care Mental Adult Adults Social Children Probation Hostel Shelter Crisis Mind Options
    Support Recovery Outreach Drug Alcohol Community Ambulance Park Street Road Lane Avenue
    Participant Person People Client Clients Patient Patients Worker Workers Officer Nurse Doctor
    Manager Lead Coordinator Navigator Practitioner Practitioners Partnership Plus Project
    English British Welsh Scottish Irish Polish Romanian Somali Kurdish Muslim Christian
    Jewish Sikh Hindu Catholic Day Night Week Month Year Today Tomorrow Yesterday
    """
)

_NOT_GIVEN_WORDS = _NOT_SURNAME_WORDS | _words("Dear Hi Hello Thanks Regards From To Cc")

_SURNAMES_LOWER = frozenset(name.lower() for name in SURNAMES)


def _is_listed_surname(word: str) -> bool:
    return word.split("-")[0].lower() in _SURNAMES_LOWER


def _is_surname_word(word: str) -> bool:
    return bool(word) and word.title() not in _NOT_SURNAME_WORDS and word not in _NOT_CAPS_SURNAMES


def _is_given_name(word: str) -> bool:
    return any(part.title() in GIVEN_NAMES for part in word.split("-")) or word in GIVEN_NAMES


# "St John", "the Florence Nightingale", "Queen Elizabeth", "King George": a place or a charity.
_PLACE_BEFORE_NAME_RE = re.compile(
    r"(?<![\w])(?:St\.?|Saint|The|the|Queen|King|Prince|Princess|Royal)[ \u00a0]+\Z"
)


def _is_clear_given_name(word: str) -> bool:
    word = word.rstrip(".")
    if len(word) == 1 or (len(word) == 3 and word[1] == "."):  # an initial: "K", "J.R"
        return True
    return _is_given_name(word.title()) and word.title() not in AMBIGUOUS_GIVEN_NAMES


def _is_named_thing(text: str, start: int, end: int) -> bool:
    """True when the words at text[start:end] name a place, a service or an organisation."""
    words = text[start:end].split()
    if text[start:end].lower() in NAMED_ORGANISATIONS:
        return True
    # "Imran Hall", "K. Green": a surname that is also a place word, after a clear given name.
    if words[-1] in _NAMED_THING_WORDS and not (
        _is_listed_surname(words[-1]) and _is_clear_given_name(words[0])
    ):
        return True
    following = _AFTER_NAME_RE.match(text, end)
    if following and following.group(1) in _NAMED_THING_WORDS:
        return True
    after = text[end : end + 12].lstrip(" \u00a0").lower()
    if after.split(" ", 1)[0].rstrip(".,;:") in {"ward", "unit", "house", "centre", "wing"}:
        return True
    return bool(_PLACE_BEFORE_NAME_RE.search(text, max(0, start - 10), start))


# A given name alone ("met with Sarah", "Sarah's GP", "her son, Jordan") or a name whose words are
# on no list ("Tobias Fairweather was discharged") counts when the words around it say it is a
# person: a relation or role before it, a verb people do after it, or a possessive before
# something only a person has. A name whose surname is on the list needs no context.
_NAME_WORD = (
    rf"{_UPPER}(?:['’]{_UPPER})?{_LOWER}+(?:{_UPPER}{_LOWER}+)?(?:-{_UPPER}{_LOWER}+)?"
    r"|[A-Z](?:['’][A-Z])?[A-Z]+(?:-[A-Z]+)?"
)
