"""Held-out templates for the harder cases of issue #13 (see tests/privacy/corpus_extra.py).

Written before the guard was changed for them and only ever scored: never read its misses to
adjust the guard. `⟦...⟧` marks the identifier; `{G}` a given name, `{S}` a surname, `{I}` an
initial, `{N}` an NHS number, `{D}`/`{M}`/`{Y}` a day, month name and year of birth.
"""

GIVEN = [
    "Tobias", "Kemal", "Bartholomew", "Oluwaseun", "Magnus", "Ingrid", "Cosmin", "Dariusz",
    "Rhona", "Thaddeus", "Ruairi", "Eleni", "Yusra", "Marcus", "Joanne", "Stacey", "Declan",
    "Precious", "Ayodele", "Benedict",
]  # fmt: skip
SURNAME = [
    "Blackwood", "Adeyinka", "Thistlethwaite", "Kowalczyk", "MacLeod", "O'Rourke", "Pritchard",
    "Demir", "Harrington-Lowe", "Abara", "Smith", "Jones", "Patel", "Begum",
]  # fmt: skip

POSITIVES = {
    "name: given + surname, unlisted": [
        "The review heard that ⟦{G} {S}⟧ was discharged without a plan.",
        "Outreach found ⟦{G} {S}⟧ sleeping behind the station.",
        "⟦{G} {S}⟧ told the panel the letters never arrived.",
        "A referral for ⟦{G} {S}⟧ was rejected twice by the CMHT.",
    ],
    "name: given alone in person context": [
        "The key worker met with ⟦{G}⟧ at the day centre on Friday.",
        "We rang ⟦{G}⟧'s GP but the surgery would not speak to us.",
        "⟦{G}⟧ said nobody had explained the sanction.",
        "Staff supported ⟦{G}⟧ to register with a dentist.",
        "When ⟦{G}⟧ arrived at A&E nobody checked the care plan.",
        "The navigator accompanied ⟦{G}⟧ to the Jobcentre.",
    ],
    "name: relation then name": [
        "Her brother, ⟦{G} {S}⟧, had been caring for her.",
        "His partner ⟦{G}⟧ was worried about the arrears.",
        "Her daughter ⟦{G}⟧ called the hostel every evening.",
        "The person's carer, ⟦{G}⟧, was not invited to the meeting.",
    ],
    "name: initial": [
        "The letter was signed by ⟦{I}. {S}⟧ from the ward.",
        "Notes from ⟦Mr {I} {S}⟧ were missing from the file.",
        "Seen by ⟦Dr {I}.{S}⟧ in the minor injuries unit.",
    ],
    "name: apostrophe or hyphen surname": [
        "A worker from the hostel described ⟦{G} O'Hanlon⟧ as settled.",
        "The tenancy was in the name of ⟦{G} Fforde-Mackie⟧.",
        "Legal aid was arranged for ⟦{G} D'Costa⟧ after the hearing.",
    ],
    "name: possessive": [
        "Staff did not know ⟦{G} {S}⟧'s medication had changed.",
        "⟦{S}⟧'s benefits were stopped after the move. Mr ⟦{S}⟧ appealed.",
        "Everyone agreed ⟦{G}⟧'s tenancy could have been saved.",
    ],
    "name: capitals": [
        "The discharge summary was headed ⟦{G_UP} {S_UP}⟧ in bold.",
        "Pasted from the system: ⟦{S_UP}, {G}⟧ - no fixed abode.",
    ],
    "name: markdown": [
        "Discussed the case of **⟦{G} {S}⟧** at MARAC.",
        "| person | status |\n|---|---|\n| ⟦{G} {S}⟧ | housed |",
        "## Notes on ⟦{G} {S}⟧\n\nHousing was found in March.",
        "See [⟦{G} {S}⟧](https://example.org/case) for the history.",
        "<!-- ⟦{G} {S}⟧ -->The person asked for a female worker.",
        "Discharged: *⟦{G}⟧* went back to the hostel.",
    ],
    "nhs: unusual separators": [
        "Her NHS no. was ⟦{N_DOT}⟧ on the form.",
        "NHS: ⟦{N_SPACE}⟧",
        "The NHS number ⟦{N_HYPHEN}⟧ was on the discharge letter.",
        "nhs number:⟦{N}⟧",
    ],
    "phone: unusual layouts": [
        "Mobile: ⟦+44 (0) 7700 900 456⟧",
        "ring her on ⟦07700-900-789⟧ after 5",
        "Call ⟦(0161) 496 0123⟧ and ask for the duty worker.",
        "tel ⟦0044 7700 900321⟧",
        "His number is ⟦+447700900654⟧.",
    ],
    "postcode: unusual forms": [
        "She was staying near ⟦m1 1ae⟧ with a friend.",
        "Postcode ⟦EC1A1BB⟧ on the letter.",
        "moved to ⟦ls6  2ab⟧ last month",
        "The hostel at ⟦CF10 1EP⟧ closed.",
    ],
    "date of birth: other layouts": [
        "DOB - ⟦{D} {M} {Y}⟧",
        "She was born on the ⟦{D_ORD} of {M} {Y}⟧.",
        "D.O.B.: ⟦{DD}/{MM}/{YY}⟧",
        "Date of birth ⟦{Y}-{MM}-{DD}⟧",
        "Birth date: ⟦{DD}.{MM}.{Y}⟧",
        "b. ⟦{D} {M_SHORT} {Y}⟧",
    ],
    "email: obfuscated": [
        "Write to ⟦{g} at example dot com⟧ for the notes.",
        "Her email was ⟦{g}.{s} (at) gmail (dot) com⟧.",
        "Contact ⟦{g}[at]outlook[dot]com⟧ about the referral.",
        "emailed ⟦{g} @ hotmail.co.uk⟧ by mistake",
        "address ⟦{g}_{s} AT yahoo DOT co DOT uk⟧ was on file",
    ],
    "ni: unusual spacing": [
        "NI no: ⟦{NI_SPACED}⟧",
        "The letter quoted National Insurance ⟦{NI_DASHED}⟧.",
    ],
}

