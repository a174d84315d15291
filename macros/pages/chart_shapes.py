"""The chart's parts as numbers, in CSS pixels, for templates/timeline_chart.html.j2 to draw:
columns (days and breaks), lanes (actors), marks (records) and their labels. chart.py computes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..data.dates import PartialDate

SLOT = 24  # horizontal distance between marks on the same day
ROW_H = 20


@dataclass(frozen=True)
class Column:
    index: int
    x: float  # left edge
    width: float
    center: float
    day: date | None  # None for a break
    month_label_x: float | None = None  # set where a month label is drawn
    gap_from: date | None = None  # for a break: the first and last empty day it stands for
    gap_to: date | None = None
    gap_days: int = 0

    @property
    def is_break(self) -> bool:
        return self.day is None


@dataclass(frozen=True)
class Lane:
    index: int
    actor: str | None  # None: entries that name no actor
    top: float
    height: float
    mark_y: float
    shaded: bool
    statements_only: bool  # hidden, like the statements, until the reader shows them


@dataclass(frozen=True)
class Label:
    left: float
    width: float
    top: float
    row: int  # 0 is the row nearest the lanes
    flipped: bool  # the text runs left of its leader (near the right edge)


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
    end_x: float | None = None  # an entry with a later end day: a bar to there
    approximate: bool = False  # a statement dated only to the month or year
    label: Label | None = None  # key events: their title, above the lanes

    @property
    def box_top(self) -> float:
        """Top of the link's 24px-wide target (from its label's leader, if any)."""
        return self.label.top + ROW_H if self.label else self.line_top - SLOT / 2

    @property
    def box_height(self) -> float:
        return self.line_bottom + SLOT / 2 - self.box_top


@dataclass(frozen=True)
class Chart:
    width: float
    height: float  # with every lane
    entries_height: float  # without the lanes of actors who only made statements
    plot_left: float
    plot_right: float
    plot_top: float  # top of the first lane
    label_top: float  # top of the key-event labels' band
    month_y: float
    day_y: float
    axis_y: float
    columns: tuple[Column, ...]
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    first: PartialDate  # the earliest and latest dates drawn, as the data writes them: "1900", not
    last: PartialDate  # "1 January 1900" (a date known only to the year is drawn at its first day)
    entry_count: int
    statement_count: int

    @property
    def breaks(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.is_break)

    @property
    def key_marks(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.label)
