"""The reader's experience, proven in a real Chromium against the built site.

One strict build (conftest's `built_site`), served on 127.0.0.1, one browser
for the whole module. Covered: axe-core accessibility in both palettes, no
request to another host and no console error, no sideways scrolling on a
phone, the timeline filters (URL round trip, instant navigation, no-JS
fallback), a keyboard-only walk with visible focus, the overview chart, print
styles, Open Graph tags, Material's search, and screenshots for the README.

These tests never skip: without a browser they fail with an instruction.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

from browser_support import (FOCUS_PROBE, LAUNCH_ARGS, PageLog, SCHEMES, find_chromium, palette_script,
                             png_size, serve)

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / ".github" / "screenshots"
PAGES = {"home": "", "timeline": "timeline/", "statements": "statements/", "actors": "actors/",
         "sources": "sources/"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

browser_test = pytest.mark.browser


def _count(name: str) -> int:
    return len(yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))[name])


ENTRIES, STATEMENTS = _count("timeline"), _count("statements")  # what the pages must show


# ---------- fixtures ----------

@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory):
    """The site built with site_url set to where it is served.

    Material's instant navigation only takes over links listed in sitemap.xml,
    which is empty without site_url; so this second build, served at the very
    address it names, is where instant navigation (and og:url) can be tested.
    """
    base = tmp_path_factory.mktemp("instant")
    project, site = base / "project", base / "site"
    project.mkdir()
    site.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, project / name)
    with serve(site) as url:
        config = project / "mkdocs.yml"
        text, n = re.subn(r"(?m)^site_url:.*$", f"site_url: {url}", config.read_text())
        config.write_text(text if n else f"site_url: {url}\n{text}")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url), capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


@pytest.fixture(scope="session")
def browser():
    path, problem = find_chromium()
    if path is None:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


@pytest.fixture
def open_context(browser):
    """Make browser contexts (light or dark, any viewport); all are closed after the test."""
    made = []

    def make(scheme: str = "light", viewport=DESKTOP, **kwargs):
        ctx = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce", **kwargs)
        if kwargs.get("java_script_enabled", True):
            ctx.add_init_script(palette_script(scheme))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def load(ctx, url: str, idle: bool = False):
    """Open a page, watching its requests and errors, and wait for its load event (or network idle)."""
    page = ctx.new_page()
    log = PageLog().watch(page)
    page.goto(url, wait_until="networkidle" if idle else "load")
    return page, log


def timeline_state(page) -> dict:
    return page.evaluate("""() => ({
        shown: [...document.querySelectorAll('li.timeline-entry')].filter(li => !li.hidden && li.offsetParent).map(li => li.id),
        total: document.querySelectorAll('li.timeline-entry').length,
        emptyDaysShown: [...document.querySelectorAll('section[data-day]')].filter(
            d => !d.hidden && !d.querySelector('li.timeline-entry:not([hidden])')).length,
        daysHidden: [...document.querySelectorAll('section[data-day]')].filter(d => d.hidden).length,
        status: document.querySelector('[data-filter-status]').textContent,
        actor: document.querySelector('[data-filter=actor]').value,
        kind: document.querySelector('[data-filter=kind]').value,
        formVisible: !!document.querySelector('[data-timeline-filters]').offsetParent,
    })""")


def expected_entries(page, actor: str = "", kind: str = "") -> list[str]:
    return page.evaluate("""([actor, kind]) => [...document.querySelectorAll('li.timeline-entry')]
        .filter(li => (!actor || li.dataset.actors.split(' ').includes(actor)) && (!kind || li.dataset.kind === kind))
        .map(li => li.id)""", [actor, kind])


def query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


# ---------- finding the browser ----------

def test_browser_choice_env_var_then_known_paths_else_a_one_line_instruction(tmp_path, monkeypatch):
    import browser_support
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

@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(open_context, site_url, axe, name, scheme):
    page, log = load(open_context(scheme), site_url + PAGES[name])
    applied = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert applied == SCHEMES[scheme]["scheme"], f"the {scheme} palette was not applied"
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    assert log.errors == []


@browser_test
@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_nothing_from_other_hosts_and_logs_no_errors(open_context, site_url, name):
    page = open_context().new_page()
    log = PageLog().watch(page)
    # The search worker fetches its index after the page settles; wait for it rather than race it.
    with page.expect_request(lambda r: "search_index.json" in r.url, timeout=30_000):
        page.goto(site_url + PAGES[name], wait_until="networkidle")
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in u for u in log.requests), "the search index was not loaded"
    assert log.foreign() == [], "requests to other hosts"
    assert log.errors == []


# ---------- phones ----------

@browser_test
@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scrolling_on_a_phone(open_context, site_url, name):
    page, log = load(open_context(viewport=PHONE), site_url + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide at {PHONE['width']}px"
    wide = page.evaluate("""(limit) => [...document.querySelectorAll(
            '.md-content :is(p, li, blockquote, dd, dt, h1, h2, h3, figure, form, a, article)')]
        .filter(el => !el.closest('.chart-scroll') && el.getBoundingClientRect().right > limit + 0.5)
        .map(el => el.tagName + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 50))""",
                         PHONE["width"])
    assert wide == [], "elements stick out on the right"
    wraps = page.evaluate("[...document.querySelectorAll('.md-content a.external')].map(a => getComputedStyle(a).overflowWrap)")
    assert set(wraps) <= {"anywhere"}, "long addresses must wrap anywhere"
    assert log.errors == []


@browser_test
def test_chart_scrolls_inside_its_own_labelled_box_on_a_phone(open_context, site_url):
    page, _ = load(open_context(viewport=PHONE), site_url + PAGES["timeline"])
    box = page.locator(".chart-scroll")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the chart should scroll inside its box"
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


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


# ---------- keyboard ----------

@browser_test
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
    assert kinds.count("chart-mark") == page.locator(".chart-mark").count()
    no_focus = [w for w in walk if w["inContent"] and not (w["focusVisible"] and w["visibleFocus"])]
    assert no_focus == [], "focused without a visible outline or box-shadow"

    # The chart's skip link jumps straight to the filters. (This first in-page jump is when
    # Material re-fetches the page and swaps its content; wait for that before tabbing on.)
    page.evaluate("window.__pages = 0; document$.subscribe(() => { window.__pages += 1; })")
    page.focus("a.chart-skip")
    assert page.locator("a.chart-skip").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#tl-chart-end'")
    try:
        page.wait_for_function("window.__pages > 1", timeout=2000)
    except PlaywrightTimeout:
        pass  # a Material version that does not re-fetch
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


# ---------- sharing and printing ----------

@pytest.mark.parametrize("name", list(PAGES))
def test_title_description_and_open_graph_tags(built_site, name):
    html = (built_site / PAGES[name] / "index.html").read_text()
    head = BeautifulSoup(html, "html.parser").head
    prop = {m["property"]: m["content"] for m in head.select("meta[property]")}
    title = head.title.get_text(strip=True)
    description = head.select_one("meta[name=description]")["content"]
    assert "Russia restricts Instagram" in title
    assert len(description) > 40
    if name != "home":
        assert description.startswith("Russia restricts Instagram: ")
    assert prop["og:title"] == title
    assert prop["og:description"] == description
    assert prop["og:type"] == "article"
    assert prop["og:site_name"] == "Explainer: Russia restricts Instagram"
    if os.environ.get("SITE_URL"):  # the Pages workflow sets site_url this way
        assert prop["og:url"].startswith(os.environ["SITE_URL"])
    else:
        assert "og:url" not in prop, "og:url only when site_url is set"


def test_og_url_only_when_site_url_is_set(instant_site_url):
    from urllib.request import urlopen
    with urlopen(instant_site_url + PAGES["timeline"]) as response:
        head = BeautifulSoup(response.read().decode(), "html.parser").head
    assert head.select_one("meta[property='og:url']")["content"] == instant_site_url + PAGES["timeline"]


@browser_test
@pytest.mark.parametrize("name", ["home", "timeline"])
def test_print_hides_navigation_and_shows_full_addresses(open_context, site_url, name):
    page, _ = load(open_context(), site_url + PAGES[name])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
            '.md-footer', '.md-search', '.timeline-filters'].filter(s => document.querySelector(s))
        .map(s => [s, getComputedStyle(document.querySelector(s)).display])""")
    assert hidden and all(display == "none" for _, display in hidden), hidden
    refs = page.evaluate("""() => [...document.querySelectorAll('.reference-list a.external')].map(a => ({
            href: a.getAttribute('href'), text: a.textContent.trim(), visible: !!a.offsetParent,
            after: getComputedStyle(a, '::after').content}))""")
    assert refs, "the page should have a reference list with addresses"
    for r in refs:
        # The full address is the link text itself, so print shows it and does not repeat it.
        assert r["visible"] and r["text"] == r["href"] and r["after"] in ("none", "normal"), r


