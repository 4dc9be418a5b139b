"""One demo cohort of six in Gateshead, with pseudonymised journeys and a published summary.

The cohort, its participants and their journeys are data (`stories/data/demo_cohort.json`).
Idempotent: the cohort is found by name, and journeys are added only when it has none.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction

from barriers.models import Barrier
from people.models import User
from taxonomy.models import Agency, Area, Need

from .models import Cohort, CohortMembership, CohortSummary, Participant, Touchpoint
from .services import link_barriers

DEMO_COHORT = json.loads((Path(__file__).parent / "data" / "demo_cohort.json").read_text())
COHORT_NAME = DEMO_COHORT["cohort"]
PARTICIPANTS = DEMO_COHORT["participants"]


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
    for person in PARTICIPANTS:
        relationship = person["expert_by_relationship"]
        participant = Participant.objects.create(
            cohort=cohort,
            alias=person["alias"],
            consent_status=Participant.Consent.GIVEN,
            consent_date=start,
            involvement=person["involvement"],
            lead_practitioner=lead,
            has_expert_by_relationship=bool(relationship),
            expert_by_relationship_role=relationship,
        )
        participant.needs.set(Need.objects.filter(name__in=person["needs"]))
        for step in person["touchpoints"]:
            agency, service = _where(step["where"])
            touchpoint = Touchpoint.objects.create(
                participant=participant,
                date=start + datetime.timedelta(days=step["day"]),
                agency=agency,
                service=service,
                kind=step["kind"],
                outcome=step["outcome"],
                what_happened=step["what_happened"],
                persons_view=step["own_words"],
                learning_note=step["learning"],
                created_by=lead,
            )
            theme = step["barrier_theme"]
            barrier = theme and Barrier.objects.active().filter(themes__name=theme).first()
            if barrier:
                link_barriers(touchpoint, [barrier], lead)
                linked += 1
    CohortSummary.objects.get_or_create(
        cohort=cohort,
        defaults={
            "title": DEMO_COHORT["summary_title"],
            "summary": DEMO_COHORT["summary"],
            "published": True,
        },
    )
    stdout.write(
        f"  cohort “{cohort}”: {len(PARTICIPANTS)} participants, "
        f"{Touchpoint.objects.for_cohort(cohort).count()} touchpoints, {linked} barrier links"
    )
