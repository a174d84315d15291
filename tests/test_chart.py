"""The overview chart's layout arithmetic (macros/chart.py), without a browser."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace as NS

from macros import chart
from macros.dates import PartialDate


def entry(eid, day, actors, end=None, at=None):
    return NS(id=eid, start=NS(day=day, at=at), end=end, actors=actors, kind="report", title=eid)


def statement(sid, actor, day, precision="day"):
    known = PartialDate(day.year, 0 if precision == "year" else day.month, day.day if precision == "day" else 0)
    return NS(id=sid, actor=actor, date=known)


ACTORS = {"a": None, "b": None, "c": None, "d": None}
D = date(2022, 3, 10)


def days_of(*entries):
    out = {}
    for e in entries:
        out.setdefault(e.start.day, []).append(e)
    return sorted(out.items())


def test_one_lane_per_involved_actor_in_the_editors_order():
    c = chart.layout(days_of(entry("e1", D, ["c", "a"])), [statement("s1", "d", D)], ACTORS, "UTC")
    assert [lane.actor for lane in c.lanes] == ["a", "c", "d"]
    assert (c.entry_count, c.statement_count) == (1, 1)


def test_entries_without_actors_get_their_own_lane():
    c = chart.layout(days_of(entry("e1", D, [])), [], ACTORS, "UTC")
    assert [lane.actor for lane in c.lanes] == [None]


def test_marks_on_the_same_day_and_lane_never_overlap():
    es = [entry(f"e{i}", D, ["a"]) for i in range(4)]
    c = chart.layout(days_of(*es), [statement("s1", "a", D)], ACTORS, "UTC")
    xs = sorted(m.x for m in c.marks)
    assert all(b - a >= chart.SLOT for a, b in zip(xs, xs[1:]))
    col = next(col for col in c.columns if col.day == D)
    assert all(col.x <= m.x - chart.SLOT / 2 and m.x + chart.SLOT / 2 <= col.x + col.width for m in c.marks)


def test_a_multi_actor_entry_reserves_its_slot_in_every_lane_it_crosses():
    # e1 joins lanes a and c, so the statement by b (between them) must move aside.
    c = chart.layout(days_of(entry("e1", D, ["a", "c"])), [statement("s1", "b", D)], ACTORS, "UTC")
    e1 = next(m for m in c.marks if m.record_id == "e1")
    s1 = next(m for m in c.marks if m.record_id == "s1")
    assert e1.lanes == (0, 2) and e1.others == (c.lanes[2].mark_y,)
    assert (e1.line_top, e1.line_bottom) == (c.lanes[0].mark_y, c.lanes[2].mark_y)
    assert abs(e1.x - s1.x) >= chart.SLOT


def test_long_empty_stretches_become_one_break_and_short_ones_stay_days():
    later = D + timedelta(days=3)  # two empty days between: kept
    much_later = D + timedelta(days=300)
    c = chart.layout(days_of(entry("e1", D, ["a"]), entry("e2", later, ["a"])), [statement("s1", "a", much_later)],
                     ACTORS, "UTC")
    kinds = ["break" if col.is_break else col.day.day for col in c.columns]
    assert kinds[:4] == [10, 11, 12, 13] and kinds[4] == "break" and len(kinds) == 6
    gap = c.breaks[0]
    assert (gap.gap_from, gap.gap_to, gap.gap_days) == (later + timedelta(days=1), much_later - timedelta(days=1), 296)
    assert (c.first_day, c.last_day) == (D, much_later)


def test_columns_tile_the_plot_and_month_labels_stay_inside():
    c = chart.layout(days_of(entry("e1", date(2022, 3, 30), ["a"]), entry("e2", date(2022, 4, 1), ["a"])), [],
                     ACTORS, "UTC")
    edges = [(col.x, col.x + col.width) for col in c.columns]
    assert edges[0][0] == c.plot_left and abs(edges[-1][1] - c.plot_right) < 0.2
    assert all(abs(a[1] - b[0]) < 0.2 for a, b in zip(edges, edges[1:]))
    assert c.plot_right - c.plot_left >= chart.MIN_PLOT - 0.5
    labels = [col for col in c.columns if col.month_label_x is not None]
    assert [col.day.month for col in labels] == [3, 4]
    assert all(col.month_label_x + chart.MONTH_CHAR_W * 8 <= c.plot_right for col in labels)


def test_exact_times_and_spans_use_the_local_day():
    # 22:30 UTC on the 10th is already the 11th in Moscow; the entry ends on the 13th.
    at = datetime(2022, 3, 10, 22, 30, tzinfo=timezone.utc)
    e = entry("e1", date(2022, 3, 11), ["a"], end=NS(day=date(2022, 3, 13), at=None), at=at)
    c = chart.layout([(date(2022, 3, 11), [e])], [], ACTORS, "Europe/Moscow")
    (m,) = c.marks
    end_col = next(col for col in c.columns if col.day == date(2022, 3, 13))
    assert m.day == date(2022, 3, 11) and m.end_x == end_col.center


def test_statements_dated_to_the_month_are_marked_approximate():
    c = chart.layout([], [statement("s1", "a", date(2022, 3, 1), "month")], ACTORS, "UTC")
    assert c.marks[0].approximate


def test_nothing_to_draw():
    assert chart.layout([], [], ACTORS, "UTC") is None


def test_the_real_data():
    from pathlib import Path

    from macros.site import Explainer

    ex = Explainer.load(Path(__file__).resolve().parent.parent)
    c = chart.layout(ex.timeline_days(), ex.data.statements.values(), ex.data.actors, ex.data.event.timezone)
    assert c.entry_count == len(ex.data.timeline) and c.statement_count == len(ex.data.statements)
    assert {m.record_id for m in c.marks if m.kind == "entry"} == set(ex.data.timeline)
    assert 0 < c.width < 1000, "the chart should fit a desktop column without shrinking its text"
    xs = [m.x for m in c.marks]
    assert xs == sorted(xs), "reading (and tab) order runs left to right"
