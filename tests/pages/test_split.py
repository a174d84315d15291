"""Big events split into pages (macros/pages/parts.py): every record is on the part that the links
say, each part says where it sits, and small events do not split.

The sample event is built with a small page budget (`extra: explainer_page_budget:` in mkdocs.yml),
so each of its four record pages splits into a few parts while the build stays quick. The strict
build itself runs the link check, which also fails when a record is missing from its part.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path

import pytest

from macros.engine import linkscan
from macros.engine.outputs import record_anchors
from macros.pages import parts
from macros.pages.site import Explainer, page_url
from support import site_check
from support.project import EVENTS, EVENTS_DIR, SPLIT_BUDGET, build_ok, event_data, make_project, split_into_parts

BUDGET = SPLIT_BUDGET
SPLIT_BLOCKS = {"statements": "s-", "timeline": "t-", "actors": "a-", "sources": "src-"}
KIND = {"statements": "statement", "timeline": "entry", "actors": "actor", "sources": "source"}


def split_project(dest: Path, event: str = "sample", budget: int = BUDGET, data=None) -> Path:
    return split_into_parts(make_project(dest, event, data=data), budget)


@pytest.fixture(scope="session")
def split(tmp_path_factory):
    """The sample event built split, with a site address so the downloads carry absolute links."""
    base = tmp_path_factory.mktemp("split")
    project = split_project(base / "project")
    site = build_ok(project, base / "site", SITE_URL="https://example.org/x/")
    ex = Explainer.load(project, page_budget=BUDGET)
    return project, site, ex, site_check.pages(site)


def dest(src: str) -> str:
    url = page_url(src)
    return url + "index.html" if url == "" or url.endswith("/") else url


# The plan, without building.


def test_small_events_stay_on_one_page_each():
    for event in EVENTS:
        project = EVENTS_DIR / event
        assert Explainer.load(project).plan.parts == {}, event


def test_runs_stay_within_the_budget_and_a_record_over_it_stands_alone():
    class R:
        def __init__(self, text):
            self.id, self.text = text[:3], text

    records = [R("a" * 100), R("b" * 100), R("c" * 5000), R("d" * 100)]
    runs = parts.pack(records, budget=2 * parts.MARKUP + 250)
    assert [[r.text[0] for r in run] for run in runs] == [["a", "b"], ["c"], ["d"]]


def test_a_timeline_over_several_months_splits_by_month(tmp_path):
    data = event_data("sample")
    for n, entry in enumerate(data["timeline"]["timeline"]):
        if n % 2:
            entry["start"] = "2022-04-0" + str(1 + n % 9)
            entry.pop("end", None)
    project = make_project(tmp_path / "p", "sample", data={"timeline": data["timeline"]}, code=False)
    ex = Explainer.load(project, page_budget=BUDGET)
    timeline = ex.plan.parts["timeline"]
    assert [p.src for p in timeline][0] == "timeline.md"
    assert all(p.month in (date(2022, 3, 1), date(2022, 4, 1)) for p in timeline)
    april = [p for p in timeline if p.month == date(2022, 4, 1)]
    assert april[0].src == "timeline/2022-04.md"
    assert all(ex.local_day(e).month == 4 for p in april for e in p.records)
    title = ex.page(april[0].src).part_title()
    assert title == "Timeline: April 2022" if len(april) == 1 else title == "Timeline: April 2022, part 1 of 2"


def test_a_busy_days_statements_are_shared_by_the_parts_it_spans_within_the_budget(tmp_path):
    # Four times the sample: its busiest day's entries fill several timeline parts, and the last of them
    # once showed every statement of that day in its chart (2 pages over 150 KB at 1000x).
    from bench.scale import read_data, scale_data

    data = scale_data(read_data(EVENTS_DIR / "sample" / "data"), 4)
    ex = Explainer.load(make_project(tmp_path / "p", "sample", data=data, code=False), page_budget=BUDGET)
    timeline = ex.plan.parts["timeline"]
    beside = {p.number: ex.statements_beside(p) for p in timeline}
    starts = [ex.local_day(p.records[0]) for p in timeline]
    busy = max(set(starts[1:]), key=starts.count)
    sharing = [p.number for p, day in zip(timeline, starts, strict=True) if day == busy and not p.first]
    assert len(sharing) > 2
    assert all(beside[n] for n in sharing)  # each has its share of the day, the last not all of it
    assert all(len(shown) <= BUDGET // parts.CHART_MARK for shown in beside.values())
    shown = [st.id for n in sorted(beside) for st in beside[n]]
    assert sorted(shown) == sorted(ex.data.statements)  # room for every statement: each is beside one part
    for p in timeline:  # the chart draws what the plan says
        html = ex.page(p.src).block("timeline_chart")
        assert html.count('class="chart-mark mark-statement"') == len(beside[p.number])


def test_a_stretch_too_busy_for_its_parts_is_cut_to_the_budget():
    days = [date(2022, 3, d) for d in (1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3)]  # the statements' days, in order
    starts = [date(2022, 3, 2), date(2022, 3, 2), date(2022, 3, 3)]  # of parts 2-4: parts 2 and 3 share the 2nd
    budget = 3 * parts.CHART_MARK
    shown = parts.beside(starts, list(range(len(days))), lambda i: days[i], budget)
    assert shown == [[0], [1, 2, 3], [5, 6, 7], [10]]  # the 2nd's nine, dealt 4 and 5: three of each fit
    assert parts.beside(starts, list(range(len(days))), lambda i: days[i], 10 * budget)[1:3] == [
        [1, 2, 3, 4],
        [5, 6, 7, 8, 9],
    ]


# The built site.


def test_every_record_is_on_the_part_that_holds_it_and_on_no_other(split):
    _, _, ex, soups = split
    assert set(ex.plan.parts) == set(SPLIT_BLOCKS)
    for block, prefix in SPLIT_BLOCKS.items():
        for record_id in ex.data.records[KIND[block]]:
            anchor = prefix + record_id
            found = [page for page, soup in soups.items() if site_check.content(soup).find(id=anchor)]
            assert found == [dest(ex.holder(KIND[block], record_id))], anchor
    assert record_anchors(ex).keys() <= soups.keys()


def test_links_to_records_on_other_pages_go_to_their_part(split):
    _, site, ex, soups = split
    pages = {name: soup for name, soup in soups.items() if name != "404.html"}  # it links by the site's address
    assert site_check.internal_links(site, pages) == []
    st = ex.plan.parts["statements"][-1].records[0]  # a statement on the last part
    actor_page = dest(ex.holder("actor", st.actor))
    want = f"#s-{st.id}"
    links = [a["href"] for a in site_check.content(soups[actor_page]).select("a[href]") if a["href"].endswith(want)]
    assert links and all("statements/part-" in href for href in links)
    source_page = dest(ex.holder("source", st.sources[0]))
    cited_in = site_check.content(soups[source_page]).select(f"#src-{st.sources[0]} .cited-in a")
    assert any(a["href"].endswith(want) and "statements/part-" in a["href"] for a in cited_in)
    entry = ex.plan.parts["timeline"][-1].records[-1]
    chart = site_check.content(soups[dest(ex.holder("entry", entry.id))]).select(
        f'.chart-mark[data-entry="{entry.id}"]'
    )
    assert [a["href"] for a in chart] == [f"#t-{entry.id}"]  # its part's chart, linking within the page


def test_each_part_has_its_title_its_neighbours_and_the_first_an_index(split):
    _, _, ex, soups = split
    for block, split_parts in ex.plan.parts.items():
        title = ex.page_title(ex.pages.host(block))
        for p in split_parts:
            soup = soups[dest(p.src)]
            body = site_check.content(soup)
            nav = body.select_one(".part-nav-top")
            assert nav.select_one(".part-here").get_text() == f"Part {p.number} of {p.count}"
            prev, next_ = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
            assert (prev is None) == p.first and (next_ is None) == (p.number == p.count)
            if not p.first:
                assert body.select_one("h1").get_text().rstrip("¶") == f"{title}, part {p.number} of {p.count}"
                assert soup.title.get_text().startswith(f"{title}, part {p.number} of {p.count} - ")
            index = body.select(".part-index li")
            assert len(index) == (p.count if p.first else 0)
        first = site_check.content(soups[dest(split_parts[0].src)])
        assert [a.get_text() for a in first.select(".part-index a")] == [
            f"Part {p.number} of {p.count}" for p in split_parts[1:]
        ]


def test_each_part_has_its_own_reference_list_and_jsonld_of_its_records(split):
    _, _, ex, soups = split
    assert site_check.citations(soups) == []
    for p in ex.plan.generated():
        soup = soups[dest(p.src)]
        graph = json.loads(soup.select_one('script[type="application/ld+json"]').string)["@graph"]
        prefix = SPLIT_BLOCKS[p.block]
        urls = {n["@id"] for n in graph if f"#{prefix}" in n.get("@id", "")}
        want = {f"https://example.org/x/{page_url(p.src)}#{prefix}{r.id}" for r in p.records}
        if p.block == "sources":  # a source's node is named by its own address where it has one
            want = {u for u in want if not ex.data.sources[u.rsplit("#src-", 1)[1]].url}
        assert urls == want, p.src


def test_the_downloads_link_each_record_to_its_part(split):
    _, site, ex, _ = split
    calendar = (site / "timeline.ics").read_bytes().decode("utf-8")  # as written: CRLF, folded lines
    urls = re.findall(r"^URL:(.*)$", calendar.replace("\r\n ", "").replace("\r", ""), re.M)
    assert urls and all(u.startswith("https://example.org/x/timeline/") for u in urls)
    assert any("/timeline/part-" in u for u in urls)
    for u in urls:
        page, anchor = u.removeprefix("https://example.org/x/").split("#t-")
        assert page == page_url(ex.holder("entry", anchor))


def test_blocks_reach_the_page_whole_and_search_gets_their_text(split):
    _, site, ex, soups = split
    for page, soup in soups.items():
        assert "explainer-block" not in str(soup), page  # every placeholder was replaced
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entry = ex.plan.parts["timeline"][1].records[0]
    here = [d for d in index if d["location"].startswith(page_url(ex.holder("entry", entry.id)))]
    assert any(entry.title in d["title"] + d["text"] for d in here)
    assert not any("<article" in d["text"] or "<li" in d["text"] for d in index)


def test_every_page_stays_under_150_kb_gzipped(split):
    _, site, _, _ = split
    sizes = {p.name: len(gzip.compress(p.read_bytes())) for p in site.rglob("*.html")}
    assert max(sizes.values()) < 150_000


# The link check says why, rather than reporting a page without ids.


def test_the_link_check_reads_a_page_with_a_script_over_libxml2s_limit():
    # At 1000x, one JSON-LD script was 15 MB: past libxml2's default 10 MB, lxml stopped in <head>.
    page = f'<html><head><script type="application/ld+json">{"x" * 11_000_000}</script></head><body><p id="s-a">x</p>'
    ids, _ = linkscan.scan(page + "</body></html>")
    assert ids == {"s-a"}


def test_a_page_lxml_cannot_finish_is_a_failure_with_the_reason(monkeypatch):
    from lxml import etree

    monkeypatch.setattr(linkscan, "_PARSER", etree.HTMLParser(encoding="utf-8"))  # the old, limited parser
    with pytest.raises(linkscan.Unreadable, match="limit"):
        linkscan.scan(f"<html><head><script>{'x' * 11_000_000}</script></head><body></body></html>")


def test_a_record_missing_from_its_part_fails_the_build_by_name(monkeypatch):
    site = linkscan.Site()
    site.ids = {"statements/part-2/index.html": {"s-a"}}
    (found,) = site.missing_records({"statements/part-2/index.html": ["s-a", "s-b"]})
    assert found.startswith("statements/part-2/index.html: 1 of its 2 records are not on the built page (s-b)")


def test_a_block_inside_a_heading_is_not_deferred(built_site):
    # {{ title() }} in `# …`: Markdown makes the heading's id and the page's <title> from its text.
    soup = site_check.pages(built_site)["index.html"]
    h1 = site_check.content(soup).select_one("h1")
    title = event_data("sample")["event"]["event"]["title"]
    assert h1.get_text().rstrip("¶") == title and not h1["id"].startswith("_")
    assert soup.title.get_text().startswith(title) or title in soup.title.get_text()