@browser_test
def test_print_spells_out_addresses_hidden_behind_link_text(open_context, site_url):
    page, _ = load(open_context(), site_url + PAGES["sources"])
    page.emulate_media(media="print")
    links = page.evaluate("""() => [...document.querySelectorAll('a.external:not(.external-url)')].map(a => ({
            href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content}))""")
    assert links, "the sources page has archive links with words for text"
    for link in links:
        assert link["after"] == f'" ({link["href"]})"', link
    page.emulate_media(media="screen")
    assert page.evaluate("getComputedStyle(document.querySelector('a.external:not(.external-url)'), '::after').content") \
        in ("none", "normal")


# ---------- search ----------

@browser_test
@pytest.mark.parametrize("words", ["Mosseri", "crystal clear"])
def test_search_finds_statements_by_speaker_and_by_quote(open_context, site_url, words):
    page, log = load(open_context(), site_url)
    page.click(".md-search__input")
    page.keyboard.type(words)
    hit = page.locator(".md-search-result__list a[href*='statements/']").first
    hit.wait_for(state="visible", timeout=10_000)
    text = page.locator(".md-search-result__list").inner_text().lower()
    assert words.split()[0].lower() in text
    assert log.foreign() == [] and log.errors == []


# ---------- screenshots for the README ----------

@browser_test
def test_screenshots(open_context, site_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    made = []
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for scheme in ("light", "dark"):
            if scheme == "dark" and device == "phone":
                continue
            ctx = open_context(scheme, viewport=viewport)
            page = ctx.new_page()
            for name in ("home", "timeline", "statements"):
                page.goto(site_url + PAGES[name])
                page.evaluate("document.fonts.ready.then(() => true)")
                suffix = "" if scheme == "light" else "-dark"
                path = SCREENSHOTS / f"{name}-{device}{suffix}.png"
                page.screenshot(path=str(path), animations="disabled", caret="hide")
                made.append((path, viewport["width"]))
    for path, width in made:
        assert png_size(path)[0] == width, path
    for name in ("home", "timeline", "statements"):
        for device in ("desktop", "phone"):
            assert (SCREENSHOTS / f"{name}-{device}.png").is_file()
