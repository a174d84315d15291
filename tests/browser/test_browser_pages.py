"""Accessibility (axe, both palettes), privacy and console, phones and the keyboard, in a real Chromium.

These tests never skip: without a browser they fail with an instruction. Checks that hold
for any event run on every fixture event; accessibility is also checked on whatever data/ holds.
"""

from __future__ import annotations

import contextlib

import pytest

from support import browser as browser_support
from support.browser import (
    AXE_TAGS,
    ENTRIES,
    FOCUS_PROBE,
    PAGES,
    PHONE,
    SCHEMES,
    PageLog,
    expected_entries,
    find_chromium,
    load,
    query,
    render_offscreen,
    timeline_state,
)
from support.project import EVENTS, REPO

ANY_EVENT = [pytest.param(e, id=e) for e in EVENTS]


# ---------- finding the browser ----------


def test_browser_choice_env_var_then_known_paths_else_a_one_line_instruction(tmp_path, monkeypatch):
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    monkeypatch.setenv("EXPLAINER_CHROMIUM", str(fake))
    path, problem = find_chromium()
    assert path is None and "EXPLAINER_CHROMIUM" in problem and "\n" not in problem  # not executable
    fake.chmod(0o755)
    assert find_chromium() == (str(fake), "")

    monkeypatch.delenv("EXPLAINER_CHROMIUM")
    monkeypatch.setattr(browser_support, "CANDIDATES", (str(tmp_path / "missing"), str(fake)))
    assert find_chromium() == (str(fake), "")
    monkeypatch.setattr(browser_support, "CANDIDATES", ())
    monkeypatch.setattr(browser_support.shutil, "which", lambda name: None)
    path, problem = find_chromium()
    assert path is None and "\n" not in problem and "EXPLAINER_CHROMIUM" in problem and "chromium" in problem


# ---------- accessibility, privacy, console ----------

# Every site in the light palette; whatever data/ holds in the dark one too (the palettes' contrast
# comes from the theme, the same for every event, so one event per extra palette is enough).
AXE_RUNS = [pytest.param(e, "light", id=f"{e}-light") for e in EVENTS] + [
    pytest.param(REPO, scheme, id=f"repo-{scheme}") for scheme in ("light", "dark")
]


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("event, scheme", AXE_RUNS)
def test_axe_finds_no_violations(open_context, served, axe, event, name, scheme):
    page, log = load(open_context(scheme), served(event) + PAGES[name])
    applied = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert applied == SCHEMES[scheme]["scheme"], f"the {scheme} palette was not applied"
    render_offscreen(page)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    assert log.errors == []


@pytest.mark.browser
def test_the_search_dialog_has_a_name(open_context, site_url):
    page, log = load(open_context(), site_url)
    name = page.locator('.md-search[role="dialog"]').get_attribute("aria-label")
    assert name and name.strip(), "Material's search dialog needs an accessible name"
    assert log.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("event", ANY_EVENT)
def test_page_loads_nothing_from_other_hosts_and_logs_no_errors(open_context, served, event, name):
    page = open_context().new_page()
    log = PageLog().watch(page)
    # The search worker fetches its index after the page settles; wait for it rather than race it.
    with page.expect_request(lambda r: "search_index.json" in r.url, timeout=30_000):
        page.goto(served(event) + PAGES[name], wait_until="networkidle")
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in u for u in log.requests), "the search index was not loaded"
    assert log.foreign() == [], "requests to other hosts"
    assert log.errors == []


