"""Realistic synthetic learning for scale tests, in the interchange format.

Records mix Bright Spots, barriers and reviews; text is assembled from the controlled
vocabularies and the jargon practitioners use (abbreviations included), so search, facets and
synonyms behave as they would on real data. Deterministic for a given seed.
"""

import datetime
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from taxonomy.models import Agency, Area, BarrierCategory, BarrierTheme, Need

MIX = (("barrier", 0.55), ("bright_spot", 0.25), ("review", 0.20))

SERVICES = [
    "the CMHT", "the crisis team", "A&E", "the emergency department", "the D&A service",
    "the drug and alcohol service", "housing options", "the hostel", "probation", "the DWP",
    "the jobcentre", "the GP practice", "adult social care", "the outreach team", "the police",
    "the IDVA service", "the refuge", "the hospital discharge team", "the recovery service",
    "the leaving care team", "the Housing First team", "the day centre", "the pharmacy",
    "the council tax team", "the MARAC", "the community safety team", "the foodbank",
]  # fmt: skip
PROBLEMS = [
    "referral bounced back", "discharged with NFA", "told to come back when worse",
    "had to retell their story", "case closed after missed appointments",
    "evicted after relapse", "benefit sanction during treatment", "no interpreter booked",
    "appointment letter sent to an old address", "refused without proof of address",
    "assessment delayed for weeks", "NRPF blocked emergency accommodation",
    "ASB injunction ended the placement", "UC claim could not start on release day",
    "MH assessment refused while using", "no handover at 25", "online-only application",
    "methadone collection clashed with probation", "information not shared before the meeting",
    "decision made at a panel without the person",
]  # fmt: skip
PRACTICES = [
    "a named worker held the relationship", "a joint assessment in one appointment",
    "a peer mentor met them at the gate", "a PIE approach in the hostel",
    "flexible appointment times", "a same-day GP registration", "a trauma informed drop-in",
    "an IDVA based in A&E", "a shared plan across panels", "a hardship fund paid the rent",
    "text reminders instead of letters", "a system connector across agencies",
    "a welfare rights adviser at the foodbank", "naloxone training for hostel staff",
    "co-location of housing and probation", "an expert by experience on the panel",
    "a crisis café open at night", "Housing First with no conditions",
]  # fmt: skip
OUTCOMES = [
    "the tenancy was kept", "nobody slept rough on release night", "the person stayed in treatment",
    "the eviction was stopped", "missed appointments fell",
    "the person was not discharged to the street",
    "arrears were cleared", "the person got a GP", "the referral was accepted first time",
    "the person did not have to retell their story", "overdoses were reversed",
]  # fmt: skip
ZIPF_WEIGHTS: dict[int, list[float]] = {}
QUESTIONS = [
    "What did we expect to happen?", "What actually happened?", "Why was there a difference?",
    "What will we sustain, and what will we improve?",
]  # fmt: skip


# One interchange line, as `json.dumps` writes it.
Record = dict[str, Any]


