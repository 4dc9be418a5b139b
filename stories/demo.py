"""One demo cohort of six in Gateshead, with pseudonymised journeys and a published summary.

Idempotent: the cohort is found by name, and journeys are added only when it has none.
"""

import datetime

from django.db import transaction

from barriers.models import Barrier
from people.models import User
from taxonomy.models import Agency, Area, Need

from .models import Cohort, CohortMembership, CohortSummary, Participant, Touchpoint
from .services import link_barriers

COHORT_NAME = "Gateshead walking-alongside cohort 1"

AE = "Queen Elizabeth Hospital A&E"
CMHT = "Gateshead Community Mental Health Team"
DRUGS = "Gateshead Drug and Alcohol Service"
HOUSING = "Gateshead Housing Options"
POLICE = "Northumbria Police (Gateshead)"
SOCIAL_CARE = "Gateshead Adult Social Care"
PROBATION = "Probation (Gateshead office)"
CAFE = "Outreach café (voluntary sector)"

BOUNCED = "Referral bounced between services"
DUAL = "Dual diagnosis: one need at a time"
RETELL = "Having to retell the story"
DISCHARGE = "Transitions and discharge (prison, hospital, leaving care)"
LOGISTICS = "Appointment times and logistics"
THRESHOLD = "Eligibility thresholds ('come back when you're worse')"

