"""What readers see of citations and sources, in a real Chromium: lettered back-links with big enough targets
that return to the marker followed, one heading per source, and the state-owned and language markers."""

from __future__ import annotations

import pytest

from support.browser import load, serve
from support.project import INPUTS, build_ok, make_project

READERS = INPUTS / "readers"  # a state-owned agency writing in Russian, a monitor, further reading


@pytest.fixture(scope="module")
def readers_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("readers")
    with serve(build_ok(make_project(base / "project", READERS), base / "site")) as url:
        yield url


@pytest.mark.browser
def test_back_links_are_lettered_big_enough_and_return_to_the_marker_followed(open_context, readers_url):
    page, log = load(open_context(), readers_url)
    refs = page.locator(".reference-list li")
    lettered = [i for i in range(refs.count()) if refs.nth(i).locator("a.backlink-letter").count() > 1]
    assert lettered, "the input cites some source more than once on the home page"
    ref = refs.nth(lettered[0])
    links = ref.locator("a.backlink-letter")
    assert [links.nth(i).inner_text().strip() for i in range(links.count())] == list("abcdefgh"[: links.count()])
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, box
    # Follow the source's second marker in the text, then the caret: back to that marker, not the first.
    second = links.nth(1).evaluate("a => decodeURIComponent(a.hash.slice(1))")  # Material may make hrefs absolute
    page.locator(f"[id='{second}']").click()
    page.wait_for_url(f"**#{ref.get_attribute('id')}")
    ref.locator("a.backlink-return").click()  # the ^ that sources.js points at the marker followed
    page.wait_for_url(f"**#{second}")
    assert log.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_sources_page_one_heading_per_source_and_its_markers(open_context, readers_url, script):
    page, log = load(open_context(java_script_enabled=script), readers_url + "sources/")
    sources = page.locator("li.source")
    assert sources.count() > 0 and page.locator("li.source h3").count() == sources.count()
    assert all(sources.nth(i).is_visible() for i in range(sources.count())), "every source stays listed"
    text = page.locator(".bibliography").inner_text()
    assert "(state-owned)" in text and "(in Russian)" in text
    assert page.locator("a[hreflang='ru']").count() > 0
    assert page.locator("[data-sources-filter]").is_visible() is script, "the filter exists only with JavaScript"
    assert log.errors == []