class Generator:
    def __init__(self, seed: int = 1) -> None:
        self.random = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.needs = list(Need.objects.values_list("name", flat=True)) or ["Mental health"]
        self.themes = list(BarrierTheme.objects.values_list("name", flat=True))
        self.categories = list(BarrierCategory.objects.values_list("code", flat=True))
        self.areas = list(Area.objects.values_list("name", flat=True)[:40]) or ["Gateshead"]
        agencies = list(Agency.objects.values_list("name", flat=True)[:60])
        self.agencies = agencies + [f"{area} {kind}" for area in self.areas[:10] for kind in (
            "Outreach Team", "Housing Options", "Recovery Service", "Community Mental Health Team",
        )]  # fmt: skip
        self.start = datetime.date(2019, 1, 1)

    def pick(self, items: Sequence[Any], low: int = 1, high: int = 3) -> list[Any]:
        count = self.random.randint(low, high)
        return sorted(set(self.random.sample(items, min(count, len(items)))))

    def date(self) -> str:
        return (self.start + datetime.timedelta(days=self.random.randint(0, 2500))).isoformat()

    def zipf(self, items: Sequence[str]) -> str:
        """Pick with Zipf-like weights: a few phrases are common, most are rare (as in real
        writing), instead of every phrase appearing in a fifth of all records."""
        weights = ZIPF_WEIGHTS.setdefault(
            len(items), [1 / (rank + 1) for rank in range(len(items))]
        )
        return self.random.choices(items, weights)[0]

    def sentence(self) -> str:
        z = self.zipf
        return (
            f"{z(SERVICES).capitalize()} and {z(SERVICES)}: "
            f"{z(PROBLEMS)}, until {z(PRACTICES)} and {z(OUTCOMES)}."
        )

    def paragraph(self, sentences: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def common(self, kind: str, number: int) -> Record:
        r = self.random
        return {
            "id": f"gen-{kind}-{number:06d}",
            "type": kind,
            "date": self.date(),
            "area": r.choice(self.areas),
            "agencies": self.pick(self.agencies, 1, 3),
            "needs": self.pick(self.needs, 1, 3),
        }

    def bright_spot(self, number: int) -> Record:
        r = self.random
        record = self.common("bright_spot", number)
        record.update(
            title=f"{self.zipf(PRACTICES).capitalize()}: {self.zipf(OUTCOMES)}",
            summary=self.sentence(),
            body=self.paragraph(2),
            principles=sorted(set(r.sample(range(1, 13), r.randint(1, 3)))),
            tags=self.pick(
                [
                    "housing first",
                    "PIE",
                    "peer support",
                    "dual diagnosis",
                    "MARAC",
                    "hospital discharge",
                    "prison release",
                    "NRPF",
                ],
                0,
                2,
            ),  # fmt: skip
            what_made_the_difference=r.choice(PRACTICES).capitalize() + ".",
        )
        return record

    def barrier(self, number: int) -> Record:
        r = self.random
        record = self.common("barrier", number)
        record.update(
            title=f"{self.zipf(PROBLEMS).capitalize()} at {self.zipf(SERVICES)}",
            body=self.paragraph(1),
            level=r.choice(["individual", "service", "system"]),
            category=r.choice(self.categories) if self.categories else None,
            themes=self.pick(self.themes, 1, 2) if self.themes else [],
            status=r.choice(
                ["open", "open", "acknowledged", "escalated", "in_progress", "resolved", "closed"]
            ),  # fmt: skip
            occurrences=[
                {
                    "date": self.date(),
                    "agency": r.choice(self.agencies),
                    "source": r.choice(["practitioner", "review", "forum"]),
                    "note": r.choice(PROBLEMS).capitalize(),
                }
                for _ in range(r.randint(0, 3))
            ],  # fmt: skip
        )
        return {k: v for k, v in record.items() if v not in (None, [])}

    def review(self, number: int) -> Record:
        r = self.random
        record = self.common("review", number)
        record.update(
            title=f"Review: {self.zipf(PROBLEMS)}",
            body=self.sentence(),
            kind=r.choice(["formal", "informal"]),
            principles=sorted(set(r.sample(range(1, 13), r.randint(1, 2)))),
            answers=[{"question": q, "answer": self.sentence()} for q in QUESTIONS[:3]],
            lessons=[
                {"kind": r.choice(["sustain", "improve"]), "text": self.sentence()}
                for _ in range(r.randint(1, 3))
            ],
            actions=[
                {
                    "text": f"Agree {r.choice(PRACTICES)}",
                    "owner": r.choice(self.agencies),
                    "due": self.date(),
                    "status": r.choice(["open", "done"]),
                }
            ],  # fmt: skip
        )
        return record

    def records(self, count: int) -> Iterator[Record]:
        kinds = [kind for kind, _ in MIX]
        weights = [weight for _, weight in MIX]
        for number in range(count):
            kind = self.random.choices(kinds, weights)[0]
            yield getattr(self, kind)(number)


def write_file(path: str | Path, count: int, seed: int = 1) -> None:
    generator = Generator(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for record in generator.records(count):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
