"""The journey drawn as a line of dated marks: a server-rendered SVG with a text alternative."""

from dataclasses import dataclass

WIDTH = 800
HEIGHT = 90
MARGIN = 24
AXIS_Y = 45


def _day(date):
    return f"{date.day} {date:%b %Y}"


@dataclass
class Mark:
    x: float
    outcome: str
    label: str
    number: int


def journey_timeline(touchpoints):
    """Positions for each touchpoint along the axis by date, and a sentence describing them."""
    touchpoints = list(touchpoints)
    if not touchpoints:
        return None
    first, last = touchpoints[0].date, touchpoints[-1].date
    span = max((last - first).days, 1)
    usable = WIDTH - 2 * MARGIN
    marks = []
    for number, touchpoint in enumerate(touchpoints, start=1):
        offset = (touchpoint.date - first).days / span if last != first else 0.5
        marks.append(
            Mark(
                x=round(MARGIN + offset * usable, 1),
                outcome=touchpoint.outcome,
                label=(
                    f"{number}. {_day(touchpoint.date)}, {touchpoint.get_kind_display()} "
                    f"with {touchpoint.where}: {touchpoint.get_outcome_display().lower()}"
                ),
                number=number,
            )
        )
    counts = dict.fromkeys(("helped", "neutral", "snagged"), 0)
    for touchpoint in touchpoints:
        counts[touchpoint.outcome] += 1
    description = (
        f"{len(touchpoints)} touchpoints from {_day(first)} to {_day(last)}: "
        f"{counts['helped']} helped, {counts['snagged']} snagged, {counts['neutral']} neutral. "
        "Helped points are circles above the line, snags are squares below it."
    )
    return {
        "marks": marks,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "axis_y": AXIS_Y,
        "axis_start": MARGIN,
        "axis_end": WIDTH - MARGIN,
        "first": first,
        "last": last,
    }
