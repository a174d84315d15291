"""The overview chart's layout arithmetic (macros/pages/chart.py), without a browser, on small named inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace as NS

import pytest

from macros.data.dates import PartialDate
from macros.pages import chart
from support.project import VALID
from support.shapes import SEVEN_MONTHS_OFFSETS, SEVEN_MONTHS_START

D = date(2022, 3, 10)


def entry(eid, day, actors, end=None, at=None, sources=("s",), title=None):
    return NS(
        id=eid,
        start=NS(day=day, at=at),
        end=end,
        actors=list(actors),
        kind="report",
        title=title or eid,
        sources=list(sources),
    )


def statement(sid, actor, day, precision="day"):
    known = PartialDate(day.year, 0 if precision == "year" else day.month, day.day if precision == "day" else 0)
    return NS(id=sid, actor=actor, date=known)


def actors(*ids):
    return {a: None for a in ids}


ACTORS = actors("a", "b", "c", "d")


def days_of(*entries):
    out = {}
    for e in entries:
        out.setdefault(e.start.day, []).append(e)
    return sorted(out.items())


def lay(entries=(), statements=(), who=ACTORS, tz="UTC"):
    return chart.layout(days_of(*entries), list(statements), who, tz)


def mark(c, rid):
    return next(m for m in c.marks if m.record_id == rid)


# ---------- scaled inputs: 25 actors over seven months ----------


def many_actors(n=25, long_name_at=3):
    return actors(*(f"actor-{i:02d}" for i in range(n)))


def seven_months(n_actors=25):
    """26 entries in three bursts (gaps of 10 and 181 days), one to four actors each, and 20 statements."""
    ids = list(many_actors(n_actors))
    offsets = SEVEN_MONTHS_OFFSETS
    start = SEVEN_MONTHS_START
    entries = []
    for i, off in enumerate(offsets):
        who = [ids[(i * 7) % n_actors], ids[(i * 5 + 3) % n_actors], ids[-1], ids[0]][: 1 + i % 4]
        entries.append(
            entry(
                f"e{i:02d}",
                start + timedelta(days=off),
                dict.fromkeys(who),
                sources=["s"] * (1 + i % 3),
                title="A title of several words, as editors write " * 2,
            )
        )
    says = [
        statement(f"s{i:02d}", ids[(i * 3) % n_actors], start + timedelta(days=offsets[(i * 5) % 26]))
        for i in range(20)
    ]
    return entries, says


def occupied(c):
    """(lane, x) of every mark's shapes and of the connectors and leaders between them."""
    out = []
    for m in c.marks:
        top = 0 if m.label else min(m.lanes)
        out += [(ln, m.x, m.record_id) for ln in range(top, max(m.lanes) + 1)]
    return out


def test_at_25_actors_and_seven_months_nothing_overlaps_and_the_gaps_are_folded():
    entries, says = seven_months()
    c = lay(entries, says, many_actors())
    assert len(c.lanes) == len({a for e in entries for a in e.actors} | {s.actor for s in says})
    # No two marks, connectors or leaders share a spot in a lane.
    spots = occupied(c)
    for lane in range(len(c.lanes)):
        xs = sorted(x for ln, x, _ in spots if ln == lane)
        assert all(b - a >= chart.SLOT for a, b in zip(xs, xs[1:], strict=False)), f"lane {lane}"
    # Seven months, but only the days with something on them and short gaps are columns.
    gaps = sorted(col.gap_days for col in c.breaks)
    assert gaps == [10, 181]
    assert len(c.columns) < 40 and c.width < 1600
    ten, long = sorted(c.breaks, key=lambda col: col.gap_days)
    assert ten.width < long.width, "a longer skipped stretch is drawn a little wider"
    assert all(m.x - chart.SLOT / 2 >= c.plot_left and m.x + chart.SLOT / 2 <= c.plot_right for m in c.marks)
    assert (c.first.first_day, c.last.first_day) == (date(2021, 1, 4), date(2021, 1, 4) + timedelta(days=213))


