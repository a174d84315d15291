"""A timeline split across pages (macros/pages/parts.py), in a real Chromium: the filter applies to the
page shown, the links to the other parts keep it, and a part without the chosen actor says so."""

from __future__ import annotations

import pytest

from support.browser import load, query, serve, timeline_state
from support.project import build_ok, make_project, split_into_parts


@pytest.fixture(scope="session")
def split_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("split-browser")
    project = split_into_parts(make_project(base / "project", "sample"))  # the timeline in three parts
    with serve(build_ok(project, base / "site")) as url:
        yield url


@pytest.mark.browser
def test_the_filter_follows_the_reader_to_the_other_parts(open_context, split_url):
    page, log = load(open_context(), split_url + "timeline/")
    first = page.evaluate("() => document.querySelector('li.timeline-entry').dataset.actors.split(' ')[0]")
    page.select_option("[data-filter=actor]", first)
    links = page.eval_on_selector_all("a[data-part-link]", "as => as.map(a => a.getAttribute('href'))")
    assert links and all(query("http://x/" + href) == {"actor": first} for href in links)
    assert page.is_visible("[data-filter-parts-note]")

    page.click(".part-nav-bottom a[rel=next]")
    page.wait_for_url("**/timeline/part-2/**")
    state = timeline_state(page)
    assert query(page.url) == {"actor": first}
    has_actor = page.evaluate(
        "a => [...document.querySelectorAll('li.timeline-entry')].some(li => li.dataset.actors.split(' ').includes(a))",
        first,
    )
    if has_actor:  # the choice applies here too
        assert state["actor"] == first and state["shown"]
    else:  # kept in the address, and said
        assert state["shown"] == [] and page.is_visible("[data-filter-elsewhere]")
    page.click("[data-timeline-filters] button[type=reset]")
    assert timeline_state(page)["shown"] and query(page.url) == {}
    assert log.errors == []
