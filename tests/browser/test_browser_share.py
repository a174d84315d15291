"""Sharing, printing and search, in a real Chromium (the README screenshots: `make screenshots`).

These tests never skip: without a browser they fail with an instruction.
"""

from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup

from macros.pages.site import Explainer
from support.browser import PAGES, load
from support.project import EVENTS, event_data

# ---------- sharing and printing ----------


@pytest.mark.parametrize("name", list(PAGES))
def test_title_description_and_open_graph_tags(event_site, name):
    html = (event_site.site / PAGES[name] / "index.html").read_text()
    head = BeautifulSoup(html, "html.parser").head
    prop = {m["property"]: m["content"] for m in head.select("meta[property]")}
    title = head.title.get_text(strip=True)
    description = head.select_one("meta[name=description]")["content"]
    event_title = Explainer.load(event_site.project).data.event.title
    assert event_title in title
    assert len(description) > 40
    if name != "home":
        assert description.startswith(f"{event_title}: ")
    assert prop["og:title"] == title
    assert prop["og:description"] == description
    assert prop["og:type"] == "article"
    assert prop["og:site_name"] == f"Explainer: {event_title}"
    if os.environ.get("SITE_URL"):  # the Pages workflow sets site_url this way
        assert prop["og:url"].startswith(os.environ["SITE_URL"])
    else:
        assert "og:url" not in prop, "og:url only when site_url is set"


def test_og_url_only_when_site_url_is_set(instant_site_url):
    from urllib.request import urlopen

    with urlopen(instant_site_url + PAGES["timeline"]) as response:
        head = BeautifulSoup(response.read().decode(), "html.parser").head
    assert head.select_one("meta[property='og:url']")["content"] == instant_site_url + PAGES["timeline"]


@pytest.mark.browser
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


@pytest.mark.browser
def test_print_spells_out_addresses_hidden_behind_link_text(open_context, site_url):
    page, _ = load(open_context(), site_url + PAGES["sources"])
    page.emulate_media(media="print")
    links = page.evaluate("""() => [...document.querySelectorAll('a.external:not(.external-url)')].map(a => ({
            href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content}))""")
    assert links, "the sources page has archive links with words for text"
    for link in links:
        assert link["after"] == f'" ({link["href"]})"', link
    page.emulate_media(media="screen")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('a.external:not(.external-url)'), '::after').content"
    ) in ("none", "normal")


# ---------- search ----------


def _search_words(event: str) -> list[str]:
    """A speaker's name and a few words of one of their quotes (or paraphrases), from the event's data."""
    data = event_data(event)
    names = {a["id"]: a["name"] for a in data["actors"]["actors"]}
    said = data["statements"]["statements"]
    st = next((s for s in said if s.get("quote")), said[0])
    words = re.findall(r"[A-Za-z]{5,}", st.get("quote") or st["paraphrase"])[:2]
    return [names[st["actor"]].split()[-1], " ".join(words)]


@pytest.mark.browser
@pytest.mark.parametrize("event, words", [(e, w) for e in EVENTS for w in _search_words(e)])
def test_search_finds_statements_by_speaker_and_by_quote(open_context, served, event, words):
    page, log = load(open_context(), served(event))
    page.click(".md-search__input")
    page.keyboard.type(words)
    hit = page.locator(".md-search-result__list a[href*='statements/']").first
    hit.wait_for(state="visible", timeout=10_000)
    text = page.locator(".md-search-result__list").inner_text().lower()
    assert words.split()[0].lower() in text
    assert log.foreign() == [] and log.errors == []
