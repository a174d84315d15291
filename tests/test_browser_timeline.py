"""The timeline filters and the overview chart, in a real Chromium.

These tests never skip: without a browser they fail with an instruction.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from support.browser import ENTRIES, PAGES, STATEMENTS, browser_test, expected_entries, load, query, timeline_state


# ---------- the timeline filters ----------

@browser_test
def test_filters_narrow_the_timeline_and_round_trip_through_the_url(open_context, site_url):
    ctx = open_context()
    page, log = load(ctx, site_url + PAGES["timeline"])
    state = timeline_state(page)
    assert state["formVisible"], "the filter form should appear when JavaScript runs"
    total = state["total"]
    assert len(state["shown"]) == total == ENTRIES
    assert state["status"] == f"Showing all {total} entries"
    # The busiest actor, and the kind of their first entry: a real narrowing at each step.
    actor, kind = page.evaluate("""() => {
        const entries = [...document.querySelectorAll('li.timeline-entry')], n = {};
        entries.forEach(li => li.dataset.actors.split(' ').filter(Boolean).forEach(a => { n[a] = (n[a] || 0) + 1; }));
        const actor = Object.keys(n).sort((a, b) => n[b] - n[a])[0];
        return [actor, entries.find(li => li.dataset.actors.split(' ').includes(actor)).dataset.kind];
    }""")

    page.select_option("[data-filter=actor]", actor)
    want = expected_entries(page, actor)
    state = timeline_state(page)
    assert 0 < len(want) < total and state["shown"] == want
    assert state["status"] == f"Showing {len(want)} of {total} entries"
    assert state["daysHidden"] > 0 and state["emptyDaysShown"] == 0
    assert query(page.url) == {"actor": actor}

    page.select_option("[data-filter=kind]", kind)
    want = expected_entries(page, actor, kind)
    state = timeline_state(page)
    assert state["shown"] == want and len(want) >= 1
    assert state["status"] == f"Showing {len(want)} of {total} entries"
    assert query(page.url) == {"actor": actor, "kind": kind}
    # The chart greys out what the filters hide.
    faded = page.eval_on_selector_all(".chart-mark.is-filtered-out", "els => els.length")
    assert faded == total - len(want)

    # The address is the state: a reload, or a fresh reader with the link, sees the same view.
    shared = page.url
    page.reload()
    state = timeline_state(page)
    assert (state["actor"], state["kind"]) == (actor, kind) and state["shown"] == want
    other, _ = load(open_context(), shared)
    assert timeline_state(other)["shown"] == want

    # A combination that matches nothing says so.
    nothing = page.evaluate("""() => {
        const entries = [...document.querySelectorAll('li.timeline-entry')];
        const values = f => [...document.querySelectorAll(`[data-filter=${f}] option`)].map(o => o.value).filter(Boolean);
        for (const a of values('actor')) for (const k of values('kind'))
            if (!entries.some(li => li.dataset.actors.split(' ').includes(a) && li.dataset.kind === k)) return [a, k];
    }""")
    assert nothing, "every actor has an entry of every kind?"
    page.select_option("[data-filter=actor]", nothing[0])
    page.select_option("[data-filter=kind]", nothing[1])
    state = timeline_state(page)
    assert state["shown"] == [] and state["status"].startswith(f"Showing 0 of {total} entries")
    assert state["daysHidden"] == len(page.query_selector_all("section[data-day]"))

    # "Show all" clears the filters and the query.
    page.click(".filter-reset")
    state = timeline_state(page)
    assert len(state["shown"]) == total and (state["actor"], state["kind"]) == ("", "")
    assert urlsplit(page.url).query == ""

    # Unknown values in a shared link are ignored rather than hiding everything.
    junk, _ = load(open_context(), site_url + PAGES["timeline"] + "?actor=nobody&kind=meta")
    assert len(timeline_state(junk)["shown"]) == total
    assert log.errors == []


@browser_test
def test_following_a_link_to_a_filtered_out_entry_shows_it(open_context, site_url):
    page, log = load(open_context(), site_url + PAGES["timeline"])
    kind, hidden_id = page.evaluate("""() => {
        const entries = [...document.querySelectorAll('li.timeline-entry')], kind = entries.at(-1).dataset.kind;
        return [kind, entries.find(li => li.dataset.kind !== kind).id];
    }""")
    page.select_option("[data-filter=kind]", kind)
    assert hidden_id not in timeline_state(page)["shown"]
    page.click(f".chart-mark[data-entry='{hidden_id[2:]}']")
    page.wait_for_function(f"location.hash === '#{hidden_id}'")
    state = timeline_state(page)
    assert hidden_id in state["shown"] and len(state["shown"]) == state["total"]
    assert query(page.url) == {}
    assert page.locator(f"#{hidden_id}").is_visible()
    assert log.errors == []


@browser_test
def test_filters_work_after_material_instant_navigation(open_context, instant_site_url):
    page, log = load(open_context(), instant_site_url, idle=True)  # idle: Material has read the sitemap
    page.evaluate("window.__sameDocument = true")
    page.click(".md-tabs__link:text-is('Timeline')")
    page.wait_for_url("**/timeline/")
    page.wait_for_selector("[data-timeline-filters]:not([hidden])")
    assert page.evaluate("window.__sameDocument === true"), "expected Material's instant navigation, not a reload"
    page.select_option("[data-filter=kind]", "statement")
    want = expected_entries(page, kind="statement")
    state = timeline_state(page)
    assert state["shown"] == want and state["status"] == f"Showing {len(want)} of {state['total']} entries"
    assert query(page.url) == {"kind": "statement"}
    # Away and back again through the history: the filtered view comes back.
    page.click(".md-tabs__link:text-is('Actors')")
    page.wait_for_url("**/actors/")
    page.go_back()
    page.wait_for_selector("[data-timeline-filters]:not([hidden])")
    page.wait_for_function("document.querySelector('[data-filter=kind]').value === 'statement'")
    assert timeline_state(page)["shown"] == want
    assert log.errors == []


@browser_test
def test_without_javascript_the_whole_timeline_shows(open_context, site_url):
    page, _ = load(open_context(java_script_enabled=False), site_url + PAGES["timeline"] + "?actor=ooni")
    assert page.locator("[data-timeline-filters]").is_hidden()
    entries = page.locator("li.timeline-entry")
    assert entries.count() == ENTRIES
    assert all(entries.nth(i).is_visible() for i in range(entries.count()))
    assert page.locator("figure.timeline-chart svg.chart-svg").is_visible()



# ---------- the overview chart ----------

@browser_test
def test_overview_chart_is_an_accessible_inline_svg_of_every_entry_and_statement(open_context, site_url, built_site):
    html = (built_site / "timeline" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    figure = soup.select_one("figure.timeline-chart")
    assert figure is not None and figure.figcaption is not None and figure.figcaption.get_text(strip=True)
    svg = figure.select_one("svg.chart-svg")
    assert svg.get("viewbox") or svg.get("viewBox")
    assert svg.find("title").get_text(strip=True) and svg.find("desc").get_text(strip=True)
    assert "<script" not in str(figure)
    assert not re.search(r'(fill|stroke)="(#000|black|#000000)"', str(figure)), "colours come from CSS"

    entries = {li["id"] for li in soup.select("li.timeline-entry")}
    statements_html = (built_site / "statements" / "index.html").read_text()
    statement_ids = {a["id"] for a in BeautifulSoup(statements_html, "html.parser").select("article.statement")}
    marks = figure.select("a.chart-mark")
    assert all(m.get("aria-label") for m in marks), "every mark needs an accessible name"
    links = [m.get("xlink:href") or m.get("href") for m in marks]
    to_entries = {h[1:] for h in links if h.startswith("#t-")}
    to_statements = {h.split("#", 1)[1] for h in links if h.startswith("../statements/#s-")}
    assert to_entries == entries and len(to_entries) == ENTRIES
    assert to_statements == statement_ids and len(statement_ids) == STATEMENTS
    assert len(links) == len(entries) + len(statement_ids)

    # Both palettes: the chart's text and marks take their colours from the scheme.
    colours = {}
    for scheme in ("light", "dark"):
        page, log = load(open_context(scheme), site_url + PAGES["timeline"])
        colours[scheme] = page.evaluate("""() => ({
            label: getComputedStyle(document.querySelector('.chart-svg .lane-label')).fill,
            day: getComputedStyle(document.querySelector('.chart-svg .day-label')).fill,
            body: getComputedStyle(document.querySelector('.md-typeset')).color,
            entry: getComputedStyle(document.querySelector('.mark-entry .mark-shape')).fill,
        })""")
        assert log.errors == []
    assert colours["light"]["label"] != colours["dark"]["label"]
    assert colours["light"]["entry"] != colours["dark"]["entry"]
    for scheme, c in colours.items():
        assert _luminance(c["day"]) == pytest.approx(_luminance(c["body"]), abs=0.05), scheme
    assert _luminance(colours["dark"]["label"]) > 0.4 > _luminance(colours["light"]["label"])

    # A statement mark is a working link to the statements page.
    page.click(".chart-mark.mark-statement >> nth=0")
    page.wait_for_url(re.compile(r"/statements/#s-"))
    anchor = urlsplit(page.url).fragment
    assert page.locator(f"#{anchor}").is_visible()


def _luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", css)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


