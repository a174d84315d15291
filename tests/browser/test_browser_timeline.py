"""The timeline filters and the overview chart, in a real Chromium.

These tests never skip: without a browser they fail with an instruction.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from support.browser import ENTRIES, PAGES, STATEMENTS, browser_test, expected_entries, load, query, timeline_state


def _dimmed(page) -> dict:
    """Which chart marks the filters dim, and how they look."""
    return page.evaluate("""() => {
        const marks = [...document.querySelectorAll('.timeline-chart .chart-mark')];
        const dim = marks.filter(m => m.classList.contains('is-filtered-out'));
        const bright = marks.find(m => !m.classList.contains('is-filtered-out') && m.offsetParent);
        const shown = dim.find(m => m.offsetParent);
        return {
            entries: dim.filter(m => m.dataset.entry).map(m => m.dataset.entry),
            allEntries: marks.filter(m => m.dataset.entry).map(m => m.dataset.entry),
            statements: dim.filter(m => m.dataset.actor).length,
            allStatements: marks.filter(m => m.dataset.actor).length,
            opacity: shown ? parseFloat(getComputedStyle(shown).opacity) : null,
            brightOpacity: bright ? parseFloat(getComputedStyle(bright).opacity) : null,
        };
    }""")


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

    # With an actor alone, the chart dims the other actors' statements and marks the actor's row.
    dim = _dimmed(page)
    assert sorted(dim["entries"]) == sorted(set(dim["allEntries"]) - {w[2:] for w in want})
    assert dim["statements"] == page.eval_on_selector_all(
        f".chart-mark.mark-statement:not([data-actor='{actor}'])", "els => els.length"
    )
    assert page.eval_on_selector_all(".chart-lane.is-selected", "els => els.map(e => e.dataset.lane)") == [actor]

    page.select_option("[data-filter=kind]", kind)
    want = expected_entries(page, actor, kind)
    state = timeline_state(page)
    assert state["shown"] == want and len(want) >= 1
    assert state["status"] == f"Showing {len(want)} of {total} entries"
    assert query(page.url) == {"actor": actor, "kind": kind}
    # The chart dims what the filters hide: entries the list hides, and every statement once a kind is chosen.
    page.check("[data-chart-statements]")
    dim = _dimmed(page)
    assert sorted(dim["entries"]) == sorted(set(dim["allEntries"]) - {w[2:] for w in want})
    assert dim["statements"] == dim["allStatements"] > 0
    assert dim["opacity"] < 0.5 and dim["brightOpacity"] == 1

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
        const values = f => [...document.querySelectorAll(`[data-filter=${f}] option`)]
            .map(o => o.value).filter(Boolean);
        for (const a of values('actor')) for (const k of values('kind'))
            if (!entries.some(li => li.dataset.actors.split(' ').includes(a) && li.dataset.kind === k)) return [a, k];
    }""")
    assert nothing, "every actor has an entry of every kind?"
    page.select_option("[data-filter=actor]", nothing[0])
    page.select_option("[data-filter=kind]", nothing[1])
    state = timeline_state(page)
    assert state["shown"] == [] and state["status"].startswith(f"Showing 0 of {total} entries")
    assert state["daysHidden"] == len(page.query_selector_all("section[data-day]"))

    # "Show all" clears the filters and the query, and the chart's marks are all bright again.
    page.click(".filter-reset")
    assert _dimmed(page)["entries"] == [] and _dimmed(page)["statements"] == 0
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
def test_a_malformed_fragment_leaves_the_filters_working(open_context, site_url):
    """#%E0%A4%A is not valid percent-encoding: decodeURIComponent throws on it, and it names nothing."""
    page, log = load(open_context(), site_url + PAGES["timeline"] + "#%E0%A4%A")
    state = timeline_state(page)
    assert state["formVisible"] and len(state["shown"]) == state["total"]
    kind = page.evaluate("() => document.querySelector('li.timeline-entry').dataset.kind")
    page.select_option("[data-filter=kind]", kind)
    assert timeline_state(page)["shown"] == expected_entries(page, kind=kind)
    page.evaluate("() => { location.hash = '%E0%A4%A'; }")  # and when the address changes to one
    page.wait_for_function("location.hash === '#%E0%A4%A'")
    page.keyboard.press("Tab")
    assert timeline_state(page)["shown"] == expected_entries(page, kind=kind)
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
    # The chart's marks are plain links, which crawlers follow and instant navigation takes over.
    assert (
        page.eval_on_selector_all(
            ".timeline-chart [*|href]",
            "els => els.filter(e => e.hasAttribute('xlink:href') "
            "|| e.namespaceURI !== 'http://www.w3.org/1999/xhtml').length",
        )
        == 0
    )
    page.check("[data-chart-statements]")
    page.click(".chart-mark.mark-statement >> nth=0")
    page.wait_for_url(re.compile(r"/statements/#s-"))
    assert page.evaluate("window.__sameDocument === true"), "a chart link should not reload the page"
    page.locator(f"#{urlsplit(page.url).fragment}").wait_for(state="visible", timeout=10_000)  # fails if never shown
    page.go_back()
    page.wait_for_selector("[data-timeline-filters]:not([hidden])")

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
    page, _ = load(open_context(java_script_enabled=False), site_url + PAGES["timeline"] + "?kind=nothing-matches")
    assert page.locator("[data-timeline-filters]").is_hidden()
    entries = page.locator("li.timeline-entry")
    assert entries.count() == ENTRIES
    assert all(entries.nth(i).is_visible() for i in range(entries.count()))
    assert page.locator("figure.timeline-chart svg.chart-svg").is_visible()
    statements = page.locator(".chart-mark.mark-statement")
    assert statements.count() == STATEMENTS and not statements.first.is_visible(), "statements start hidden"
    page.check("[data-chart-statements]")
    assert statements.first.is_visible(), "the statements toggle needs no JavaScript"
