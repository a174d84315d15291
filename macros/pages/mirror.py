"""The chart laid out for a right-to-left language: the same layout, mirrored.

chart.py lays days out from left to right. In Arabic, Hebrew, Persian or Urdu
time runs the other way, as the text does, so every horizontal position is
reflected about the chart's middle. The markup keeps physical coordinates
(SVG and `left:`), so this is the only place that knows about direction; a
label's side flag keeps its meaning relative to its leader, and CSS aligns its
text with logical values (start, end).
"""

from __future__ import annotations

from dataclasses import replace

from .chart import _r
from .chart_shapes import Chart, Column, Label, Mark


def mirror(chart: Chart) -> Chart:
    w = chart.width

    def flip(x: float) -> float:
        return _r(w - x)

    def column(c: Column) -> Column:
        return replace(
            c,
            x=flip(c.x + c.width),
            center=flip(c.center),
            month_label_x=None if c.month_label_x is None else flip(c.month_label_x),
        )

    def label(lb: Label | None) -> Label | None:
        return None if lb is None else replace(lb, left=flip(lb.left + lb.width))

    def mark(m: Mark) -> Mark:
        return replace(m, x=flip(m.x), end_x=None if m.end_x is None else flip(m.end_x), label=label(m.label))

    return replace(
        chart,
        columns=tuple(column(c) for c in chart.columns),
        marks=tuple(mark(m) for m in chart.marks),
        plot_left=flip(chart.plot_right),
        plot_right=flip(chart.plot_left),
    )
