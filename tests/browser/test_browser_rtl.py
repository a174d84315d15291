"""The Arabic fixture event in a real Chromium: a right-to-left site that reads, filters and passes axe.

The other browser tests run over every fixture event (axe in the light palette, no sideways
scrolling at 360 px); these add what right-to-left needs: the direction itself, nothing sticking
out on either side, the dark palette, the chart's time running from right to left, and the
filters' words coming from the page in Arabic.
"""

from __future__ import annotations

import pytest

from support.browser import AXE_TAGS, PAGES, PHONE, SCHEMES, expected_entries, load, render_offscreen, timeline_state

EVENT = "ar"
browser_test = pytest.mark.browser


@browser_test
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_is_right_to_left_and_fits_a_phone(open_context, served, name):
    page, log = load(open_context(viewport=PHONE), served(EVENT) + PAGES[name])
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    out = page.evaluate(
        """(limit) => [...document.querySelectorAll(
            '.md-content :is(p, li, blockquote, dd, dt, h1, h2, h3, figure, form, a, article)')]
        .filter(el => !el.closest('.chart-scroll'))
        .filter(el => { const r = el.getBoundingClientRect(); return r.left < -0.5 || r.right > limit + 0.5; })
        .map(el => el.tagName + '.' + el.className)""",
        PHONE["width"],
    )
    assert out == [], "elements stick out on one side"
    assert log.errors == []


@browser_test
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_either_palette(open_context, served, axe, name, scheme):
    page, log = load(open_context(scheme), served(EVENT) + PAGES[name])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]["scheme"]
    render_offscreen(page)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    assert log.errors == []


@browser_test
def test_the_chart_runs_from_right_to_left(open_context, served):
    page, _ = load(open_context(), served(EVENT) + PAGES["timeline"])
    days = page.eval_on_selector_all(
        ".chart-svg .day-label", "els => els.map(e => [e.textContent, e.getBoundingClientRect().left])"
    )
    assert len(days) > 1 and days[0][1] > days[-1][1], "the first day is at the right"
    lanes = page.eval_on_selector(".chart-lanes", "el => el.getBoundingClientRect().left")
    plot = page.eval_on_selector(".chart-plot", "el => el.getBoundingClientRect().left")
    assert lanes > plot, "the actors' names sit at the start, on the right"
    scroller = page.locator(".chart-scroll")
    if scroller.evaluate("el => el.scrollWidth > el.clientWidth"):  # it opens at its start: the first day
        assert scroller.evaluate("el => el.scrollLeft") == 0


@browser_test
def test_the_filters_work_and_speak_arabic(open_context, served):
    page, log = load(open_context(), served(EVENT) + PAGES["timeline"])
    form = page.locator("[data-timeline-filters]")
    state = timeline_state(page)
    total = str(state["total"])
    assert state["formVisible"] and state["status"] == form.get_attribute("data-status-all").replace("{total}", total)
    actor = "netwatch-example"  # one entry of its own, among five
    page.select_option("[data-filter=actor]", actor)
    want = expected_entries(page, actor)
    state = timeline_state(page)
    assert 0 < len(want) < state["total"] and state["shown"] == want
    assert state["status"] == form.get_attribute("data-status-some").replace("{shown}", str(len(want))).replace(
        "{total}", total
    )
    page.select_option("[data-filter=kind]", "announcement")
    assert timeline_state(page)["status"] == form.get_attribute("data-status-none").replace("{total}", total)
    page.click(".filter-reset")
    assert len(timeline_state(page)["shown"]) == state["total"]

    sources, _ = load(open_context(), served(EVENT) + PAGES["sources"])
    sources.fill("[data-filter=text]", "NetWatch")
    shown = sources.eval_on_selector_all("li.source:not([hidden])", "els => els.length")
    total = sources.eval_on_selector_all("li.source", "els => els.length")
    some = sources.locator("[data-sources-filter]").get_attribute("data-status-some")
    status = some.replace("{shown}", str(shown)).replace("{total}", str(total))
    assert shown > 0 and sources.locator("[data-filter-status]").text_content() == status
    assert log.errors == []
