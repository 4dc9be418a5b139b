"""Development templates for the harder cases of issue #13 (see tests/privacy/corpus_extra.py).

The guard was adjusted against these; tests/privacy/extra_held_out.py has other names, other
templates and other negatives and is only scored. `⟦...⟧` marks an identifier; `{G}` a given
name, `{S}` a surname, `{I}` an initial, `{N}` an NHS number, `{D}`/`{M}`/`{Y}` a day, month name
and year of birth.
"""

GIVEN = [
    "Barnaby", "Ottilie", "Kwesi", "Hattie", "Lorcan", "Zeynep", "Radu", "Elspeth", "Tobenna",
    "Marek", "Jessica", "Sarah", "Wiktor", "Anouk", "Jolene", "Caleb", "Nkechi", "Fenella",
    "Brogan", "Lowri",
]  # fmt: skip
SURNAME = [
    "Fairweather", "Pemberton", "Okonjo", "Grimshaw", "Yilmaz", "Nowacki", "Ashworth",
    "McAllister", "O'Driscoll", "Smith-Jones", "Smith", "Khan", "Taylor", "Hughes",
]  # fmt: skip

POSITIVES = {
    "name: given + surname, unlisted": [
        "⟦{G} {S}⟧ was evicted in the spring.",
        "The hostel manager said ⟦{G} {S}⟧ had been barred.",
        "We followed ⟦{G} {S}⟧'s journey for six months.",
        "After the review ⟦{G} {S}⟧ moved into supported housing.",
        "A letter addressed to ⟦{G} {S}⟧ was left at reception.",
    ],
    "name: given alone in person context": [
        "Met with ⟦{G}⟧ at the hostel to talk about the move.",
        "⟦{G}⟧'s GP had not been told about the overdose.",
        "I spoke to ⟦{G}⟧ about the missed appointment.",
        "⟦{G}⟧ explained that the phone had been stolen.",
        "The outreach worker visited ⟦{G}⟧ twice a week.",
        "We asked ⟦{G}⟧ what would have helped.",
        "⟦{G}⟧ was discharged from the ward at 9pm.",
        "Nobody told ⟦{G}⟧ that the claim had closed.",
    ],
    "name: relation then name": [
        "Her son, ⟦{G} {S}⟧, was at the meeting.",
        "His mum ⟦{G}⟧ rang the team in tears.",
        "Her husband ⟦{G} {S}⟧ was the tenant.",
        "Their friend, ⟦{G}⟧, let them sleep on the sofa.",
        "The person's sister ⟦{G}⟧ had power of attorney.",
    ],
    "name: initial": [
        "⟦{I}. {S}⟧ signed the discharge letter.",
        "The referral came from ⟦Mr {I} {S}⟧ at the surgery.",
        "⟦Dr {I}. {S}⟧ reviewed the medication.",
        "Copied to ⟦{I} {S}⟧, team leader.",
    ],
    "name: apostrophe or hyphen surname": [
        "⟦{G} O'Sullivan⟧ attended the review.",
        "The flat was let to ⟦{G} Lloyd-Price⟧ last year.",
        "⟦{G} McNamara-Hay⟧ was referred twice.",
        "⟦{G} O’Leary⟧ asked for a copy of the notes.",
    ],
    "name: possessive": [
        "⟦{G} {S}⟧'s tenancy was saved by the DHP.",
        "We read ⟦{G}⟧'s story at the start of the forum.",
        "⟦{G}⟧’s support worker left in May.",
    ],
    "name: capitals": [
        "⟦{G_UP} {S_UP}⟧ - DNA x3",
        "RE: ⟦{S_UP}, {G}⟧ referral",
        "Client: ⟦{G_UP}⟧ (no fixed abode)",
    ],
    "name: markdown": [
        "- ⟦{G} {S}⟧ housed in March\n- review in June",
        "| name | outcome |\n|---|---|\n| ⟦{G} {S}⟧ | evicted |",
        "### ⟦{G} {S}⟧\n\nFirst contact at the drop-in.",
        "[⟦{G} {S}⟧](#) was on the list.",
        "<!-- ⟦{G} {S}⟧ --> The handover worked well.",
        "_⟦{G} {S}⟧_ left the ward early.",
        "**⟦{G}⟧** said the hostel was unsafe.",
        "Seen by Mr ⟦Sm&#105;th⟧ on Tuesday.",
        "Seen by ⟦{G} {S_ENT}⟧ on Tuesday.",
    ],
    "nhs: unusual separators": [
        "NHS ⟦{N_SPACE}⟧",
        "NHS no ⟦{N_HYPHEN}⟧ on the referral",
        "her nhs number ⟦{N}⟧",
        "NHS No.: ⟦{N_SPACE}⟧.",
    ],
    "phone: unusual layouts": [
        "phone ⟦+44 (0)7700 900123⟧",
        "mob ⟦07700 900 123⟧",
        "Tel: ⟦0191 498 0123⟧",
        "call ⟦+44 191 498 0456⟧ for the ward",
        "landline ⟦020-7946-0321⟧",
    ],
    "postcode: unusual forms": [
        "lives near ⟦SW1A1AA⟧",
        "postcode ⟦ne8 4qr⟧",
        "Found at ⟦B33 8TH⟧ by the police.",
        "She gave ⟦dn1 2ab⟧ as her address.",
    ],
    "date of birth: other layouts": [
        "DOB ⟦{D_ORD} {M} {Y}⟧",
        "DOB: ⟦{Y}-{MM}-{DD}⟧",
        "dob ⟦{DD}/{MM}/{YY}⟧",
        "born ⟦{D} {M} {Y}⟧ in Leeds",
        "date of birth ⟦{D_ORD} {M_SHORT} {Y}⟧",
    ],
    "email: obfuscated": [
        "email ⟦{g} at example dot com⟧",
        "⟦{g}.{s} at gmail dot com⟧ was the contact",
        "send it to ⟦{g} [at] nhs [dot] net⟧",
        "⟦{g}(at)hotmail.co.uk⟧ on the form",
        "her email ⟦{g} at yahoo.co.uk⟧",
    ],
    "ni: unusual spacing": [
        "NI: ⟦{NI_SPACED}⟧",
        "NINO ⟦{NI_DASHED}⟧",
    ],
}

