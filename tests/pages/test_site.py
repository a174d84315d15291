"""A real `mkdocs build --strict` of each fixture event, checked page by page.

Every test here runs once per fixture event in tests/events/ and asserts only what holds
for any event, reading what to expect from that event's data. The repository's own
data/ is checked only in ways that hold for any valid event (the last tests).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from macros.data.kinds import BY_NAME
from macros.pages.site import Explainer, page_url
from support import site_check
from support.project import build_ok, make_project


def anchor(kind: str, record_id: str) -> str:
    return BY_NAME[kind].anchor(record_id)


def record_id(kind: str, anchor_id: str) -> str:
    prefix = BY_NAME[kind].prefix
    assert anchor_id.startswith(prefix), (kind, anchor_id)
    return anchor_id[len(prefix) :]


PAGES = ("index.html", "timeline/index.html", "statements/index.html", "actors/index.html", "sources/index.html")


@pytest.fixture(scope="module")
def soups(event_site):
    return site_check.pages(event_site.site)


@pytest.fixture(scope="module")
def data(event_site):
    return Explainer.load(event_site.project).data


def test_every_page_is_built(soups):
    assert set(PAGES) <= set(soups)


def test_internal_links_and_anchors_resolve(event_site, soups):
    assert site_check.internal_links(event_site.site, soups) == []


def test_every_id_is_unique_on_its_page(soups):
    assert site_check.unique_ids(soups) == []


def test_external_links_are_http_and_carry_rel(soups):
    assert site_check.external_links(soups) == []


def test_nothing_is_fetched_from_another_host(event_site, soups):
    assert site_check.third_party_fetches(event_site.site, soups) == []


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


def test_prose_citations_show_where_the_page_cites(event_site, soups):
    """Each paragraph of docs/index.md that calls cite() shows markers; the others show none."""
    source = (event_site.project / "docs" / "index.md").read_text(encoding="utf-8")
    paragraphs = [p for p in source.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "{{"))]
    body = site_check.content(soups["index.html"])
    shown = [p for p in body.find_all("p", recursive=False) if p.get_text(strip=True)]
    assert len(shown) == len(paragraphs)
    assert [bool(p.select("sup.cite")) for p in shown] == ["cite(" in p for p in paragraphs]


def test_timeline_entries(soups, data):
    tl = soups["timeline/index.html"]
    entries = tl.select("li.timeline-entry")
    assert len(entries) == len(data.timeline)
    assert sorted(record_id("entry", e["id"]) for e in entries) == sorted(data.timeline)
    file_order = list(data.timeline)
    for day in tl.select("section.timeline-day"):
        ids = [record_id("entry", li["id"]) for li in day.select("li.timeline-entry")]
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
            assert a["href"].startswith("../actors/#" + anchor("actor", ""))
    days = [s.select_one("time")["datetime"] for s in tl.select("section.timeline-day")]
    assert days == sorted(days) and len(days) == len(set(days)), "grouped by day, in order"


def _stamps(when, zone: str) -> list:
    """What an entry's start and end should show: each exact time twice (local, UTC), each day once."""
    if when is None:
        return []
    if when.at is None:
        return [when.day.isoformat()]
    return [when.at.astimezone(ZoneInfo(zone)), when.at.astimezone(UTC)]


def test_timed_entries_show_local_time_and_utc(soups, data):
    tl = soups["timeline/index.html"]
    zone = data.event.timezone
    for e in data.timeline.values():
        when = tl.select_one(f"#{anchor('entry', e.id)} .entry-when")
        stamps = [t["datetime"] for t in when.select("time")]
        want = _stamps(e.start, zone) + _stamps(e.end, zone)
        assert len(stamps) == len(want), (e.id, stamps)
        for stamp, wanted in zip(stamps, want, strict=True):
            if isinstance(wanted, str):
                assert stamp == wanted, e.id
                continue
            at = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            assert at == wanted and at.utcoffset() == wanted.utcoffset(), (e.id, stamp)  # same instant, same zone
        text = when.get_text()
        for moment in (e.start.at, e.end.at if e.end else None):
            if moment is not None:
                assert moment.astimezone(ZoneInfo(zone)).tzname() in text and "UTC" in text, e.id