def test_labels_never_overlap_and_no_leader_runs_over_a_label():
    entries, says = seven_months()
    c = lay(entries, says, many_actors())
    labelled = c.key_marks
    assert 1 <= len(labelled) <= chart.KEY_MAX
    for m in labelled:
        lab = m.label
        assert lab.left >= 0 and lab.left + lab.width <= c.width
        assert c.label_top <= lab.top and lab.top + chart.ROW_H <= c.plot_top
        assert (lab.left + lab.width <= m.x + 1) if lab.flipped else (lab.left >= m.x - 1), (
            "the text starts at its leader"
        )
        for other in labelled:
            if other is m:
                continue
            o = other.label
            if o.top == lab.top:
                assert o.left + o.width <= lab.left or lab.left + lab.width <= o.left, "labels overlap"
            if o.top > lab.top:  # other's label is nearer the lanes: m's leader passes through its row
                assert not (o.left - 3 <= m.x <= o.left + o.width + 3), f"{m.record_id}'s leader crosses a label"
        assert m.box_top == lab.top + chart.ROW_H and m.box_height > 0


def test_key_entries_are_those_with_the_most_actors_then_sources():
    many = entry("many", D, ["a", "b", "c"], sources=["x"])
    two_rich = entry("two-rich", D + timedelta(days=8), ["a", "b"], sources=["x", "y"])
    two_poor = entry("two-poor", D + timedelta(days=16), ["c", "d"], sources=["x"])
    singles = [entry(f"one{i}", D + timedelta(days=24 + 8 * i), ["d"]) for i in range(chart.KEY_MAX)]
    c = lay([many, two_rich, two_poor, *singles])
    keys = {m.record_id for m in c.key_marks}
    assert {"many", "two-rich", "two-poor"} <= keys and len(keys) == chart.KEY_MAX
    assert "one5" not in keys, "the earliest single-actor entries win the last places"
    assert all(m.kind == "entry" for m in c.key_marks)


def test_a_key_entrys_leader_has_its_slot_in_every_lane_above_it():
    low = entry("low", D, ["c", "d"])  # the only two-actor entry: a key one
    above = [entry(f"x{i}", D, [a]) for i, a in enumerate("ab")]
    c = lay([*above, low])
    m = mark(c, "low")
    assert m.label is not None
    assert all(abs(mark(c, f"x{i}").x - m.x) >= chart.SLOT for i in range(2))


def test_a_single_actor():
    es = [entry(f"e{i}", D + timedelta(days=i * 2), ["a"]) for i in range(5)]
    c = lay(es, [statement("s1", "a", D)], actors("a"))
    assert [lane.actor for lane in c.lanes] == ["a"] and c.height == c.entries_height
    assert all(m.line_top == m.line_bottom == m.y and not m.others for m in c.marks)


def test_lanes_put_actors_with_entries_first_and_speakers_only_last():
    c = lay([entry("e1", D, ["c", "a"]), entry("e2", D, [])], [statement("s1", "d", D), statement("s2", "b", D)])
    assert [lane.actor for lane in c.lanes] == ["a", "c", None, "b", "d"]
    assert [lane.statements_only for lane in c.lanes] == [False, False, False, True, True]
    assert c.entries_height == c.height - 2 * chart.LANE_H
    assert (c.entry_count, c.statement_count) == (2, 2)


def test_marks_on_the_same_day_and_lane_never_overlap():
    es = [entry(f"e{i}", D, ["a"]) for i in range(4)]
    c = lay(es, [statement("s1", "a", D)])
    xs = sorted(m.x for m in c.marks)
    assert all(b - a >= chart.SLOT for a, b in zip(xs, xs[1:], strict=False))
    col = next(col for col in c.columns if col.day == D)
    assert all(col.x <= m.x - chart.SLOT / 2 and m.x + chart.SLOT / 2 <= col.x + col.width for m in c.marks)


def test_a_multi_actor_entry_reserves_its_slot_in_every_lane_it_crosses():
    # e1 joins lanes a and c, so b's entry (between them) must move aside.
    c = lay([entry("e1", D, ["a", "c"]), entry("e2", D, ["b"])])
    e1, e2 = mark(c, "e1"), mark(c, "e2")
    assert e1.lanes == (0, 2) and e1.others == (c.lanes[2].mark_y,)
    assert (e1.line_top, e1.line_bottom) == (c.lanes[0].mark_y, c.lanes[2].mark_y)
    assert abs(e1.x - e2.x) >= chart.SLOT


