"""Names and identifiers the way an independent writer types them (issue #13): a given name alone
in person context, names not on `privacy/names.py`, initials, possessives, capitals, Markdown and
entities, unusual separators and obfuscated emails; and realistic practitioner prose as negatives.

Two template files: `extra_dev.py` (the guard was adjusted against it) and `extra_held_out.py`
(written first, only scored). `generate(split)` fills each template several times from a seeded
generator, so the corpus is the same every run.

Run `python -m tests.privacy.corpus_extra` for the figures in docs/privacy.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import import_module

from tests.privacy.corpus_generator import MONTHS, NI_FIRST, NI_SECOND, NI_UNUSED, nhs_number

SPLITS = {"dev": "tests.privacy.extra_dev", "held_out": "tests.privacy.extra_held_out"}
SEEDS = {"dev": 7, "held_out": 1913}
FILLS_PER_TEMPLATE = 6
OPEN, CLOSE = "⟦", "⟧"


@dataclass
class ExtraSnippet:
    text: str
    category: str
    spans: tuple[tuple[int, int], ...] = ()


def _entity_word(word: str, rng: random.Random) -> str:
    index = rng.randrange(1, len(word))
    return f"{word[:index]}&#{ord(word[index])};{word[index + 1 :]}"


def _slots(module, rng: random.Random) -> dict[str, str]:
    given, surname = rng.choice(module.GIVEN), rng.choice(module.SURNAME)
    year, month, day = rng.randrange(1950, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
    nhs = nhs_number(rng)
    while (prefix := rng.choice(NI_FIRST) + rng.choice(NI_SECOND)) in NI_UNUSED:
        pass
    pairs = [f"{rng.randrange(100):02d}" for _ in range(3)]
    suffix = rng.choice("ABCD")
    ordinal = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    return {
        "G": given,
        "S": surname,
        "g": given.lower(),
        "s": surname.lower().replace("'", "").replace("-", ""),
        "G_UP": given.upper(),
        "S_UP": surname.upper(),
        "S_ENT": _entity_word(surname, rng),
        "I": rng.choice("ABCDEFGHJKLMNPRSTW"),
        "N": nhs,
        "N_SPACE": f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}",
        "N_HYPHEN": f"{nhs[:3]}-{nhs[3:6]}-{nhs[6:]}",
        "N_DOT": f"{nhs[:3]}.{nhs[3:6]}.{nhs[6:]}",
        "D": str(day),
        "DD": f"{day:02d}",
        "D_ORD": f"{day}{ordinal}",
        "M": MONTHS[month - 1],
        "M_SHORT": MONTHS[month - 1][:3],
        "MM": f"{month:02d}",
        "Y": str(year),
        "YY": f"{year % 100:02d}",
        "NI_SPACED": f"{prefix} {' '.join(pairs)} {suffix}",
        "NI_DASHED": f"{prefix}-{'-'.join(pairs)}-{suffix}",
    }


def _fill(template: str, slots: dict[str, str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    for key in sorted(slots, key=len, reverse=True):
        template = template.replace("{" + key + "}", slots[key])
    text, spans = "", []
    rest = template
    while OPEN in rest:
        before, rest = rest.split(OPEN, 1)
        inside, rest = rest.split(CLOSE, 1)
        text += before
        spans.append((len(text), len(text) + len(inside)))
        text += inside
    return text + rest, tuple(spans)


def generate(split: str) -> tuple[list[ExtraSnippet], list[ExtraSnippet]]:
    """(positives, negatives) for "dev" or "held_out"; the same every run."""
    module = import_module(SPLITS[split])
    rng = random.Random(SEEDS[split])
    positives = []
    for category, templates in module.POSITIVES.items():
        for template in templates:
            seen = set()
            for _ in range(FILLS_PER_TEMPLATE):
                text, spans = _fill(template, _slots(module, rng))
                if text not in seen:
                    seen.add(text)
                    positives.append(ExtraSnippet(text, category, spans))
    negatives = [
        ExtraSnippet(text, category)
        for category, texts in module.NEGATIVES.items()
        for text in texts
    ]
    return positives, negatives


@dataclass
class ExtraResult:
    spans: int = 0
    caught: int = 0
    negatives: int = 0
    flagged: int = 0
    misses: list | None = None
    false_positives: list | None = None
    by_category: dict | None = None

    @property
    def recall(self) -> float:
        return 100.0 * self.caught / self.spans if self.spans else 100.0

    @property
    def false_positive_rate(self) -> float:
        return 100.0 * self.flagged / self.negatives if self.negatives else 0.0


def evaluate(split: str) -> ExtraResult:
    from privacy.guard import find_identifiers

    positives, negatives = generate(split)
    result = ExtraResult(misses=[], false_positives=[], by_category={})
    for snippet in positives:
        findings = find_identifiers(snippet.text)
        tally = result.by_category.setdefault(snippet.category, [0, 0])
        for start, end in snippet.spans:
            found = any(f.start < end and f.end > start for f in findings)
            result.spans += 1
            result.caught += found
            tally[0] += 1
            tally[1] += found
            if not found:
                result.misses.append((snippet.category, snippet.text[start:end], snippet.text))
    for snippet in negatives:
        findings = find_identifiers(snippet.text)
        result.negatives += 1
        tally = result.by_category.setdefault(f"negative: {snippet.category}", [0, 0])
        tally[0] += 1
        tally[1] += bool(findings)
        if findings:
            result.flagged += 1
            result.false_positives.append([f.text for f in findings] + [snippet.text])
    return result


def report(split: str, show_errors: bool = True) -> str:
    result = evaluate(split)
    lines = [
        f"### {split.replace('_', '-')} templates",
        "",
        f"{result.spans} identifiers, caught {result.caught} ({result.recall:.1f}%); "
        f"{result.negatives} negatives, flagged {result.flagged} "
        f"({result.false_positive_rate:.1f}%).",
        "",
        "| category | snippets | caught or flagged | rate |",
        "|---|---|---|---|",
    ]
    for category, (total, hits) in result.by_category.items():
        lines.append(f"| {category} | {total} | {hits} | {100.0 * hits / total:.1f}% |")
    if show_errors:
        lines += ["", "Missed:"] + [f"- {c}: {s!r} in {t!r}" for c, s, t in result.misses]
        lines += ["", "False positives:"] + [f"- {fp!r}" for fp in result.false_positives]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    # The held-out split is scored, never inspected: its misses are not printed.
    for name in sys.argv[1:] or ["dev", "held_out"]:
        print(report(name, show_errors=name == "dev"))
        print()
