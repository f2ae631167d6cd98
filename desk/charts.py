"""Small server-rendered SVG charts: bars (vertical, horizontal, stacked or grouped)
and lines, with the same data as a table and as CSV.

Every text that comes from data (category names, firm names, event titles) is escaped
here with ``format_html``; the result is a ``SafeString`` that templates print as is.
No JavaScript and nothing from a CDN: the charts print, zoom and work without scripts,
and a screen reader gets the ``<title>``/``<desc>`` and the data table beside the chart.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.spreadsheets import csv_safe

# Colour-blind safe (Okabe–Ito), then two greys.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"]

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 44
MARGIN_BOTTOM = 48
MARGIN_TOP = 12
MARGIN_RIGHT = 12


@dataclass
class Series:
    name: str
    values: list[int]


@dataclass
class Chart:
    """What a chart shows: labels along one axis, one or more series of counts."""

    slug: str
    title: str
    kind: str  # "bar", "hbar" or "line"
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    stacked: bool = True
    label_header: str = ""
    # Shorter labels for the axis (e.g. dates instead of event titles); the table and
    # the tooltips keep the full ``labels``.
    axis_labels: list[str] | None = None

    @property
    def is_empty(self) -> bool:
        return not any(any(s.values) for s in self.series)

    @property
    def total(self) -> int:
        return sum(sum(s.values) for s in self.series)

    def rows(self) -> list[list]:
        """The data table: one row per label, one column per series."""
        return [[label, *(s.values[i] for s in self.series)] for i, label in enumerate(self.labels)]


def _n(value: float) -> str:
    return f"{value:.1f}"


def nice_max(value: int) -> int:
    """A round upper bound for the value axis (1, 2, 5, 10, 20, 50, …)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _peaks(chart: Chart) -> int:
    if not chart.series or not chart.labels:
        return 0
    if chart.stacked and chart.kind != "line":
        return max(sum(s.values[i] for s in chart.series) for i in range(len(chart.labels)))
    return max(max(s.values) for s in chart.series)


def _label_step(count: int, room: int) -> int:
    return max(1, -(-count // room))  # ceiling division: show at most ``room`` labels


def _legend_rows(chart: Chart) -> int:
    return len({y for _x, y, _s in _legend_places(chart, 0)})


def _legend_places(chart: Chart, y: int) -> list[tuple[int, int, int]]:
    """Where each series' key goes: (x, y, series index), wrapping to new rows."""
    if len(chart.series) < 2:
        return []
    places, x = [], MARGIN_LEFT
    for index, series in enumerate(chart.series):
        width = 24 + 7 * len(series.name)
        if x + width > WIDTH and x > MARGIN_LEFT:
            x, y = MARGIN_LEFT, y + 16
        places.append((x, y, index))
        x += width
    return places


def _legend(chart: Chart, y: int) -> SafeString:
    items = []
    for x, y_row, index in _legend_places(chart, y):
        series = chart.series[index]
        y = y_row
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
                '<text x="{}" y="{}" class="desk-chart__legend">{}</text>',
                x,
                y,
                PALETTE[index % len(PALETTE)],
                x + 14,
                y + 9,
                series.name,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - every item built by format_html


def _axis(top_value: int, plot_h: int) -> SafeString:
    lines = []
    # Ticks at 0, the middle and the top; the middle only where it is a whole number.
    fractions = (0, 0.5, 1) if top_value % 2 == 0 else (0, 1)
    for fraction in fractions:
        y = MARGIN_TOP + plot_h - round(plot_h * fraction)
        lines.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="desk-chart__grid"></line>'
                '<text x="{}" y="{}" text-anchor="end" class="desk-chart__tick">{}</text>',
                MARGIN_LEFT,
                WIDTH - MARGIN_RIGHT,
                y,
                y,
                MARGIN_LEFT - 4,
                y + 4,
                int(top_value * fraction),
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 - every line built by format_html


def _vertical(chart: Chart, legend_room: int) -> SafeString:
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - legend_room
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    top_value = nice_max(_peaks(chart))
    slot = plot_w / max(len(chart.labels), 1)
    parts = [_axis(top_value, plot_h)]
    groups = 1 if chart.stacked else max(len(chart.series), 1)
    bar_w = max(slot * 0.8 / groups, 1)
    for i, label in enumerate(chart.labels):
        x0 = MARGIN_LEFT + slot * i + slot * 0.1
        base = MARGIN_TOP + plot_h
        for index, series in enumerate(chart.series):
            value = series.values[i]
            if not value:
                continue
            h = plot_h * value / top_value
            x = x0 if chart.stacked else x0 + bar_w * index
            y = base - h
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} – {}</title></rect>',
                    _n(x),
                    _n(y),
                    _n(bar_w),
                    _n(h),
                    PALETTE[index % len(PALETTE)],
                    label,
                    series.name,
                    value,
                )
            )
            if chart.stacked:
                base = y
    parts.append(_x_labels(chart, slot, MARGIN_TOP + plot_h))
    return mark_safe("".join(parts))  # noqa: S308 - every part built by format_html


