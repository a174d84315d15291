"""Big events span several pages: the plan of which records each page holds.

A block of records (statements, timeline, actors, sources) stays on its one
page while its records fit `PAGE_BUDGET`; past it, the block is cut into parts.
The timeline is cut by month when its entries span more than one month (a
month too big for one page is cut again into numbered parts); everything else
is cut into numbered parts in reading order. Part 1 stays on the page that
hosts the block, with an index of all parts; the others are generated pages
next to it: `statements/part-2/`, `timeline/2022-04/`, `timeline/2022-03-2/`.

The budget is counted in characters of the records' own text plus a fixed
allowance per record for its markup (`MARKUP`), an estimate of the page's HTML
that needs no rendering. At 250,000 the parts of 100x the sample weigh 40-90 KB
gzipped (`make bench` counts pages over 150 KB); the sample's biggest page uses
16% of it, so ordinary events never split and look exactly as before.

Nothing here knows a template or a word readers see: titles are the templates'.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any, Protocol


class Explainer(Protocol):
    """What the plan reads of the explainer (site.Explainer), named here so parts need not import site."""

    data: Any
    pages: Any

    def statements_by(self, actor_id: str) -> Any: ...
    def actor_groups(self) -> Any: ...
    def sources_in_order(self) -> Any: ...
    def timeline(self) -> Any: ...
    def local_day(self, entry) -> date: ...


PAGE_BUDGET = 250_000  # estimated characters of a page's records
MARKUP = 1_500  # characters of markup around one record (its card, links, index line), measured on the sample
CHART_MARK = 750  # characters of one statement's mark in a timeline part's chart (link, label, slot), at 100x


@dataclass(frozen=True)
class Part:
    block: str  # the data block, e.g. "statements"
    src: str  # the page: the block's host for part 1, else a generated page such as "statements/part-2.md"
    number: int  # from 1, over the whole block
    count: int  # how many parts the block has
    records: tuple = ()  # in reading order
    month: date | None = None  # the month it holds, when the block is cut by month
    month_part: int = 0  # its place among the parts of one month, from 1; 0 when the month is whole
    month_parts: int = 0

    @property
    def first(self) -> bool:
        return self.number == 1


@dataclass
class Plan:
    """Every split block's parts, and the part that holds each record."""

    parts: dict[str, list[Part]] = field(default_factory=dict)  # block -> its parts (only blocks that split)
    by_src: dict[str, Part] = field(default_factory=dict)
    holder: dict[tuple[str, str], str] = field(default_factory=dict)  # (block, record id) -> page src

    def add(self, parts: list[Part]) -> None:
        if len(parts) < 2:
            return
        self.parts[parts[0].block] = parts
        for p in parts:
            self.by_src[p.src] = p
            for r in p.records:
                self.holder[(p.block, r.id)] = p.src

    def generated(self) -> list[Part]:
        """The parts that are pages of their own (every part but the first of each block)."""
        return [p for parts in self.parts.values() for p in parts[1:]]


def weight(value) -> int:
    """The characters of text a record holds, nested records and lists included."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        return sum(weight(v) for v in value)
    fields = getattr(value, "__dict__", None)
    return sum(weight(v) for v in fields.values()) if fields else 0


def pack(records: Sequence, budget: int = PAGE_BUDGET) -> list[list]:
    """Consecutive runs of records, each within the budget (a single record over it is a run alone)."""
    runs: list[list] = [[]]
    used = 0
    for r in records:
        w = MARKUP + weight(r)
        if runs[-1] and used + w > budget:
            runs.append([])
            used = 0
        runs[-1].append(r)
        used += w
    return runs if runs[0] else []


def _stem(host: str) -> str:
    return host[:-3] if host.endswith(".md") else host


def numbered(block: str, host: str, records: Sequence, budget: int = PAGE_BUDGET) -> list[Part]:
    runs = pack(records, budget)
    n = len(runs)
    return [
        Part(block, host if i == 1 else f"{_stem(host)}/part-{i}.md", i, n, tuple(run)) for i, run in enumerate(runs, 1)
    ]


def by_month(
    block: str, host: str, records: Sequence, day_of: Callable[[object], date], budget: int = PAGE_BUDGET
) -> list[Part]:
    """One part per month of the records (already in reading order), each cut further when too big."""
    months = [(m, list(rs)) for m, rs in groupby(records, key=lambda r: day_of(r).replace(day=1))]
    if len(months) < 2:
        return numbered(block, host, records, budget)
    cuts = [(m, run, i, len(runs)) for m, rs in months for runs in [pack(rs, budget)] for i, run in enumerate(runs, 1)]
    n = len(cuts)
    out = []
    for number, (month, run, i, of) in enumerate(cuts, 1):
        name = f"{month:%Y-%m}" + (f"-{i}" if i > 1 else "")
        src = host if number == 1 else f"{_stem(host)}/{name}.md"
        out.append(Part(block, src, number, n, tuple(run), month, i if of > 1 else 0, of if of > 1 else 0))
    return out


def beside(starts: Sequence[date], items: Sequence, day_of: Callable[[Any], date], budget: int) -> list[list]:
    """What each timeline part's chart shows of `items` (in date order), given the first day of every part
    but the first (which takes every earlier item): those from its first day to the next part's. Parts that
    start on the same day share that stretch in turn, and none takes more marks than the budget holds: a
    day too busy for one page once put all its statements beside the last of its parts."""
    firsts = [0] + [i + 1 for i, s in enumerate(starts) if i == 0 or s != starts[i - 1]]  # runs sharing a day
    bounds = [starts[i - 1] for i in firsts[1:]]
    stretches: list[list] = [[] for _ in firsts]
    for item in items:
        stretches[bisect.bisect_right(bounds, day_of(item))].append(item)
    out: list[list] = []
    for run, stretch in enumerate(stretches):
        n = (firsts[run + 1] if run + 1 < len(firsts) else len(starts) + 1) - firsts[run]
        out += [stretch[k * len(stretch) // n : (k + 1) * len(stretch) // n][: budget // CHART_MARK] for k in range(n)]
    return out


def total(records: Iterable) -> int:
    return sum(MARKUP + weight(r) for r in records)


def plan(ex: Explainer, budget: int = PAGE_BUDGET) -> Plan:
    """Which records each page holds, for every block whose records pass the budget."""
    out = Plan()
    host = ex.pages.host
    orders: dict[str, list] = {
        "statements": [st for a in ex.data.actors for st in ex.statements_by(a)],  # as "By speaker" reads
        "actors": [a for g in ex.actor_groups() for a in g.records],
        "sources": ex.sources_in_order(),
    }
    for block, records in orders.items():
        if (h := host(block)) is not None and total(records) > budget:
            out.add(numbered(block, h, records, budget))
    if (h := host("timeline")) is not None and total(ex.timeline()) > budget:
        out.add(by_month("timeline", h, ex.timeline(), ex.local_day, budget))
    return out