# (alias, involvement, expert-by-relationship role, needs, touchpoints)
# touchpoint: (days from cohort start, where, kind, outcome, what happened, own words, learning,
# barrier theme to link when the snag matches a logged barrier)
PARTICIPANTS = [
    (
        "Robin",
        Participant.Involvement.CO_AUTHOR,
        "sister",
        ["Mental health", "Substance use (drugs and alcohol)", "Dual diagnosis"],
        [
            (
                3,
                AE,
                "crisis",
                "neutral",
                "Attended A&E at night after a crisis. Seen by the liaison psychiatry nurse and discharged with a leaflet.",
                "",
                "Discharge at 3am with a leaflet is not a plan.",
                None,
            ),
            (
                10,
                CMHT,
                "referral",
                "snagged",
                "Referred by the GP practice to the CMHT. Declined: the team asked for drug use to be addressed first.",
                "They said sort the drink out and come back.",
                "Dual diagnosis is still treated one need at a time.",
                DUAL,
            ),
            (
                24,
                DRUGS,
                "referral",
                "snagged",
                "Drug and alcohol service declined: mental health said to be the primary need. Referral sent back to the GP practice.",
                "",
                "Each service saw the other as the front door.",
                BOUNCED,
            ),
            (
                38,
                CAFE,
                "informal_support",
                "helped",
                "Started dropping in to the outreach café. A peer worker sat with them and listened without a form.",
                "First place nobody asked me to start again.",
                "Relational, no-form contact kept the person engaged while services argued.",
                None,
            ),
            (
                52,
                DRUGS,
                "assessment",
                "helped",
                "Joint assessment with the CMHT dual diagnosis worker, arranged by the lead practitioner.",
                "",
                "A joint assessment ended six weeks of bouncing.",
                None,
            ),
            (
                66,
                CMHT,
                "appointment",
                "helped",
                "Care coordinator allocated; first appointment held at the café, not the clinic.",
                "",
                "Meeting where the person already feels safe works.",
                None,
            ),
            (
                90,
                DRUGS,
                "appointment",
                "neutral",
                "Missed one appointment; the service rang the lead practitioner rather than discharging.",
                "",
                "A call instead of a discharge letter kept the door open.",
                None,
            ),
        ],
    ),
    (
        "",
        Participant.Involvement.REVIEWER,
        "",
        ["Homelessness and rough sleeping", "Offending and criminal justice"],
        [
            (
                1,
                PROBATION,
                "discharge",
                "snagged",
                "Released from prison on a Friday afternoon with no accommodation arranged.",
                "Out at four o'clock with a bag and a travel warrant.",
                "Friday releases land after the housing team closes.",
                DISCHARGE,
            ),
            (
                1,
                HOUSING,
                "assessment",
                "snagged",
                "Presented to Housing Options at closing time; told to come back on Monday.",
                "",
                "No out-of-hours route for people leaving prison.",
                DISCHARGE,
            ),
            (
                4,
                HOUSING,
                "assessment",
                "neutral",
                "Homelessness assessment completed; placed in emergency accommodation out of the area.",
                "",
                "Out-of-area placements break links with probation and treatment.",
                None,
            ),
            (
                9,
                PROBATION,
                "appointment",
                "snagged",
                "Probation appointment missed: bus fare from the placement not covered.",
                "",
                "Appointment logistics set people up to breach.",
                LOGISTICS,
            ),
            (
                15,
                PROBATION,
                "appointment",
                "helped",
                "Probation officer moved appointments to the outreach café day so travel was shared.",
                "",
                "Co-locating appointments at the café cut missed appointments.",
                None,
            ),
            (
                40,
                HOUSING,
                "referral",
                "helped",
                "Offered a Housing First tenancy in Gateshead after the lead practitioner presented at the panel.",
                "It's the first key I've had in years.",
                "An advocate at panel made the case the forms could not.",
                None,
            ),
        ],
    ),
    (
        "Jay",
        Participant.Involvement.KEPT_INFORMED,
        "",
        ["Mental health", "Self-harm"],
        [
            (
                5,
                AE,
                "crisis",
                "neutral",
                "Attended A&E after self-harm. Wound treated; waited eleven hours for a mental health assessment.",
                "",
                "Waiting time in A&E is itself a risk.",
                None,
            ),
            (
                6,
                CMHT,
                "assessment",
                "snagged",
                "Assessed by the crisis team and told they did not meet the threshold for secondary care.",
                "I have to be worse before anyone helps.",
                "The threshold rewards getting worse.",
                THRESHOLD,
            ),
            (
                20,
                AE,
                "crisis",
                "snagged",
                "Returned to A&E; had to tell the whole story again to a new team.",
                "",
                "No shared crisis plan between A&E and the CMHT.",
                RETELL,
            ),
            (
                22,
                CMHT,
                "assessment",
                "helped",
                "Lead practitioner joined the assessment; a crisis plan was written with the person and shared with A&E.",
                "",
                "A shared crisis plan written together stopped the retelling.",
                None,
            ),
            (
                35,
                CAFE,
                "informal_support",
                "helped",
                "Joined the weekly art group at the café.",
                "",
                "",
                None,
            ),
        ],
    ),
    (
        "",
        Participant.Involvement.CO_AUTHOR,
        "long-standing friend",
        ["Substance use (drugs and alcohol)", "Physical health", "Debt and arrears"],
        [
            (
                2,
                CAFE,
                "outreach",
                "helped",
                "Outreach worker met them at the café and helped them register with a GP practice.",
                "",
                "",
                None,
            ),
            (
                12,
                DRUGS,
                "assessment",
                "helped",
                "Started opiate substitution treatment within a week of the assessment.",
                "",
                "Fast start kept motivation.",
                None,
            ),
            (
                30,
                SOCIAL_CARE,
                "referral",
                "snagged",
                "Care Act assessment request closed after two letters went unanswered: no fixed address for post.",
                "",
                "Letters are not a way to reach people without an address.",
                LOGISTICS,
            ),
            (
                44,
                SOCIAL_CARE,
                "assessment",
                "helped",
                "Assessment re-opened and done at the café with the lead practitioner present.",
                "",
                "",
                None,
            ),
            (
                58,
                AE,
                "admission",
                "neutral",
                "Admitted with a leg infection; treated and discharged after four days.",
                "",
                "",
                None,
            ),
            (
                59,
                DRUGS,
                "discharge",
                "snagged",
                "Prescription lapsed while in hospital; nobody told the drug service about the admission.",
                "I came out and had nothing for two days.",
                "Hospital and drug service do not share admissions.",
                DISCHARGE,
            ),
            (
                63,
                DRUGS,
                "appointment",
                "helped",
                "Prescription restarted same day after the lead practitioner rang.",
                "",
                "",
                None,
            ),
            (
                80,
                HOUSING,
                "appointment",
                "neutral",
                "Housing register application started.",
                "",
                "",
                None,
            ),
        ],
    ),
    (
        "Sky",
        Participant.Involvement.REVIEWER,
        "",
        ["Domestic abuse", "Mental health", "Homelessness and rough sleeping"],
        [
            (
                4,
                POLICE,
                "crisis",
                "helped",
                "Police attended a domestic incident and made a referral to the independent domestic violence advocate service.",
                "",
                "",
                None,
            ),
            (
                7,
                HOUSING,
                "assessment",
                "snagged",
                "Asked to give an account of the abuse three times to three different officers.",
                "Every time I said it, it got harder.",
                "Survivors retell their story at each step.",
                RETELL,
            ),
            (
                8,
                HOUSING,
                "admission",
                "helped",
                "Placed in a refuge space the same day.",
                "",
                "",
                None,
            ),
            (
                26,
                CMHT,
                "referral",
                "snagged",
                "CMHT referral rejected: out of area now the person is in the refuge.",
                "",
                "Area boundaries follow the address, not the person.",
                BOUNCED,
            ),
            (
                33,
                CMHT,
                "referral",
                "helped",
                "Accepted after the lead practitioner asked the two CMHTs to agree who holds the case.",
                "",
                "",
                None,
            ),
            (
                70,
                CAFE,
                "informal_support",
                "helped",
                "Peer support group at the café.",
                "",
                "",
                None,
            ),
        ],
    ),
    (
        "",
        Participant.Involvement.DECLINED,
        "",
        [
            "Offending and criminal justice",
            "Substance use (drugs and alcohol)",
            "Learning disability",
        ],
        [
            (
                6,
                POLICE,
                "other",
                "neutral",
                "Arrested for shoplifting; the custody liaison worker screened for support needs.",
                "",
                "",
                None,
            ),
            (
                7,
                PROBATION,
                "assessment",
                "snagged",
                "Pre-sentence report written without the learning disability being known to probation.",
                "",
                "Information not shared between custody liaison and probation.",
                RETELL,
            ),
            (
                20,
                DRUGS,
                "referral",
                "snagged",
                "Told to attend a group; the written materials were not accessible.",
                "",
                "Easy-read materials were not offered.",
                THRESHOLD,
            ),
            (
                28,
                DRUGS,
                "appointment",
                "helped",
                "One-to-one sessions with easy-read materials after the lead practitioner asked.",
                "",
                "",
                None,
            ),
            (
                45,
                SOCIAL_CARE,
                "assessment",
                "helped",
                "Learning disability assessment completed; a support worker allocated.",
                "",
                "",
                None,
            ),
        ],
    ),
]