@pytest.mark.parametrize("gap, folded", [(2, False), (3, False), (10, True), (181, True)])
def test_empty_stretches_longer_than_max_gap_become_one_break(gap, folded):
    later = D + timedelta(days=gap + 1)
    c = lay([entry("e1", D, ["a"]), entry("e2", later, ["a"])])
    assert [col.gap_days for col in c.breaks] == ([gap] if folded else [])
    if folded:
        (b,) = c.breaks
        assert (b.gap_from, b.gap_to) == (D + timedelta(days=1), later - timedelta(days=1))
    else:
        assert [col.day for col in c.columns] == [D + timedelta(days=i) for i in range(gap + 2)]


def test_columns_tile_the_plot_and_month_labels_stay_inside():
    c = lay([entry("e1", date(2022, 3, 30), ["a"]), entry("e2", date(2022, 4, 1), ["a"])])
    edges = [(col.x, col.x + col.width) for col in c.columns]
    assert edges[0][0] == c.plot_left and abs(edges[-1][1] - c.plot_right) < 0.2
    assert all(abs(a[1] - b[0]) < 0.2 for a, b in zip(edges, edges[1:], strict=False))
    assert c.plot_right - c.plot_left >= chart.MIN_PLOT - 0.5
    labels = [col for col in c.columns if col.month_label_x is not None]
    assert [col.day.month for col in labels] == [3, 4]
    assert all(col.month_label_x + chart.MONTH_CHAR_W * 8 <= c.plot_right for col in labels)


def test_exact_times_and_spans_use_the_local_day():
    # 22:30 UTC on the 10th is already the 11th at UTC+5:30; the entry ends on the 13th.
    at = datetime(2022, 3, 10, 22, 30, tzinfo=UTC)
    e = entry("e1", date(2022, 3, 11), ["a"], end=NS(day=date(2022, 3, 13), at=None), at=at)
    c = chart.layout([(date(2022, 3, 11), [e])], [], ACTORS, "Asia/Kolkata")
    (m,) = c.marks
    end_col = next(col for col in c.columns if col.day == date(2022, 3, 13))
    assert m.day == date(2022, 3, 11) and m.end_x == end_col.center


def test_statements_dated_to_the_month_are_marked_approximate():
    c = lay([], [statement("s1", "a", date(2022, 3, 1), "month")])
    assert c.marks[0].approximate and c.entries_height < c.height


def test_nothing_to_draw():
    assert lay() is None


def test_the_fixture_event():
    from macros.pages.site import Explainer

    ex = Explainer.load(VALID)
    c = chart.layout(ex.timeline_days(), ex.data.statements.values(), ex.data.actors, ex.data.event.timezone)
    assert c.entry_count == len(ex.data.timeline) and c.statement_count == len(ex.data.statements)
    assert {m.record_id for m in c.marks if m.kind == "entry"} == set(ex.data.timeline)
    xs = [m.x for m in c.marks]
    assert xs == sorted(xs), "reading (and tab) order runs left to right"


def test_the_summary_shows_partial_dates_as_written(tmp_path):
    """A statement known only to the year is drawn at its first day, but never said to be on it."""
    from bs4 import BeautifulSoup

    from macros.pages.site import Explainer
    from support.project import event_data, make_project

    data = event_data(VALID)
    first, last = data["statements"]["statements"][:2]
    first["date"], last["date"] = 1900, 2100  # YAML reads a year alone as a number
    ex = Explainer.load(make_project(tmp_path / "p", VALID, data=data, code=False))
    html = ex.page(ex.pages.host("timeline_chart")).block("timeline_chart")
    summary = BeautifulSoup(html, "html.parser").select_one(".chart-summary").get_text()
    written = ex.lang.span(PartialDate(1900), PartialDate(2100))  # a range of years, in CLDR's form
    assert f"{written}." in summary and "1900" in written and "2100" in written, summary
    assert ex.lang.date(date(1900, 1, 1)) not in summary and ex.lang.date(date(2100, 1, 1)) not in summary, summary