def _x_labels(chart: Chart, slot: float, y: int) -> SafeString:
    labels = chart.axis_labels or chart.labels
    widest = max((len(str(label)) for label in labels), default=1)
    step = _label_step(len(labels), max(1, int((WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / (widest * 6.5 + 8))))
    return format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" class="desk-chart__tick">{}</text>',
        ((_n(MARGIN_LEFT + slot * i + slot / 2), y + 16, label) for i, label in enumerate(labels) if i % step == 0),
    )


def _line(chart: Chart, legend_room: int) -> SafeString:
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - legend_room
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    top_value = nice_max(_peaks(chart))
    slot = plot_w / max(len(chart.labels), 1)
    parts = [_axis(top_value, plot_h)]
    for index, series in enumerate(chart.series):
        colour = PALETTE[index % len(PALETTE)]
        points = [
            (MARGIN_LEFT + slot * i + slot / 2, MARGIN_TOP + plot_h - plot_h * v / top_value)
            for i, v in enumerate(series.values)
        ]
        parts.append(
            format_html(
                '<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"></polyline>',
                colour,
                " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="3.5" fill="{}"><title>{}: {} – {}</title></circle>',
                (
                    (_n(x), _n(y), colour, chart.labels[i], series.name, series.values[i])
                    for i, (x, y) in enumerate(points)
                ),
            )
        )
    parts.append(_x_labels(chart, slot, MARGIN_TOP + plot_h))
    return mark_safe("".join(parts))  # noqa: S308 - every part built by format_html


def _horizontal(chart: Chart, legend_room: int) -> tuple[SafeString, int]:
    row_h, label_w = 22, 200
    height = max(MARGIN_TOP + row_h * len(chart.labels) + legend_room + 8, 120)
    plot_w = WIDTH - label_w - MARGIN_RIGHT - 30
    top_value = nice_max(_peaks(chart))
    parts = []
    for i, label in enumerate(chart.labels):
        y = MARGIN_TOP + row_h * i
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="desk-chart__tick">{}</text>',
                label_w - 6,
                y + 15,
                short,
            )
        )
        x, total = label_w, 0
        for index, series in enumerate(chart.series):
            value = series.values[i]
            total += value
            if not value:
                continue
            w = plot_w * value / top_value
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} – {}</title></rect>',
                    _n(x),
                    y + 3,
                    _n(w),
                    row_h - 6,
                    PALETTE[index % len(PALETTE)],
                    label,
                    series.name,
                    value,
                )
            )
            x += w
        parts.append(format_html('<text x="{}" y="{}" class="desk-chart__tick">{}</text>', _n(x + 4), y + 15, total))
    return mark_safe("".join(parts)), height  # noqa: S308 - every part built by format_html


def render_svg(chart: Chart, *, empty_text: str = "") -> SafeString:
    """The chart as an inline ``<svg>``; with no data, an empty frame saying so."""
    legend_room = 6 + 16 * _legend_rows(chart)
    height = HEIGHT
    if chart.is_empty:
        body = format_html(
            '<text x="{}" y="{}" text-anchor="middle" class="desk-chart__empty">{}</text>',
            WIDTH // 2,
            HEIGHT // 2,
            empty_text,
        )
        legend = mark_safe("")  # noqa: S308 - a constant empty string
    else:
        if chart.kind == "hbar":
            body, height = _horizontal(chart, legend_room)
        elif chart.kind == "line":
            body = _line(chart, legend_room)
        else:
            body = _vertical(chart, legend_room)
        legend = _legend(chart, height - legend_room + 2)
    return format_html(
        '<svg class="desk-chart__svg" viewBox="0 0 {} {}" role="img" aria-labelledby="chart-{}-title" '
        'xmlns="http://www.w3.org/2000/svg" data-total="{}">'
        '<title id="chart-{}-title">{}</title>{}{}</svg>',
        WIDTH,
        height,
        chart.slug,
        chart.total,
        chart.slug,
        chart.title,
        body,
        legend,
    )


def render_csv(chart: Chart) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(chart.label_header), *(csv_safe(s.name) for s in chart.series)])
    for row in chart.rows():
        writer.writerow([csv_safe(row[0]), *row[1:]])
    return buffer.getvalue()
