"""A real `mkdocs build --strict` of the project, checked page by page."""
from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import site_check
from macros.site import Explainer

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"index.html": "Explainer", "timeline/index.html": "Timeline", "statements/index.html": "Who said what",
         "actors/index.html": "Actors", "sources/index.html": "Sources"}


@pytest.fixture(scope="module")
def soups(built_site):
    return site_check.pages(built_site)


@pytest.fixture(scope="module")
def data():
    return Explainer.load(ROOT).data


def test_every_page_is_built(soups):
    assert set(PAGES) <= set(soups)


def test_internal_links_and_anchors_resolve(built_site, soups):
    assert site_check.internal_links(built_site, soups) == []


def test_external_links_are_http_and_carry_rel(soups):
    assert site_check.external_links(soups) == []


def test_nothing_is_fetched_from_another_host(built_site, soups):
    assert site_check.third_party_fetches(built_site, soups) == []


def test_time_elements_hold_iso_dates(soups):
    assert site_check.times(soups) == []


def test_citations_and_back_links_pair_up(soups):
    assert site_check.citations(soups) == []


@pytest.mark.parametrize("page", PAGES)
def test_every_content_page_has_references(soups, page):
    if page == "sources/index.html":
        assert soups[page].select_one("#references") is None
        return
    refs = soups[page].select(".reference-list > li")
    assert refs, f"{page} has no reference list"


def test_home_has_key_facts_disputes_and_updates(soups, data):
    home = soups["index.html"]
    facts = home.select(".key-facts .fact-list > li")
    assert len(facts) == len(data.event.key_facts)
    assert all(li.select("sup.cite") for li in facts), "every key fact is cited"
    disputes = home.select(".dispute")
    assert len(disputes) == len(data.event.disputes)
    for d in disputes:
        sides = d.select(".dispute-sides > li")
        assert len(sides) >= 2 and all(s.select("sup.cite") for s in sides)
    assert len(home.select(".update-log > li")) == len(data.event.updates)


def test_every_prose_paragraph_of_the_explainer_is_cited(soups):
    body = site_check.content(soups["index.html"])
    for p in body.find_all("p", recursive=False):
        text = p.get_text(" ", strip=True)
        if text and not text.startswith("Each disagreement"):
            assert p.select("sup.cite"), f"uncited paragraph: {text[:80]!r}"


def test_timeline_entries(soups, data):
    tl = soups["timeline/index.html"]
    entries = tl.select("li.timeline-entry")
    assert len(entries) == len(data.timeline) >= 12
    assert sorted(e["id"][2:] for e in entries) == sorted(data.timeline)
    file_order = list(data.timeline)
    for day in tl.select("section.timeline-day"):
        ids = [li["id"][2:] for li in day.select("li.timeline-entry")]
        timed = [data.timeline[i].start.at is not None for i in ids]
        assert timed == sorted(timed), "whole-day entries come before timed ones"
        untimed = [i for i in ids if not data.timeline[i].start.at]
        assert untimed == sorted(untimed, key=file_order.index), "same-day entries keep the file's order"
    for e in entries:
        assert e.select_one("time[datetime]"), e["id"]
        assert e.select_one(f"a.permalink[href='#{e['id']}']"), e["id"]
        assert e.select("sup.cite"), f"{e['id']} is not cited"
        assert e.select_one(".entry-kind").get_text(strip=True)
        for a in e.select(".entry-actors a.actor"):
            assert a["href"].startswith("../actors/#a-")
    days = [s.select_one("time")["datetime"] for s in tl.select("section.timeline-day")]
    assert days == sorted(days) and len(days) == len(set(days)), "grouped by day, in order"


def test_timed_entries_show_local_time_and_utc(soups, data):
    timed = [e for e in data.timeline.values() if e.start.at]
    assert timed, "the sample data has at least one entry with an exact time"
    tl = soups["timeline/index.html"]
    for e in timed:
        when = tl.select_one(f"#t-{e.id} .entry-when")
        stamps = [t["datetime"] for t in when.select("time")]
        local = e.start.at.astimezone(ZoneInfo(data.event.timezone))
        assert stamps == [local.isoformat(timespec="minutes"), stamps[1]] and stamps[1].endswith("Z"), stamps
        assert local.tzname() in when.get_text() and "UTC" in when.get_text()


def test_who_said_what(soups, data):
    page = soups["statements/index.html"]
    cards = page.select("article.statement")
    assert len(cards) == len(data.statements) >= 12
    assert len({st.actor for st in data.statements.values()}) >= 8
    for card in cards:
        st = data.statements[card["id"][2:]]
        assert card.select_one(".statement-who a.actor")["href"] == f"../actors/#a-{st.actor}"
        assert card.select_one(".statement-role").get_text(strip=True).lstrip(", ") == data.actors[st.actor].role
        assert card.select_one(".statement-when time[datetime]")
        assert card.select("sup.cite")
        if st.quote is not None:
            assert card.select_one("blockquote.statement-quote").get_text() == st.quote
            assert card.select_one(".statement-paraphrase") is None
        else:
            assert card.select_one("blockquote") is None, "a paraphrase is never shown as a quote"
            assert "not an exact quote" in card.select_one(".statement-paraphrase").get_text()
        assert len(card.select(".statement-related li:not(.incoming)")) == len(st.related)
        incoming = [o.id for o in data.statements.values() for r in o.related if r.statement == st.id]
        assert [a["href"] for a in card.select(".statement-related li.incoming a")] == [
            f"#s-{i}" for i in sorted(incoming, key=lambda i: data.statements[i].date)]  # ties: file order
    by_date = [li.select_one("a")["href"] for li in page.select(".statement-index > li")]
    assert len(by_date) == len(cards)


def test_actors_page_links_statements_and_entries(soups, data):
    page = soups["actors/index.html"]
    sections = page.select("section.actor")
    assert len(sections) == len(data.actors)
    for section in sections:
        actor_id = section["id"][2:]
        said = [s for s in data.statements.values() if s.actor == actor_id]
        assert len(section.select(".actor-statements a")) == len(said)
        entries = [e for e in data.timeline.values() if actor_id in e.actors]
        assert len(section.select(".actor-entries a")) == len(entries)


def test_sources_page_has_full_metadata_and_back_links(soups, data):
    page = soups["sources/index.html"]
    items = page.select("li.source")
    assert len(items) == len(data.sources) >= 15
    for li in items:
        src = data.sources[li["id"][4:]]
        text = li.get_text(" ", strip=True)
        assert src.publisher in text and src.title in text
        if src.url:
            assert li.select_one(f"a[href='{src.url}']")
        else:
            assert "No web address known" in text
        if src.copy_:
            assert li.select_one(f"a[href='{src.copy_.url}']")
        archive = li.select_one(".source-meta div:-soup-contains('Archive') dd")
        if not src.archive and (src.url or src.copy_):
            link = archive.select_one("a")
            assert link["href"].startswith("https://web.archive.org/web/*/") and "Search" in link.get_text()
            assert "No archived copy recorded" in archive.get_text()
        assert li.select(".cited-in a"), f"{src.id} lists no place that cites it"