def test_who_said_what(soups, data):
    page = soups["statements/index.html"]
    cards = page.select("article.statement")
    assert len(cards) == len(data.statements)
    for card in cards:
        st = data.statements[record_id("statement", card["id"])]
        assert card.select_one(".statement-who a.actor")["href"] == f"../actors/#{anchor('actor', st.actor)}"
        assert card.select_one(".statement-role").get_text(strip=True).lstrip(", ") == data.actors[st.actor].role
        stamp = card.select_one(".statement-when time[datetime]")["datetime"]
        assert stamp == st.date.isoformat(), "the date exactly as precise as the data (2024, 2024-03 or 2024-03-04)"
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
            f"#{anchor('statement', i)}" for i in sorted(incoming, key=lambda i: data.statements[i].date)
        ]  # ties: file order
    by_date = page.select(".statement-index > li")
    assert len(by_date) == len(cards)
    for li in by_date:
        st = data.statements[record_id("statement", li.select_one("a")["href"].lstrip("#"))]
        assert li.select_one("time")["datetime"] == st.date.isoformat(), "as precise as the data here too"


def test_actors_page_links_statements_and_entries(soups, data):
    page = soups["actors/index.html"]
    sections = page.select("section.actor")
    assert len(sections) == len(data.actors)
    for section in sections:
        actor_id = record_id("actor", section["id"])
        said = [s for s in data.statements.values() if s.actor == actor_id]
        assert len(section.select(".actor-statements a")) == len(said)
        entries = [e for e in data.timeline.values() if actor_id in e.actors]
        assert len(section.select(".actor-entries a")) == len(entries)


def test_sources_page_has_full_metadata_and_back_links(soups, data):
    page = soups["sources/index.html"]
    items = page.select("li.source")
    assert len(items) == len(data.sources)
    for li in items:
        src = data.sources[record_id("source", li["id"])]
        text = li.get_text(" ", strip=True)
        assert src.publisher in text and src.title in text
        if src.url:
            assert li.select_one(f"a[href='{src.url}']")
        else:
            assert "No web address known" in text
        if src.copy_:
            assert li.select_one(f"a[href='{src.copy_.url}']")
        search = li.select_one("a[href^='https://web.archive.org/web/*/']")
        if not src.archive and (src.url or src.copy_):  # a search, labelled as one; the page says so once
            assert search is not None and "search" in search.get_text()
        else:
            assert search is None
        assert li.select(".cited-in a"), f"{src.id} lists no place that cites it"
    assert page.get_text().count("it is a search, not a copy") == 1


# ---------- page addresses without directory URLs ----------


@pytest.mark.parametrize(
    "src, directory, flat",
    [
        ("index.md", "", "index.html"),
        ("timeline.md", "timeline/", "timeline.html"),
        ("guide/index.md", "guide/", "guide/index.html"),
        ("guide/more.md", "guide/more/", "guide/more.html"),
    ],
)
def test_page_url_with_and_without_directory_urls(src, directory, flat):
    assert (page_url(src), page_url(src, directory_urls=False)) == (directory, flat)


def test_a_site_built_without_directory_urls_has_working_links(tmp_path):
    """With `use_directory_urls: false` pages are timeline.html etc., and every data block's link still resolves."""
    project = make_project(tmp_path / "project", "other")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "use_directory_urls: true" in text
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    site = build_ok(project, tmp_path / "site")
    soups = site_check.pages(site)
    assert {"timeline.html", "statements.html", "actors.html", "sources.html"} <= set(soups)
    assert site_check.internal_links(site, soups) == []
    hrefs = [a["href"] for a in soups["timeline.html"].select(".entry-actors a.actor")]
    assert hrefs and all(h.startswith("actors.html#") for h in hrefs)


# ---------- whatever data/ holds: only what holds for any valid event ----------


def test_the_repository_event_builds_with_working_links_and_unique_ids(repo_site):
    soups = site_check.pages(repo_site)
    assert set(PAGES) <= set(soups)
    assert site_check.internal_links(repo_site, soups) == []
    assert site_check.unique_ids(soups) == []
    assert site_check.citations(soups) == []
    assert site_check.times(soups) == []
