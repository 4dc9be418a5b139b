"""Small server-rendered charts, readable from a 320 px phone to a desktop.

Each chart has a visible title (a `<figcaption>`), is one `role="img"` named by that title and a
description, and the page always shows the same figures in a table beside it. Sizes and
positions use SVG attributes, never inline styles, so a strict Content-Security-Policy holds.

- `bar_chart`: horizontal bars as HTML rows, so labels are shown in full and wrap on a phone.
- `line_chart`: two SVG drawings of the same lines, a wide one and a narrow one for phones
  (fewer month labels, larger text); CSS shows one. Axes have whole-number ticks, and a month
  still in progress is drawn hollow with a dotted line to it and labelled "so far".
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Colour-blind-safe palette (Okabe-Ito), plus dash patterns so series never rely on colour alone.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4"]


def _nice_max(value):
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (the axis top)."""
    if value <= 0:
        return 1
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if magnitude * step >= value:
                return magnitude * step
        magnitude *= 10


def whole_ticks(peak, most=5):
    """Axis ticks from 0 in whole-number steps of 1, 2 or 5 times a power of ten.

    At most `most` steps above zero; the last tick is at or above `peak`.
    """
    step = _nice_max(max(peak, 1) / most)
    step = max(int(math.ceil(step)), 1)
    top = max(int(math.ceil(peak / step)) * step, step)
    return list(range(0, top + 1, step))


def _caption(chart_id, title, description):
    return (
        f'<figcaption class="chart-title" id="{chart_id}-title">{escape(title)}</figcaption>'
        f'<p class="visually-hidden" id="{chart_id}-desc">{escape(description)}</p>'
    )


def _shown(value, unit):
    return f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"


def bar_chart(chart_id, title, description, labels, values, *, unit=""):
    """Horizontal bars, one per label: full labels that wrap, the value after each bar."""
    top = _nice_max(max(values, default=0))
    parts = [
        _caption(chart_id, title, description),
        f'<div class="bar-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
    ]
    if not labels:
        parts.append('<p class="chart-empty">No data for these filters</p>')
    for label, value in zip(labels, values, strict=True):
        length = 100 * value / top if top else 0
        parts.append(
            '<div class="bar-row">'
            f'<span class="bar-label">{escape(label)}</span>'
            '<span class="bar-track">'
            '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false" '
            'aria-hidden="true">'
            f'<rect x="0" y="0" width="{length:.1f}" height="10" fill="{COLOURS[0]}"></rect></svg>'
            f'<span class="bar-value">{escape(_shown(value, unit))}</span>'
            "</span></div>"
        )
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _month_lines(label, partial):
    """ "Jan 2026" becomes two lines so labels never overlap; a month in progress says so."""
    lines = str(label).split(" ", 1)
    if partial:
        lines.append("so far")
    return lines


def _line_svg(chart_id, variant, x_labels, series, ticks, partial, *, size):
    """One drawing. `size` holds the geometry: column width, plot height, font and label gap."""
    column, plot_height, font, every = size
    left, right, top_pad = 8 + font * 2.4, font * 2.2, font
    plot_width = max(column * max(len(x_labels) - 1, 1), column * 2)
    label_lines = 3 if partial else 2
    bottom = font * (label_lines + 1.2)
    width = left + plot_width + right
    height = top_pad + plot_height + bottom
    base_y = top_pad + plot_height
    top = ticks[-1]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'class="chart-svg chart-{variant}" focusable="false" aria-hidden="true" '
        f'font-size="{font}">'
    ]
    for tick in ticks:
        y = base_y - plot_height * tick / top
        parts.append(
            f'<line x1="{left:.1f}" x2="{left + plot_width:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#b1b4b6" stroke-width="1"></line>'
            f'<text x="{left - 6:.1f}" y="{y + font * 0.35:.1f}" text-anchor="end" '
            f'class="chart-label">{tick}</text>'
        )
    step = plot_width / max(len(x_labels) - 1, 1)
    last = len(x_labels) - 1
    for index, label in enumerate(x_labels):
        # On a phone only every few months are labelled, always including the last one.
        if (last - index) % every:
            continue
        x = left + index * step
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if number == 0 else font * 1.15:.1f}">{escape(line)}'
            "</tspan>"
            for number, line in enumerate(_month_lines(label, partial and index == last))
        )
        parts.append(
            f'<text x="{x:.1f}" y="{base_y + font * 1.3:.1f}" text-anchor="middle" '
            f'class="chart-label">{spans}</text>'
        )
    for number, (_name, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        dash_attr = _dash(number)
        points = [
            (left + index * step, base_y - plot_height * value / top)
            for index, value in enumerate(values)
        ]
        whole = points[:-1] if partial and len(points) > 1 else points
        parts.append(
            f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in whole)}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}></polyline>'
        )
        if partial and len(points) > 1:
            (x1, y1), (x2, y2) = points[-2], points[-1]
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="{colour}" stroke-width="2" stroke-dasharray="1 4" '
                'stroke-linecap="round"></line>'
            )
        if partial and points:
            x, y = points[-1]
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{font * 0.35:.1f}" fill="#fff" '
                f'stroke="{colour}" stroke-width="2"></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _dash(number):
    dash = DASHES[number % len(DASHES)]
    return f' stroke-dasharray="{dash}"' if dash else ""


def line_chart(chart_id, title, description, x_labels, series, *, partial_last=False):
    """Lines over time. `series` is [(name, [values...])] aligned with `x_labels`.

    `partial_last`: the last period is still in progress (this month, counted so far).
    """
    peak = max((max(values, default=0) for _, values in series), default=0)
    ticks = whole_ticks(peak)
    partial = partial_last and bool(x_labels)
    if partial:
        description += f" {x_labels[-1]} is not over yet: it is counted so far."
    narrow_every = max(1, math.ceil(len(x_labels) / 4))
    wide = _line_svg(chart_id, "wide", x_labels, series, ticks, partial, size=(56, 220, 13, 1))
    narrow = _line_svg(
        chart_id, "narrow", x_labels, series, ticks, partial, size=(68 / narrow_every, 150, 14,
                                                                    narrow_every)
    )  # fmt: skip
    legend = "".join(
        f'<li><svg viewBox="0 0 36 10" width="36" height="10" focusable="false" '
        f'aria-hidden="true"><line x1="0" x2="36" y1="5" y2="5" '
        f'stroke="{COLOURS[number % len(COLOURS)]}" stroke-width="3"'
        f"{_dash(number)}></line></svg> {escape(name)}</li>"
        for number, (name, _values) in enumerate(series)
    )
    body = (
        f'<div class="line-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">{wide}{narrow}'
        f'<ul class="chart-legend">{legend}</ul></div>'
    )
    note = (
        f'<p class="chart-note">{escape(x_labels[-1])} is counted so far: the month is not over, '
        "so its lower figure is not a fall.</p>"
        if partial
        else ""
    )
    return mark_safe(_caption(chart_id, title, description) + body + note)  # noqa: S308
