"""Stage 4c: the layout of the timeline's overview chart, as numbers.

The chart shows days from left to right and one lane per actor from top to
bottom, with one mark per timeline entry; statements have marks too, hidden
until the reader asks for them. This module only does the arithmetic: where
each column, lane, mark and label goes, in CSS pixels (the chart is drawn at
1:1 and scrolls sideways). The markup lives in templates/timeline_chart.html.j2,
which looks the records up by id for their text.

Layout rules:

* Days run continuously from the first to the last dated record, so the
  spacing between events is honest; but a stretch of more than MAX_GAP empty
  days becomes one "break" column, labelled with its length and a little wider
  the longer it is (a statement a year later must not squash everything else).
* A day's column is as wide as its busiest lane needs: items on the same day
  get side-by-side slots, in the timeline's order. An entry involving several
  actors gets the same slot in every lane from its first to its last actor,
  joined by a line, so no other mark can sit on that line.
* Lanes: actors with timeline entries first, in the editors' order, then
  "no actor named", then actors who only made statements (hidden with them).
* Key events get a text label in a band above the lanes: the KEY_MAX entries
  that involve the most actors (then the most sources, then the earliest).
  A key entry's slot is reserved from the top lane down, so its leader line
  never crosses a mark, and labels are placed so no leader crosses a label.
* Marks are SLOT pixels apart, so every link has a 24px target (WCAG 2.5.8).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from ..data.dates import PartialDate
from .chart_labels import place_labels
from .chart_shapes import ROW_H, SLOT, Chart, Column, Label, Lane, Mark

MAX_GAP = 3  # empty days kept as real columns; longer stretches become a break
MIN_COL = 30  # narrowest day column
BREAK_COL = 56  # narrowest break: room for "+181 days"
MIN_PLOT = 600  # the plot is stretched to at least this width
PAD_X = 10
AXIS_H = 46  # month row, day row and the axis line
LANE_H = 38
PAD_BOTTOM = 6
MONTH_CHAR_W = 6.6  # rough width of one character of a month label, for spacing them
KEY_MAX = 6  # labelled entries at most


@dataclass
class _Item:
    kind: str
    record_id: str
    day: date
    lanes: list[int]
    end_day: date | None = None
    approximate: bool = False
    key: bool = False
    title: str = ""
    slot: int = 0
    x: float = 0.0


def _local_day(moment, zone: ZoneInfo) -> date:
    return moment.at.astimezone(zone).date() if moment.at else moment.day


def _lanes(days, statements, actors) -> dict:
    with_entries = {a for _, entries in days for e in entries for a in e.actors}
    speakers = {s.actor for s in statements} - with_entries
    order = [a for a in actors if a in with_entries]
    if any(not e.actors for _, entries in days for e in entries):
        order.append(None)
    order += [a for a in actors if a in speakers]
    return {a: i for i, a in enumerate(order)}


def _assign_slots(items: list[_Item]) -> dict[date, int]:
    """The first free slot in every lane the item's mark, connector or leader crosses."""
    by_day: dict[date, list[_Item]] = {}
    for it in items:
        by_day.setdefault(it.day, []).append(it)
    needed = {}
    for day, group in by_day.items():
        taken: dict[int, set[int]] = {}
        for it in group:
            crossed = range(0 if it.key else min(it.lanes), max(it.lanes) + 1)
            it.slot = next(s for s in range(len(group) + 1) if all(s not in taken.get(ln, ()) for ln in crossed))
            for ln in crossed:
                taken.setdefault(ln, set()).add(it.slot)
        needed[day] = max(it.slot for it in group) + 1
    return needed


def _columns(used: set[date], slots_needed: dict[date, int], month_label) -> tuple[list[Column], float]:
    """Every day from the first to the last, long empty stretches folded into a break."""
    first, last = min(used), max(used)
    spec: list[tuple[date | None, float, tuple]] = []  # (day or None, natural width, gap)
    day = first
    while day <= last:
        if day in used:
            spec.append((day, max(MIN_COL, slots_needed.get(day, 1) * SLOT), ()))
            day += timedelta(days=1)
            continue
        run_end = day
        while run_end + timedelta(days=1) not in used:
            run_end += timedelta(days=1)
        n = (run_end - day).days + 1
        if n > MAX_GAP:
            spec.append((None, BREAK_COL + 8 * math.log2(n / (MAX_GAP + 1)), (day, run_end, n)))
        else:
            spec.extend((day + timedelta(days=i), MIN_COL, ()) for i in range(n))
        day = run_end + timedelta(days=1)

    natural = sum(w for _, w, _ in spec)
    day_cols = sum(1 for d, _, _ in spec if d is not None)
    extra = max(0.0, MIN_PLOT - natural) / day_cols
    columns: list[Column] = []
    x: float = PAD_X
    last_label_end = float("-inf")
    previous_month = None
    for i, (d, w, gap) in enumerate(spec):
        if d is not None:
            w += extra
        month_x = None
        if d is not None and (d.year, d.month) != previous_month:
            month_x = max(x + 2, last_label_end + 8)
            last_label_end = month_x + MONTH_CHAR_W * len(month_label(d))
            previous_month = (d.year, d.month)
        gap_from, gap_to, gap_days = gap or (None, None, 0)
        columns.append(
            Column(
                i, _r(x), _r(w), _r(x + w / 2), d, None if month_x is None else _r(month_x), gap_from, gap_to, gap_days
            )
        )
        x += w
    # A month label near the right edge is pulled back inside the chart.
    for i, col in enumerate(columns):
        if col.month_label_x is not None:
            w = MONTH_CHAR_W * len(month_label(col.day)) if col.day else 0
            columns[i] = replace(col, month_label_x=_r(min(col.month_label_x, x - w - 2)))
    return columns, x


