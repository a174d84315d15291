"""Stage 4c: the layout of the timeline's overview chart, as numbers.

The chart shows days from left to right and one lane per actor from top to
bottom, with a mark for every timeline entry and every statement. This module
only does the arithmetic: where each column, lane and mark goes, in the units
of the SVG's viewBox. The markup lives in templates/timeline_chart.html.j2,
which looks the records up by id for their text.

Layout rules:

* Days run continuously from the first to the last dated record, so the
  spacing between events is honest; but a stretch of more than MAX_GAP empty
  days becomes one narrow "break" column (a statement a year later must not
  squash everything else).
* A day's column is as wide as its busiest lane needs: items on the same day
  get side-by-side slots. An entry involving several actors gets the same slot
  in every lane from its first to its last actor, joined by a line, so no
  other mark can sit on that line.
* Marks are at least SLOT units apart, so with the SVG drawn at one CSS pixel
  per unit or more, every link has a 24px target (WCAG 2.5.8).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

MAX_GAP = 3  # empty days kept as real columns; longer stretches become a break
SLOT = 24  # horizontal distance between marks on the same day
MIN_COL = 30  # narrowest day column
BREAK_COL = 30
MIN_PLOT = 600  # the plot is stretched to at least this width
PAD_X = 10
AXIS_H = 46  # month row, day row and the axis line
LANE_H = 38
LABEL_DY = 14  # lane label baseline below the lane's top
MARK_DY = 27  # mark centre below the lane's top
PAD_BOTTOM = 6
MONTH_CHAR_W = 6.6  # rough width of one character of a month label, for spacing them


@dataclass(frozen=True)
class Column:
    index: int
    x: float  # left edge
    width: float
    center: float
    day: Optional[date]  # None for a break
    month_label_x: Optional[float] = None  # set where a month label is drawn
    gap_from: Optional[date] = None  # for a break: the first and last empty day it stands for
    gap_to: Optional[date] = None
    gap_days: int = 0

    @property
    def is_break(self) -> bool:
        return self.day is None


@dataclass(frozen=True)
class Lane:
    index: int
    actor: Optional[str]  # None: entries that name no actor
    top: float
    height: float
    label_y: float
    mark_y: float
    shaded: bool


@dataclass(frozen=True)
class Mark:
    kind: str  # "entry" or "statement"
    record_id: str
    day: date
    x: float
    y: float  # in the first lane
    lanes: tuple[int, ...]  # lane indexes, the first is the mark's own
    others: tuple[float, ...]  # y of the smaller marks in the other lanes
    line_top: float  # the connector between them (equal to y when alone)
    line_bottom: float
    end_x: Optional[float] = None  # an entry with a later end day: a bar to there
    approximate: bool = False  # a statement dated only to the month or year


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    month_y: float
    day_y: float
    axis_y: float
    columns: tuple[Column, ...]
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    first_day: date
    last_day: date
    entry_count: int
    statement_count: int

    @property
    def breaks(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.is_break)


@dataclass
class _Item:
    kind: str
    record_id: str
    day: date
    lanes: list[int]
    end_day: Optional[date] = None
    approximate: bool = False
    slot: int = 0


def _local_day(moment, zone: ZoneInfo) -> date:
    return moment.at.astimezone(zone).date() if moment.at else moment.day


def layout(days, statements: Iterable, actors, timezone: str) -> Optional[Chart]:
    """Lay out the chart.

    days: (local day, [timeline entries]) in reading order, as the timeline shows them.
    statements: the statements, any order. actors: id -> actor, in the editors' order,
    which is the order of the lanes. Returns None when there is nothing to draw.
    """
    zone = ZoneInfo(timezone)
    statements = sorted(statements, key=lambda s: (s.date, s.id))
    involved = {a for _, entries in days for e in entries for a in e.actors} | {s.actor for s in statements}
    lane_of = {a: i for i, a in enumerate(a for a in actors if a in involved)}
    if any(not e.actors for _, entries in days for e in entries):
        lane_of[None] = len(lane_of)

    items: list[_Item] = []
    for day, entries in days:
        for e in entries:
            lanes = [lane_of[a] for a in dict.fromkeys(e.actors)] or [lane_of[None]]
            end = _local_day(e.end, zone) if e.end else None
            items.append(_Item("entry", e.id, day, lanes, end if end and end > day else None))
    for s in statements:
        items.append(_Item("statement", s.id, s.date.first_day, [lane_of[s.actor]], approximate=s.date.precision != "day"))
    if not items:
        return None

    # Slots: the first free one in every lane the item's mark or connector crosses.
    by_day: dict[date, list[_Item]] = {}
    for it in items:
        by_day.setdefault(it.day, []).append(it)
    slots_needed: dict[date, int] = {}
    for day, group in by_day.items():
        taken: dict[int, set[int]] = {}
        for it in group:
            crossed = range(min(it.lanes), max(it.lanes) + 1)
            it.slot = next(s for s in range(len(group) + 1) if all(s not in taken.get(ln, ()) for ln in crossed))
            for ln in crossed:
                taken.setdefault(ln, set()).add(it.slot)
        slots_needed[day] = max(it.slot for it in group) + 1

    # Columns: every day from first to last, long empty stretches folded into a break.
    used = set(by_day) | {it.end_day for it in items if it.end_day}
    first, last = min(used), max(used)
    spec: list[tuple[Optional[date], float, tuple]] = []  # (day or None, natural width, gap)
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
            spec.append((None, BREAK_COL, (day, run_end, n)))
        else:
            spec.extend((day + timedelta(days=i), MIN_COL, ()) for i in range(n))
        day = run_end + timedelta(days=1)

    natural = sum(w for _, w, _ in spec)
    day_cols = sum(1 for d, _, _ in spec if d is not None)
    extra = max(0.0, MIN_PLOT - natural) / day_cols

    columns: list[Column] = []
    x = PAD_X
    last_label_end = float("-inf")
    previous_month = None
    for i, (d, w, gap) in enumerate(spec):
        if d is not None:
            w += extra
        month_x = None
        if d is not None and (d.year, d.month) != previous_month:
            month_x = max(x + 2, last_label_end + 8)
            last_label_end = month_x + MONTH_CHAR_W * len(d.strftime("%b %Y"))
            previous_month = (d.year, d.month)
        gap_from, gap_to, gap_days = gap or (None, None, 0)
        columns.append(Column(i, _r(x), _r(w), _r(x + w / 2), d, None if month_x is None else _r(month_x),
                              gap_from, gap_to, gap_days))
        x += w
    plot_right = x
    # A month label near the right edge is pulled back inside the chart.
    for i, col in enumerate(columns):
        if col.month_label_x is not None:
            w = MONTH_CHAR_W * len(col.day.strftime("%b %Y"))
            columns[i] = replace(col, month_label_x=_r(min(col.month_label_x, plot_right - w - 2)))
    col_of = {c.day: c for c in columns if c.day is not None}

    lanes = tuple(Lane(i, actor, AXIS_H + i * LANE_H, LANE_H, AXIS_H + i * LANE_H + LABEL_DY,
                       AXIS_H + i * LANE_H + MARK_DY, i % 2 == 1)
                  for actor, i in sorted(lane_of.items(), key=lambda kv: kv[1]))

    marks = []
    for it in items:
        col = col_of[it.day]
        n = slots_needed[it.day]
        mx = col.x + (col.width - n * SLOT) / 2 + SLOT * (it.slot + 0.5)
        ys = [lanes[ln].mark_y for ln in it.lanes]
        end_x = col_of[it.end_day].center if it.end_day else None
        marks.append(Mark(it.kind, it.record_id, it.day, _r(mx), ys[0], tuple(it.lanes), tuple(ys[1:]),
                          min(ys), max(ys), None if end_x is None else _r(end_x), it.approximate))

    marks.sort(key=lambda m: (m.day, m.x, m.lanes[0]))  # reading and tab order: left to right
    height = AXIS_H + len(lanes) * LANE_H + PAD_BOTTOM
    return Chart(width=_r(plot_right + PAD_X), height=height, plot_left=PAD_X, plot_right=_r(plot_right),
                 plot_top=AXIS_H, month_y=14, day_y=32, axis_y=AXIS_H - 4, columns=tuple(columns), lanes=lanes,
                 marks=tuple(marks), first_day=first, last_day=last,
                 entry_count=sum(1 for it in items if it.kind == "entry"),
                 statement_count=sum(1 for it in items if it.kind == "statement"))


def _r(v: float) -> float:
    """Round for the markup: a tenth of a unit is finer than any screen shows."""
    v = round(v, 1)
    return int(v) if v == int(v) else v
