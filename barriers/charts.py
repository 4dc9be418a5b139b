"""Tiny server-rendered SVG charts. Each has a <title> and <desc>, role="img" and
aria-labelledby; the page always shows the same figures in a table beside it."""

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


def _open(chart_id, title, description, width, height):
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart-svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _truncate(text, length):
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(chart_id, title, description, labels, values, *, unit=""):
    """Horizontal bars: one per label (long labels such as barrier titles fit on the left)."""
    label_width, bar_width, row = 290, 360, 26
    width = label_width + bar_width + 60
    height = max(row * len(labels), row) + 30
    top = _nice_max(max(values, default=0))
    parts = _open(chart_id, title, description, width, height)
    if not labels:
        parts.append('<text x="10" y="20" class="chart-empty">No data for these filters</text>')
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 10 + index * row
        length = bar_width * (value / top) if top else 0
        shown = f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"
        parts += [
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" class="chart-label">'
            f"{escape(_truncate(label, 38))}</text>",
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{COLOURS[0]}"></rect>',
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}" class="chart-value">'
            f"{escape(shown)}</text>",
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node above is escaped


def line_chart(chart_id, title, description, x_labels, series):
    """Lines over time. `series` is [(name, [values...])] aligned with `x_labels`."""
    left, right, top_pad, bottom = 50, 40, 20, 70
    plot_width = max(60 * len(x_labels), 300)
    plot_height = 220
    legend_height = 22 * len(series)
    width = left + plot_width + right
    height = top_pad + plot_height + bottom + legend_height
    peak = _nice_max(max((max(values, default=0) for _, values in series), default=0))
    parts = _open(chart_id, title, description, width, height)
    base_y = top_pad + plot_height
    for tick in range(5):
        value = peak * tick / 4
        y = base_y - plot_height * tick / 4
        parts.append(
            f'<line x1="{left}" x2="{left + plot_width}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="chart-grid" stroke="#ccc"></line>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-label">'
            f"{value:g}</text>"
        )
    step = plot_width / max(len(x_labels) - 1, 1)
    for index, label in enumerate(x_labels):
        # "Jan 2026" becomes two lines so month labels never overlap.
        x = left + index * step
        lines = str(label).split(" ", 1)
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if number == 0 else 14}">{escape(line)}</tspan>'
            for number, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x:.1f}" y="{base_y + 18}" text-anchor="middle" class="chart-label">'
            f"{spans}</text>"
        )
    for number, (name, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        dash = DASHES[number % len(DASHES)]
        points = " ".join(
            f"{left + index * step:.1f},{base_y - plot_height * value / peak:.1f}"
            for index, value in enumerate(values)
        )
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f"{dash_attr}></polyline>"
        )
        legend_y = base_y + 50 + number * 22
        parts.append(
            f'<line x1="{left}" x2="{left + 30}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}></line>'
            f'<text x="{left + 38}" y="{legend_y + 4}" class="chart-label">'
            f"{escape(_truncate(name, 60))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node above is escaped