NEGATIVES = {
    "service names": [
        "St Mungo's took the referral the same day.",
        "Turning Point ran the needle exchange.",
        "Change Grow Live offered a script within a week.",
        "Shelter helped with the homelessness application.",
        "Mind ran a peer support group on Thursdays.",
        "Crisis and Centrepoint both attended the forum.",
        "The Big Issue Foundation funded the phones.",
        "Changing Lives opened a women's service.",
        "Humankind and We Are With You merged the drop-ins.",
        "Jobcentre Plus waived the sanction after the review.",
        "The Samaritans and Shout both offered text support.",
        "Citizens Advice Gateshead helped with the appeal.",
        "Women's Aid found a refuge place in Durham.",
        "Age UK Newcastle visited the flat.",
        "Thames Reach and St Martin's ran the winter shelter.",
    ],
    "roles and teams": [
        "The Lead Practitioner rang the Housing Options team.",
        "A Community Psychiatric Nurse visited the hostel.",
        "The Senior Probation Officer chaired the meeting.",
        "The Dual Diagnosis Worker joined the call.",
        "An Independent Domestic Violence Advisor was present.",
        "The Rough Sleeper Navigator and the Outreach Worker met weekly.",
        "The Adult Social Care Team Manager signed off the plan.",
        "The Hospital Discharge Coordinator phoned the hostel.",
    ],
    "places": [
        "She moved from Gateshead to South Shields.",
        "The outreach van parks on Northumberland Street.",
        "The person slept in Leazes Park for a week.",
        "The drop-in is near Monument Metro.",
        "He was taken to the Royal Victoria Infirmary.",
        "The pilot started in Newcastle and spread to Durham.",
        "Services in Tower Hamlets and Hackney took part.",
    ],
    "sentence starts and calendar": [
        "Tuesday is the busiest day at the drop-in.",
        "January was the worst month for evictions.",
        "Nobody followed up after the discharge.",
        "Everyone at the forum agreed.",
        "Someone from the council called back.",
        "During Ramadan the appointment times changed.",
        "Sadly the tenancy could not be saved.",
        "Eventually the GP agreed to a home visit.",
    ],
    "jargon and programmes": [
        "Housing First tenancies lasted longer.",
        "Making Every Adult Matter shaped the approach.",
        "Universal Credit and Housing Benefit were both suspended.",
        "The Care Act assessment was delayed.",
        "A Section 21 notice was served.",
        "Trauma Informed Practice training helped.",
        "Duty to Refer was used for the first time.",
        "Team Around the Person met monthly.",
        "Personal Independence Payment was refused.",
        "Bright Spots forum heard about the warm handover.",
    ],
    "numbers that are not identifiers": [
        "The caseload dropped from 45 to 12 in 2023.",
        "Arrears of £1,200 were cleared by the DHP.",
        "Call 111 for advice.",
        "The 14:30 appointment was missed.",
        "Room 101 was used for the reflection space.",
        "The meeting on 3 March 2024 agreed the protocol.",
        "It took 6 weeks and 4 referrals.",
    ],
    "nouns that open a sentence": [
        "Tenancy kept; no rent arrears; no return to rough sleeping.",
        "Attendance went up noticeably after the handover.",
        "Accommodation was found within the week.",
        "Funding was released in April.",
        "Duty was discharged when the offer was refused.",
        "Paperwork was missing from the referral.",
    ],
    "people by role, not name": [
        "The person said the support worker listened.",
        "Her son came to the review.",
        "His partner was his carer.",
        "A man in his 50s was discharged late at night.",
        "Participant BX-42 asked for a female worker.",
        "Person A and Person D were known to services.",
    ],
}