# ---------- phones ----------


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("event", ANY_EVENT)
def test_no_sideways_scrolling_on_a_phone(open_context, served, event, name):
    page, log = load(open_context(viewport=PHONE), served(event) + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide at {PHONE['width']}px"
    wide = page.evaluate(
        """(limit) => [...document.querySelectorAll(
            '.md-content :is(p, li, blockquote, dd, dt, h1, h2, h3, figure, form, a, article)')]
        .filter(el => !el.closest('.chart-scroll') && el.getBoundingClientRect().right > limit + 0.5)
        .map(el => el.tagName + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 50))""",
        PHONE["width"],
    )
    assert wide == [], "elements stick out on the right"
    wraps = page.evaluate(
        "[...document.querySelectorAll('.md-content a.external')].map(a => getComputedStyle(a).overflowWrap)"
    )
    assert set(wraps) <= {"anywhere"}, "long addresses must wrap anywhere"
    assert log.errors == []


@pytest.mark.browser
def test_chart_scrolls_inside_its_own_labelled_box_on_a_phone(open_context, site_url):
    page, _ = load(open_context(viewport=PHONE), site_url + PAGES["timeline"])
    box = page.locator(".chart-scroll")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the chart should scroll inside its box"
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# ---------- keyboard ----------


@pytest.mark.browser
def test_keyboard_walk_reaches_everything_with_a_visible_focus(open_context, site_url):
    page, log = load(open_context(), site_url + PAGES["timeline"])
    walk = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_PROBE)
        if info is None or (walk and info == walk[0]):
            break
        walk.append(info)
    kinds = [w["kind"] for w in walk]
    for kind in ("chart-region", "chart-mark", "filter-actor", "filter-kind", "filter-reset", "cite", "backlink"):
        assert kind in kinds, f"Tab never reached a {kind}"
    assert kinds.index("chart-mark") < kinds.index("filter-actor") < kinds.index("cite") < kinds.index("backlink")
    assert kinds.count("chart-mark") == page.locator(".chart-mark:visible").count()  # statements: hidden until toggled
    no_focus = [w for w in walk if w["inContent"] and not (w["focusVisible"] and w["visibleFocus"])]
    assert no_focus == [], "focused without a visible outline or box-shadow"

    # The chart's skip link jumps straight to the filters. (This first in-page jump is when
    # Material re-fetches the page and swaps its content; wait for that before tabbing on.)
    page.evaluate("window.__pages = 0; document$.subscribe(() => { window.__pages += 1; })")
    page.focus("a.chart-skip")
    assert page.locator("a.chart-skip").is_visible(), "the skip link shows when focused"
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#tl-chart-end'")
    with contextlib.suppress(PlaywrightTimeout):  # a Material version that does not re-fetch
        page.wait_for_function("window.__pages > 1", timeout=2000)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_PROBE)["kind"] == "filter-actor"

    # Filters: arrow keys choose, Tab moves on, Enter on "Show all" resets.
    page.keyboard.press("ArrowDown")
    actor = page.eval_on_selector("[data-filter=actor]", "el => el.value")
    assert actor and query(page.url) == {"actor": actor}
    assert timeline_state(page)["shown"] == expected_entries(page, actor)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_PROBE)["kind"] == "filter-kind"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_PROBE)["kind"] == "filter-reset"
    page.keyboard.press("Enter")
    assert len(timeline_state(page)["shown"]) == ENTRIES and query(page.url) == {}

    # A citation marker leads to its reference, and the back-link leads back.
    # (A source's first use, so the reference's first back-link returns to it.)
    marker = page.locator("li.timeline-entry sup.cite a[id$='-1']").nth(2)
    entry = marker.evaluate("a => a.closest('li.timeline-entry').id")
    marker_id, target = marker.get_attribute("id"), "#" + marker.get_attribute("href").split("#")[1]
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {target!r}")
    page.keyboard.press("Tab")
    info = page.evaluate(FOCUS_PROBE)
    assert info["kind"] == "backlink" and info["href"].endswith("#" + marker_id)
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{marker_id}'")
    assert page.locator(f"#{marker_id}").is_visible()

    # A chart mark leads to its entry.
    page.locator(f".chart-mark[data-entry='{entry[2:]}']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{entry}'")
    assert page.locator(f"#{entry}").is_visible()
    assert log.errors == []