def _month_label(d: date) -> str:
    return d.strftime("%b %Y")


def layout(days, statements: Iterable, actors, timezone: str, month_label=None) -> Chart | None:
    """Lay out the chart.

    days: (local day, [timeline entries]) in reading order, as the timeline shows them.
    statements: the statements, any order. actors: id -> actor, in the editors' order.
    month_label(day): the month as the axis shows it (the site's language), for spacing the labels.
    Returns None when there is nothing to draw.
    """
    zone = ZoneInfo(timezone)
    statements = sorted(statements, key=lambda s: (s.date, s.id))
    lane_of = _lanes(days, statements, actors)

    items: list[_Item] = []
    ranks: list[tuple] = []
    for day, entries in days:
        for e in entries:
            its_lanes = [lane_of[a] for a in dict.fromkeys(e.actors)] or [lane_of[None]]
            end = _local_day(e.end, zone) if e.end else None
            items.append(_Item("entry", e.id, day, its_lanes, end if end and end > day else None, title=e.title))
            ranks.append(((-len(items[-1].lanes), -len(getattr(e, "sources", ()) or ()), len(ranks)), items[-1]))
    keys = [it for _, it in sorted(ranks, key=lambda r: r[0])[:KEY_MAX]]
    for it in keys:
        it.key = True
    for s in statements:
        items.append(
            _Item("statement", s.id, s.date.first_day, [lane_of[s.actor]], approximate=s.date.precision != "day")
        )
    if not items:
        return None

    # PartialDate orders "1900" before "1900-01-01", so the summary never narrows a date to a day.
    written = [s.date for s in statements] + [
        PartialDate.of(d) for it in items if it.kind == "entry" for d in (it.day, it.end_day) if d
    ]
    slots_needed = _assign_slots(items)
    used = {it.day for it in items} | {it.end_day for it in items if it.end_day}
    columns, plot_right = _columns(used, slots_needed, month_label or _month_label)
    col_of = {c.day: c for c in columns if c.day is not None}
    for it in items:
        col, n = col_of[it.day], slots_needed[it.day]
        it.x = _r(col.x + (col.width - n * SLOT) / 2 + SLOT * (it.slot + 0.5))

    placed = place_labels(keys, PAD_X, plot_right)
    rows = max((row for _, _, row, _ in placed.values()), default=-1) + 1
    label_top = AXIS_H + 4
    plot_top = label_top + rows * ROW_H + (6 if rows else 0)
    speaker_lane = {a for a in lane_of if a is not None} - {a for _, es in days for e in es for a in e.actors}
    lanes = tuple(
        Lane(
            i,
            actor,
            plot_top + i * LANE_H,
            LANE_H,
            plot_top + i * LANE_H + LANE_H / 2,
            i % 2 == 1,
            actor in speaker_lane,
        )
        for actor, i in sorted(lane_of.items(), key=lambda kv: kv[1])
    )

    marks = []
    for it in items:
        ys = [lanes[ln].mark_y for ln in it.lanes]
        end_x = col_of[it.end_day].center if it.end_day else None
        label = None
        if it.record_id in placed and it.kind == "entry":
            left, width, row, flipped = placed[it.record_id]
            label = Label(_r(left), _r(width), label_top + (rows - 1 - row) * ROW_H, row, flipped)
        marks.append(
            Mark(
                it.kind,
                it.record_id,
                it.day,
                it.x,
                ys[0],
                tuple(it.lanes),
                tuple(ys[1:]),
                min(ys),
                max(ys),
                None if end_x is None else _r(end_x),
                it.approximate,
                label,
            )
        )

    marks.sort(key=lambda m: (m.day, m.x, m.lanes[0]))  # reading and tab order: left to right
    entry_lanes = sum(1 for lane in lanes if not lane.statements_only)
    return Chart(
        width=_r(plot_right + PAD_X),
        height=plot_top + len(lanes) * LANE_H + PAD_BOTTOM,
        entries_height=plot_top + entry_lanes * LANE_H + PAD_BOTTOM,
        plot_left=PAD_X,
        plot_right=_r(plot_right),
        plot_top=plot_top,
        label_top=label_top,
        month_y=14,
        day_y=32,
        axis_y=AXIS_H - 4,
        columns=tuple(columns),
        lanes=lanes,
        marks=tuple(marks),
        first=min(written),
        last=max(written),
        entry_count=sum(1 for it in items if it.kind == "entry"),
        statement_count=sum(1 for it in items if it.kind == "statement"),
    )


def _r(v: float) -> float:
    """Round for the markup: a tenth of a pixel is finer than any screen shows."""
    v = round(v, 1)
    return int(v) if v == int(v) else v