NEGATIVES = {
    "service names": [
        "Sustain: the St Mungo's outreach team came out the same night.",
        "Turning Point and Change Grow Live run the recovery hub together.",
        "Shelter's advice line helped with the Section 21 notice.",
        "Mind in Gateshead offered six sessions of counselling.",
        "The Salvation Army hostel on the quayside took the referral.",
        "Crisis Skylight ran a cooking course that people came back to.",
        "The Big Issue vendor scheme gave him a reason to get up.",
        "Age UK visited weekly and noticed the fridge was empty.",
        "Refuge and Women's Aid both said they were full.",
        "Barnardo's and The Children's Society shared the learning.",
        "We referred to Citizens Advice for the PIP appeal.",
        "The Samaritans number was on the back of the card.",
        "Oasis Community Housing kept the room open for two weeks.",
        "Framework Housing Association and Emmaus both offered a bed.",
        "The Cyrenians and Depaul UK ran the night shelter rota.",
    ],
    "roles and teams": [
        "The Community Mental Health Team said the threshold was not met.",
        "An Approved Mental Health Professional attended with the GP.",
        "The Housing Options Officer and the Tenancy Sustainment Officer met weekly.",
        "Our Lead Practitioner chaired the After Action Review.",
        "The Duty Social Worker passed it to the Hospital Discharge Team.",
        "A Peer Support Worker from Recovery Connections came along.",
        "The Rough Sleeper Coordinator escalated it to the Head of Service.",
        "The Probation Practitioner and the Drug and Alcohol Worker disagreed.",
    ],
    "places": [
        "She grew up in Newcastle upon Tyne and moved to Sunderland.",
        "The drop-in at Grainger Market moved to Eldon Square.",
        "He was found near Central Station and taken to the RVI.",
        "The pilot ran in Gateshead, South Tyneside and North Tyneside.",
        "Services in Milton Keynes and Stoke-on-Trent were compared.",
        "The Queen Elizabeth Hospital and Freeman Hospital share a discharge team.",
        "Byker Wall and Walker Riverside were the areas with most evictions.",
    ],
    "sentence starts and calendar": [
        "Monday was the only day the hostel had a nurse.",
        "March and April saw the most evictions.",
        "Nobody asked what had happened before.",
        "Later that week the tenancy was saved.",
        "Everyone agreed the handover had worked.",
        "Christmas is when the night shelter is busiest.",
        "Easter closures meant no prescriptions for four days.",
        "Ramadan timings were not considered in the appointment letter.",
        "Unfortunately Friday afternoon discharges remain common.",
    ],
    "jargon and programmes": [
        "Housing First and Making Every Adult Matter shaped the approach.",
        "The MARAC, MAPPA and MASH each held part of the picture.",
        "Universal Credit sanctions followed the missed Work Capability Assessment.",
        "The Duty to Refer under the Homelessness Reduction Act was not used.",
        "Trauma Informed Care training was given to all reception staff.",
        "The Team Around the Person met on the first Tuesday of the month.",
        "Fulfilling Lives and Changing Futures funded the navigator posts.",
        "Personal Independence Payment was reinstated after Mandatory Reconsideration.",
        "Care Act assessments and Section 117 aftercare were both delayed.",
    ],
    "numbers that are not identifiers": [
        "Between 2021 and 2024 the caseload rose from 120 to 310.",
        "The DHP of £1,250 cleared most of the arrears.",
        "Call 111 or 999 in an emergency; the helpline is 0800 in the leaflet.",
        "Appointments at 09:30 and 14:45 were both missed.",
        "The review on 12 March 2024 found three missed chances.",
        "Room 12, Ward 3B and Bay 4 were all mentioned in the notes.",
        "Version 2.4.1 of the protocol is dated 01/04/2024.",
        "It took 14 days, 3 phone calls and 2 letters to get a reply.",
    ],
    "people by role, not name": [
        "The person said their support worker was the first to listen.",
        "Her son visited on Sundays but could not offer a room.",
        "The man's partner had been his carer for ten years.",
        "A woman in her 40s was discharged at 10pm with nowhere to go.",
        "Participant WA-7K3F asked for the same worker each time.",
        "Person B and Person C were both known to the outreach team.",
    ],
}