SUMMARY_TEXT = """Six people walked alongside in Gateshead showed the same snags again and again.

- **Dual diagnosis** is still treated one need at a time: referrals bounced between the CMHT and
  the drug and alcohol service until a joint assessment was arranged.
- **Leaving prison or hospital** on a Friday, or without services being told, left people with
  no accommodation or no prescription.
- **Retelling the story**: people were asked to repeat traumatic accounts to each new worker.

What helped: a lead practitioner who rang instead of writing, meeting at the outreach café, joint
assessments, and a shared crisis plan written with the person.
"""


def _where(name):
    agency = Agency.objects.filter(name=name).first()
    return (agency, "") if agency else (None, name)


@transaction.atomic
def seed(stdout):
    area = Area.objects.filter(name="Gateshead").first()
    start = datetime.date(2026, 3, 2)
    cohort, _ = Cohort.objects.get_or_create(
        name=COHORT_NAME,
        defaults={
            "area": area,
            "starts_on": start,
            "ends_on": datetime.date(2026, 12, 18),
            "status": Cohort.Status.ACTIVE,
        },
    )
    team = {
        "caseteam": CohortMembership.Role.LEAD_PRACTITIONER,
        "host": CohortMembership.Role.EXPERT_BY_EXPERIENCE,
    }
    lead = None
    for username, role in team.items():
        user = User.objects.filter(username=username).first()
        if user:
            CohortMembership.objects.get_or_create(
                cohort=cohort, user=user, defaults={"role": role}
            )
            lead = lead or user
    if cohort.participants.exists():
        stdout.write(f"  cohort “{cohort}” already seeded")
        return
    linked = 0
    for alias, involvement, relationship, needs, journey in PARTICIPANTS:
        participant = Participant.objects.create(
            cohort=cohort,
            alias=alias,
            consent_status=Participant.Consent.GIVEN,
            consent_date=start,
            involvement=involvement,
            lead_practitioner=lead,
            has_expert_by_relationship=bool(relationship),
            expert_by_relationship_role=relationship,
        )
        participant.needs.set(Need.objects.filter(name__in=needs))
        for days, where, kind, outcome, happened, own_words, learning, theme in journey:
            agency, service = _where(where)
            touchpoint = Touchpoint.objects.create(
                participant=participant,
                date=start + datetime.timedelta(days=days),
                agency=agency,
                service=service,
                kind=kind,
                outcome=outcome,
                what_happened=happened,
                persons_view=own_words,
                learning_note=learning,
                created_by=lead,
            )
            barrier = theme and Barrier.objects.active().filter(themes__name=theme).first()
            if barrier:
                link_barriers(touchpoint, [barrier], lead)
                linked += 1
    CohortSummary.objects.get_or_create(
        cohort=cohort,
        defaults={
            "title": "What the first Gateshead cohort taught us about bounced referrals",
            "summary": SUMMARY_TEXT,
            "published": True,
        },
    )
    stdout.write(
        f"  cohort “{cohort}”: {len(PARTICIPANTS)} participants, "
        f"{Touchpoint.objects.for_cohort(cohort).count()} touchpoints, {linked} barrier links"
    )
