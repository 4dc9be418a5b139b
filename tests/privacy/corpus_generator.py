"""A seeded, deterministic corpus for the privacy guard: identifiers in every UK format, wrapped in
every Markdown construct and evasion, inside seed-style prose, and as many hard negatives.

`generate(split)` returns the same snippets every run. The "tuning" split is what the guard was
adjusted against; the "held_out" split uses other seeds, other names, streets and prose and was
not looked at while tuning (its figures in docs/privacy.md are from the first run).

Run `python -m tests.privacy.corpus_generator` for the report tables in docs/privacy.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# --- Prose in the style of the domain brief ----------------------------------------------------

PROSE = {
    "tuning": [
        "The person bounced between housing and mental health services; the referral said {X} and "
        "came back twice.",
        "At the Bright Spots forum a support worker explained how {X} was finally linked to the "
        "drug and alcohol team.",
        "What did we expect to happen? The discharge letter to the hostel named {X}, and nobody "
        "rang before the person left.",
        "The walking-alongside team noted {X} in the journey after the tenancy sustainment visit.",
        "Barrier logged: the probation officer had only {X} and could not reach the GP surgery.",
        "In the After Action Review the facilitator read out {X} from the old case notes.",
        "The person was told to come back when they were worse; the triage sheet still showed {X}.",
        "Practitioners from the council, the NHS and the voluntary sector all held {X} on file.",
        "Learning note: the outreach worker wrote {X} on the MARAC referral by mistake.",
        "Touchpoint with the community mental health team: {X} was on the appointment letter.",
        "The expert by experience said the DWP letter quoted {X} and no one explained it.",
        "Sustain: the library worker's call about {X} led to the tenancy being saved.",
    ],
    "held_out": [
        "Improve: the crisis line had {X} but the A&E liaison team never saw it.",
        "The lead practitioner's journey entry reads: {X}, seen at the day centre on Tuesday.",
        "Because the hostel only kept {X}, the person had to retell their story again.",
        "A forum presentation showed how the navigator used {X} to chase the benefits claim.",
        "Snag: the eligibility panel asked for {X} before offering any support at all.",
        "During the reflection space someone pasted {X} into the shared notes.",
    ],
}

NEGATIVE_PROSE = {
    "tuning": [
        "The person was supported by {X} after the review.",
        "Learning from {X} was shared at the forum.",
        "What worked: {X}, and a warm handover between services.",
        "The barrier concerned {X} and was escalated to commissioners.",
        "At the After Action Review we discussed {X} in detail.",
        "Journey note: {X}; the referral was accepted the same week.",
    ],
    "held_out": [
        "Sustain: {X}, which the team agreed to keep doing.",
        "Improve: {X} took longer than anyone expected.",
        "The snag, {X}, was met again by the housing options team.",
    ],
}

# --- Identifier formats -----------------------------------------------------------------------

GIVEN = {
    "tuning": [
        "Dave", "Sarah", "John", "Aisha", "Michael", "Emma", "Mohammed", "Claire", "Daniel",
        "Priya", "Gary", "Chloe", "Mark", "Joanne", "Tomasz", "Siobhan", "Kevin", "Fatima",
        "Stephen", "Rebecca", "Callum", "Nicola", "Darren", "Olivia", "Liam", "Amy", "Wayne",
        "Hannah", "Jamal", "Zoe",
    ],
    "held_out": [
        "Paul", "Lisa", "Imran", "Karen", "Craig", "Gemma", "Ryan", "Shabana", "Neil", "Kirsty",
        "Piotr", "Leanne", "Sean", "Bethany", "Ahmed", "Tracey",
    ],
}  # fmt: skip
SURNAME = {
    "tuning": [
        "Smith", "Jones", "Patel", "Khan", "O'Brien", "McDonald", "Williams", "Taylor", "Brown",
        "Hussain", "Robinson", "Wilson", "Thompson", "Walker", "Kowalski", "Begum", "Murphy",
        "Campbell", "Hughes", "Ahmed",
    ],
    "held_out": [
        "Evans", "Wright", "Clarke", "Singh", "Lewis", "Green", "Hall", "Wood", "Kaur", "Jackson",
        "Morris", "Harris",
    ],
}  # fmt: skip
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Mr.", "Mrs.", "Prof"]
STREETS = {
    "tuning": [
        ("High", "Street"), ("Westgate", "Road"), ("Mill", "Lane"), ("Victoria", "Road"),
        ("Elm", "Grove"), ("Church", "Street"), ("Station", "Road"), ("Acacia", "Avenue"),
        ("Park", "Terrace"), ("Queens", "Crescent"),
    ],
    "held_out": [
        ("Grey", "Street"), ("Oak", "Close"), ("Chapel", "Lane"), ("Windsor", "Gardens"),
        ("Albert", "Road"), ("Market", "Place"),
    ],
}  # fmt: skip
POSTCODE_AREAS = ["NE", "SW", "M", "B", "LS", "CR", "DN", "EC", "G", "CF", "BT", "S", "L", "BS",
                  "SR", "DH", "TS", "HU", "NG", "LE"]  # fmt: skip
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
EMAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "nhs.net", "example.org", "yahoo.co.uk",
                 "gateshead.gov.uk"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NI_UNUSED = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}  # never issued (HMRC)


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        total = sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10 and len(set(digits)) > 1:
            return "".join(map(str, digits)) + str(check)


def _name(rng, split):
    return rng.choice(GIVEN[split]), rng.choice(SURNAME[split])


def _dob(rng):
    year = rng.randrange(1950, 2005)
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    return year, month, day


def _ordinal(day):
    return f"{day}{'th' if 11 <= day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _cued(draw, cue="{}"):
    """A format: the identifier `draw(rng)` draws, inside the words `cue`."""

    def generate(rng):
        text = draw(rng)
        return cue.format(text), text

    return generate


def _formats(split):
    """kind -> {format name: function(rng) -> (text, identifier span text)}."""

    def name_formats():
        def named(spell):
            """A format that writes a drawn given name and surname with `spell(rng, given,
            surname)`."""
            return _cued(lambda rng: spell(rng, *_name(rng, split)))

        def titled(rng):
            surname = rng.choice(SURNAME[split])
            text = f"{rng.choice(TITLES)} {surname}"
            return text, text

        def hyphenated(rng, given, surname):
            other = rng.choice([s for s in SURNAME[split] if "'" not in s])
            return rng.choice([f"{given} {surname}-{other}", f"Dr {surname}-{other}"])

        return {
            "title + surname": titled,
            "title + initial + surname": named(
                lambda rng, given, surname: f"{rng.choice(TITLES)} {given[0]}. {surname}"
            ),
            "title + given + surname": named(
                lambda rng, given, surname: f"{rng.choice(TITLES)} {given} {surname}"
            ),
            "given + surname": named(lambda rng, given, surname: f"{given} {surname}"),
            "hyphenated": named(hyphenated),
            "double given name": named(
                lambda rng, given, surname: f"{given}-{rng.choice(GIVEN[split])} {surname}"
            ),
            "initial + surname": named(lambda rng, given, surname: f"{given[0]}. {surname}"),
            "capitals": named(lambda rng, given, surname: f"{given.upper()} {surname.upper()}"),
            "SURNAME, Given": named(lambda rng, given, surname: f"{surname.upper()}, {given}"),
        }

    def nhs_formats():
        def spaced(rng):
            n = nhs_number(rng)
            text = f"{n[:3]} {n[3:6]} {n[6:]}"
            return f"NHS number {text}", text

        def unspaced(rng):
            n = nhs_number(rng)
            return f"NHS no. {n}", n

        def hyphens(rng):
            n = nhs_number(rng)
            text = f"{n[:3]}-{n[3:6]}-{n[6:]}"
            return text, text

        def bare(rng):
            n = nhs_number(rng)
            return n, n

        return {"3-3-4 spaced": spaced, "unspaced, cued": unspaced, "3-3-4 hyphens": hyphens,
                "unspaced, no cue": bare}  # fmt: skip

    def ni_formats():
        def letters(rng):
            while (prefix := rng.choice(NI_FIRST) + rng.choice(NI_SECOND)) in NI_UNUSED:
                pass
            return prefix

        def digits(rng):
            return [f"{rng.randrange(100):02d}" for _ in range(3)]

        def spaced(rng):
            pairs = digits(rng)
            text = f"{letters(rng)} {' '.join(pairs)} {rng.choice('ABCD')}"
            return text, text

        def unspaced(rng):
            text = f"{letters(rng)}{''.join(digits(rng))}{rng.choice('ABCD')}"
            return text, text

        def cued_no_suffix(rng):
            text = f"{letters(rng)} {' '.join(digits(rng))}"
            return f"NI number {text}", text

        def lower(rng):
            text = f"{letters(rng).lower()}{''.join(digits(rng))}{rng.choice('abcd')}"
            return text, text

        return {"spaced": spaced, "unspaced": unspaced, "cued, no suffix": cued_no_suffix,
                "lower case": lower}  # fmt: skip

    def dob_formats():
        def written(spell, cue):
            """A format that spells a drawn birth date with `spell` inside the words `cue`."""
            return _cued(lambda rng: spell(*_dob(rng)), cue)

        # format name: (how the date is spelled from year, month, day; the words around it)
        styles = {
            "DOB dd/mm/yyyy": (lambda y, m, d: f"{d:02d}/{m:02d}/{y}", "DOB {}"),
            "born d Month yyyy": (lambda y, m, d: f"{d} {MONTHS[m - 1]} {y}", "born {}"),
            "date of birth: dth Mon yyyy": (
                lambda y, m, d: f"{_ordinal(d)} {MONTHS[m - 1][:3]} {y}",
                "date of birth: {}",
            ),
            "D.O.B. ISO": (lambda y, m, d: f"{y}-{m:02d}-{d:02d}", "D.O.B. {}"),
            "d.o.b dd.mm.yy": (lambda y, m, d: f"{d:02d}.{m:02d}.{y % 100:02d}", "d.o.b {}"),
            "born on Month d, yyyy": (lambda y, m, d: f"{MONTHS[m - 1]} {d}, {y}", "born on {}"),
            "d/m/yyyy (DOB)": (lambda y, m, d: f"{d}/{m}/{y}", "{} (DOB)"),
        }
        return {name: written(spell, cue) for name, (spell, cue) in styles.items()}

    def address_formats():
        def on_street(spell):
            """A format that writes an address on a drawn street with `spell(rng, name, kind)`."""
            return _cued(lambda rng: spell(rng, *rng.choice(STREETS[split])))

        def abbreviated(rng, name, kind):
            short = {"Street": "St", "Road": "Rd", "Avenue": "Ave"}.get(kind, kind)
            return f"{rng.randrange(1, 200)} {name} {short}"

        return {
            "number + street": on_street(
                lambda rng, name, kind: f"{rng.randrange(1, 200)} {name} {kind}"
            ),
            "flat, number + street": on_street(
                lambda rng, name, kind: (
                    f"Flat {rng.randrange(1, 30)}, {rng.randrange(1, 200)} {name} {kind}"
                )
            ),
            "3a + street": on_street(
                lambda rng, name, kind: f"{rng.randrange(1, 99)}{rng.choice('ab')} {name} {kind}"
            ),
            "abbreviated type": on_street(abbreviated),
        }

    def postcode_formats():
        def code(rng):
            area = rng.choice(POSTCODE_AREAS)
            district = rng.randrange(1, 20 if len(area) == 2 else 9)
            inward = f"{rng.randrange(10)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
            return f"{area}{district}", inward

        def spaced(rng):
            outward, inward = code(rng)
            return f"{outward} {inward}", f"{outward} {inward}"

        def unspaced(rng):
            outward, inward = code(rng)
            return f"{outward}{inward}", f"{outward}{inward}"

        def lower(rng):
            outward, inward = code(rng)
            text = f"{outward} {inward}".lower()
            return text, text

        return {"spaced": spaced, "unspaced": unspaced, "lower case": lower}

    def phone_formats():
        def mobile(rng):
            text = f"07700 900{rng.randrange(1000):03d}"
            return text, text

        def mobile_run(rng):
            text = f"07700900{rng.randrange(1000):03d}"
            return text, text

        def mobile_intl(rng):
            text = f"+44 7700 900{rng.randrange(1000):03d}"
            return text, text

        def mobile_intl_zero(rng):
            text = f"+44 (0)7700 900{rng.randrange(1000):03d}"
            return text, text

        def london(rng):
            text = f"020 7946 0{rng.randrange(1000):03d}"
            return text, text

        def area_4(rng):
            text = f"0191 498 0{rng.randrange(1000):03d}"
            return text, text

        def bracketed(rng):
            text = f"(0113) 496 0{rng.randrange(1000):03d}"
            return text, text

        def area_5(rng):
            text = f"01632 960{rng.randrange(1000):03d}"
            return text, text

        def intl_0044(rng):
            text = f"0044 20 7946 0{rng.randrange(1000):03d}"
            return text, text

        def hyphens(rng):
            text = f"0191-498-0{rng.randrange(1000):03d}"
            return text, text

        def freephone(rng):
            text = f"0808 157 0{rng.randrange(1000):03d}"
            return text, text

        return {"mobile 5-6": mobile, "mobile unspaced": mobile_run, "+44 mobile": mobile_intl,
                "+44 (0) mobile": mobile_intl_zero, "London 3-4-4": london,
                "area 4-3-4": area_4, "(area) bracketed": bracketed, "area 5-6": area_5,
                "0044 landline": intl_0044, "hyphens": hyphens,
                "freephone 0808": freephone}  # fmt: skip

    def email_formats():
        def dotted(rng):
            given, surname = _name(rng, split)
            local = f"{given.lower()}.{surname.lower().replace(chr(39), '')}"
            text = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
            return text, text

        def underscored(rng):
            given, surname = _name(rng, split)
            local = f"{given.lower()}_{surname[:3].lower()}{rng.randrange(10, 99)}"
            text = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
            return text, text

        def plus(rng):
            given, _ = _name(rng, split)
            text = f"{given.lower()}+support@{rng.choice(EMAIL_DOMAINS)}"
            return text, text

        return {"first.last": dotted, "under_score + digits": underscored, "plus tag": plus}

    def case_reference_formats():
        return {
            "case ref CR-yyyy-nnnnnn": _cued(
                lambda rng: f"CR-{rng.randrange(2019, 2026)}-{rng.randrange(100000):06d}",
                "case ref {}",
            ),
            "Mosaic ID": _cued(lambda rng: f"{rng.randrange(1000000, 9999999)}", "Mosaic ID {}"),
            "crime number": _cued(
                lambda rng: (
                    f"{rng.randrange(10, 99)}/{rng.randrange(10000, 99999)}/{rng.randrange(19, 26)}"
                ),
                "crime number {}",
            ),
            "hospital number": _cued(
                lambda rng: f"RX{rng.randrange(1000000, 9999999)}", "hospital number {}"
            ),
            "client ID": _cued(lambda rng: f"{rng.randrange(100000, 999999)}", "client ID: {}"),
        }

    return {
        "name": name_formats(), "nhs_number": nhs_formats(), "ni_number": ni_formats(),
        "date_of_birth": dob_formats(), "address": address_formats(),
        "postcode": postcode_formats(), "phone": phone_formats(), "email": email_formats(),
        "case_reference": case_reference_formats(),
    }  # fmt: skip


# --- Markdown constructs and evasions ---------------------------------------------------------
# Each takes (whole phrase, identifier inside it, rng) and returns the phrase as typed.

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
BIDI = ["\u202a", "\u202b", "\u202d", "\u2066", "\u2067", "\u2068", "\u200e", "\u200f"]


def _middle(identifier: str) -> int:
    return max(1, len(identifier) // 2)


def _inside(transform):
    """Apply a transform to the identifier only, leaving its cue as typed."""

    def wrap(phrase, identifier, rng):
        return phrase.replace(identifier, transform(identifier, rng), 1)

    return wrap


def _split_emphasis(identifier, rng):
    # "07700 9*00*123", "Mr **Smith**", "jo.b*logg*s@..."
    if " " in identifier and rng.random() < 0.5:
        head, tail = identifier.rsplit(" ", 1)
        return f"{head} **{tail}**"
    i = _middle(identifier)
    j = min(len(identifier) - 1, i + 2)
    return f"{identifier[:i]}*{identifier[i:j]}*{identifier[j:]}"


def _entity(identifier, rng):
    out = []
    for index, char in enumerate(identifier):
        if char.isalnum() and (index == 0 or rng.random() < 0.3):
            out.append(rng.choice([f"&#{ord(char)};", f"&#x{ord(char):x};"]))
        elif char == " " and rng.random() < 0.5:
            out.append("&nbsp;")
        else:
            out.append(char)
    return "".join(out)


def _zero_width(identifier, rng):
    out = []
    for index, char in enumerate(identifier):
        out.append(char)
        if index < len(identifier) - 1 and (index % 3 == 1 or rng.random() < 0.2):
            out.append(rng.choice(ZERO_WIDTH))
    return "".join(out)


def _bidi(identifier, rng):
    i = _middle(identifier)
    return f"{rng.choice(BIDI)}{identifier[:i]}{rng.choice(BIDI)}{identifier[i:]}\u202c"


def _full_width(identifier, rng):
    return "".join(
        chr(ord(char) + 0xFEE0) if char.isascii() and char.isalnum() else char
        for char in identifier
    )


def _html_inline(identifier, rng):
    i = _middle(identifier)
    tag = rng.choice(["b", "span", "em", "strong", "i"])
    return f"{identifier[:i]}<{tag}>{identifier[i:]}</{tag}>"


def _soft_break(identifier, rng):
    if " " not in identifier:
        return identifier
    head, tail = identifier.split(" ", 1)
    return f"{head}\n{tail}"


def _escape(identifier, rng):
    return "".join(f"\\{char}" if char in "-._+()" else char for char in identifier)


def _code(identifier, rng):
    return f"`{identifier}`"


CONSTRUCTS = {
    "plain": lambda phrase, identifier, rng: phrase,
    "bold": lambda phrase, identifier, rng: f"**{phrase}**",
    "italic": lambda phrase, identifier, rng: f"*{phrase}*",
    "underscore italic": lambda phrase, identifier, rng: f"_{phrase}_",
    "strikethrough": lambda phrase, identifier, rng: f"~~{phrase}~~",
    "inline code": _inside(_code),
    "link text": lambda phrase, identifier, rng: f"[{phrase}](#)",
    "link target": lambda phrase, identifier, rng: (
        f"[contact details](mailto:{identifier})"
        if "@" in identifier
        else f"[the notes](https://example.org/notes?who={phrase.replace(' ', '%20')})"
    ),
    "angle brackets": lambda phrase, identifier, rng: f"<{phrase}>",
    "heading": lambda phrase, identifier, rng: f"\n\n## {phrase}\n\n",
    "list item": lambda phrase, identifier, rng: f"\n\n- {phrase}\n- next steps agreed\n\n",
    "blockquote": lambda phrase, identifier, rng: f"\n\n> {phrase}\n\n",
    "table cell": lambda phrase, identifier, rng: (
        f"\n\n| who | detail |\n|---|---|\n| contact | {phrase} |\n\n"
    ),
    "html tags": lambda phrase, identifier, rng: f"<p>{phrase}</p>",
    "emphasis inside": _inside(_split_emphasis),
    "html inside": _inside(_html_inline),
    "html entities": _inside(_entity),
    "zero-width characters": _inside(_zero_width),
    "bidi controls": _inside(_bidi),
    "full-width characters": _inside(_full_width),
    "soft line break": _inside(_soft_break),
    "backslash escapes": _inside(_escape),
}
# Constructs whose link target holds the identifier: the visible text does not.
HIDDEN_CONSTRUCTS = {"link target"}

# --- Hard negatives ---------------------------------------------------------------------------

NEGATIVES = {
    "service name": [
        "Changing Lives",
        "St Mungo's",
        "Turning Point",
        "Change Grow Live",
        "Shelter",
        "Citizens Advice Gateshead",
        "Jobcentre Plus",
        "the Samaritans",
        "Queen Elizabeth Hospital",
        "the Royal Victoria Infirmary",
        "Mary Seacole House",
        "the Florence Nightingale ward",
        "Marie Curie nurses",
        "the Sue Ryder hospice",
        "the Cyrenians",
        "Humankind",
        "the Salvation Army",
        "Barnardo's",
        "Women's Aid",
        "Mind in Gateshead",
        "the Anthony Nolan register",
        "the Joseph Rowntree Foundation",
    ],
    "job title": [
        "the Lead Practitioner",
        "a Housing Options Officer",
        "the Community Psychiatric Nurse",
        "an Approved Mental Health Professional",
        "the Senior Probation Officer",
        "the Dual Diagnosis Worker",
        "an Independent Domestic Violence Advisor",
        "the Rough Sleeper Navigator",
        "the Adult Social Care Team Manager",
        "a Peer Mentor",
        "the Head of Commissioning",
        "a Custody Sergeant",
        "the GP Practice Manager",
    ],
    "street as a place": [
        "the High Street hub",
        "the Station Road surgery",
        "a flat off Westgate Road",
        "the drop-in near Grey Street",
        "the Victoria Road clinic",
        "the Albert Road hostel",
        "the Mill Lane day centre",
        "a bench on Church Street",
        "the Market Place outreach van",
    ],
    "date, not birth": [
        "a meeting on 12 March 2024",
        "discharge on 03/04/2024",
        "the review held 2024-05-01",
        "a deadline of 31/12/2025",
        "the 2nd of June 2023 forum",
        "an appointment on 14.02.2024",
        "notice served on 1st September 2023",
        "the inquest in May 2022",
    ],
    "statute": [
        "s.136 MHA",
        "a Section 21 notice",
        "Care Act 2014 s42",
        "s.117 aftercare",
        "Housing Act 1996 Part 7",
        "Article 8 ECHR",
        "s.47 Children Act 1989",
        "Section 2 of the Mental Health Act 1983",
        "the Homelessness Reduction Act 2017",
        "a s.11 Care Act assessment",
        "Regulation 12 of the 2014 Regulations",
    ],
    "money": [
        "arrears of £1,200",
        "a £250.50 DHP award",
        "£75 a week",
        "a £3.2m contract",
        "£12,500 per year",
        "the £40 crisis grant",
        "£1,234,567 over five years",
    ],
    "time": [
        "the 14:30 slot",
        "a call at 9.30am",
        "the 2pm handover",
        "a 07:45 start",
        "between 10:00 and 12:00",
        "the 17.15 bus",
    ],
    "count or code": [
        "Ward 3B",
        "room 101",
        "48 people",
        "3 times in 2023/24",
        "the NE8 area",
        "NHS 111",
        "999 and 101",
        "version 2.1.3",
        "Bay 12",
        "Phase 2 of the pilot",
        "45 to 12 cases",
        "0.5 WTE",
        "a 2 bed flat",
        "Level 2",
        "Team B",
        "Person A",
        "Mr A",
        "Adult C",
        "participant WA-7K3F",
    ],
    "capitalised phrase": [
        "Bright Spots",
        "Universal Credit",
        "the Care Act",
        "What Worked Well",
        "Housing First",
        "Newcastle upon Tyne",
        "St James' Park",
        "Gateshead Civic Centre",
        "a grace period",
        "the May Day bank holiday",
        "Victoria Station",
        "Making Every Adult Matter",
        "Team Around the Person",
        "Fulfilling Lives Lambeth",
        "People at the Heart",
        "the Harm Reduction Hub",
        "Early Help",
        "the Mental Health Act",
        "Dr Foster Unit",
        "Mr Men books",
        "the Sir James Spence Institute",
        "King George Road",
        "Jack Straw's Castle",
        "Grace Darling Campus",
        "Mark Lane station",
        "the John Lewis Partnership",
        "Florence Nightingale Hospice",
        "the Elizabeth Line",
        "Marie Curie Hospice",
    ],
    "cue word without an identifier": [
        "DOB not recorded",
        "date of birth withheld",
        "born and raised in Gateshead",
        "no NHS number on file",
        "a case reference was requested",
        "her name was not shared",
        "known as a safe space",
        "the client ID field left blank",
        "a crime number was issued",
        "the postcode lottery",
        "an email to the duty team",
        "a phone call to the hostel",
        "the Mosaic record",
        "hospital number requested",
    ],
    "reference that is not a person": [
        "invoice 12345678",
        "grant reference AB123456",
        "contract 2024/0456",
        "ISBN 978-0-14-044913-6",
        "tender ref TR-2024-009",
        "policy 4.2.1",
    ],
}


@dataclass
class Snippet:
    text: str
    kind: str  # an identifier kind, or "" for a hard negative
    fmt: str  # identifier format, or the negative's category
    construct: str
    split: str
    identifier: str = ""  # the identifier as it appears in `text`
    span: tuple[int, int] = field(default=(0, 0))


SEEDS = {"tuning": 13, "held_out": 2026}
SIZES = {"tuning": 2400, "held_out": 600}


def generate(split: str = "tuning") -> tuple[list[Snippet], list[Snippet]]:
    """(positives, hard negatives) for a split; the same every run."""
    rng = random.Random(SEEDS[split])
    formats = _formats(split)
    pairs = [(kind, name) for kind, names in formats.items() for name in names]
    constructs = list(CONSTRUCTS)
    positives = []
    for index in range(SIZES[split]):
        kind, name = pairs[index % len(pairs)]
        construct = constructs[(index // len(pairs) + index) % len(constructs)]
        phrase, identifier = formats[kind][name](rng)
        typed = CONSTRUCTS[construct](phrase, identifier, rng)
        template = rng.choice(PROSE[split])
        text = template.replace("{X}", typed)
        start = len(template.split("{X}")[0])
        positives.append(
            Snippet(text, kind, name, construct, split, typed, (start, start + len(typed)))
        )
    negatives = []
    categories = [(category, item) for category, items in NEGATIVES.items() for item in items]
    for index in range(SIZES[split]):
        category, item = categories[index % len(categories)]
        construct = constructs[(index // len(categories) + index) % len(constructs)]
        if construct in HIDDEN_CONSTRUCTS:
            construct = "plain"
        typed = CONSTRUCTS[construct](item, item, rng)
        text = rng.choice(NEGATIVE_PROSE[split]).replace("{X}", typed)
        negatives.append(Snippet(text, "", category, construct, split))
    return positives, negatives


@dataclass
class Tally:
    total: int = 0
    hits: int = 0

    @property
    def rate(self) -> float:
        return 100.0 * self.hits / self.total if self.total else 0.0


def evaluate(split: str = "tuning"):
    """Recall by kind, format and construct; false positives by category and construct."""
    from privacy.guard import find_identifiers

    positives, negatives = generate(split)
    recall: dict[tuple[str, str], Tally] = {}
    misses = []
    for snippet in positives:
        start, end = snippet.span
        found = any(f.start < end and f.end > start for f in find_identifiers(snippet.text))
        for key in (("kind", snippet.kind), ("format", f"{snippet.kind}: {snippet.fmt}"),
                    ("construct", snippet.construct), ("all", "all")):  # fmt: skip
            tally = recall.setdefault(key, Tally())
            tally.total += 1
            tally.hits += found
        if not found:
            misses.append(snippet)
    flagged: dict[tuple[str, str], Tally] = {}
    false_positives = []
    for snippet in negatives:
        findings = find_identifiers(snippet.text)
        for key in (("category", snippet.fmt), ("construct", snippet.construct), ("all", "all")):
            tally = flagged.setdefault(key, Tally())
            tally.total += 1
            tally.hits += bool(findings)
        if findings:
            false_positives.append((snippet, findings))
    return recall, flagged, misses, false_positives


def report(split: str) -> str:
    recall, flagged, misses, false_positives = evaluate(split)
    lines = [f"### {split.replace('_', '-')} split", ""]
    overall, fp = recall[("all", "all")], flagged[("all", "all")]
    lines.append(
        f"{overall.total} positive snippets, recall {overall.hits}/{overall.total} "
        f"({overall.rate:.1f}%); {fp.total} hard negatives, false positives {fp.hits}/{fp.total} "
        f"({fp.rate:.2f}%)."
    )
    for title, group, table in (
        ("Recall by format", "format", recall),
        ("Recall by construct or evasion", "construct", recall),
        ("False positives by negative category", "category", flagged),
        ("False positives by construct or evasion", "construct", flagged),
    ):
        lines += ["", f"| {title.lower()} | snippets | caught | rate |", "|---|---|---|---|"]
        for (key_group, key), tally in sorted(table.items()):
            if key_group == group:
                lines.append(f"| {key} | {tally.total} | {tally.hits} | {tally.rate:.1f}% |")
    if misses:
        lines += ["", "Missed:"] + [f"- `{m.fmt}` / {m.construct}: {m.text!r}" for m in misses]
    if false_positives:
        lines += ["", "False positives:"] + [
            f"- {s.fmt} / {s.construct}: {[f.text for f in found]} in {s.text!r}"
            for s, found in false_positives
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    for name in sys.argv[1:] or ["tuning", "held_out"]:
        print(report(name))
        print()
