"""What readers see: lettered back-links, the grouped sources page, calmer statement cards,
grouped actors and a timeline that says "no time of day" once.

The pages come from tests/inputs/readers (the valid input plus outlets, a state-owned agency
writing in Russian, a monitor, translated statements and a source kept as further reading),
rendered the way `mkdocs build` renders them, minus the theme.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from macros.pages import groups
from macros.pages.cite import Citations, letter
from macros.pages.site import Explainer
from support.project import ROOT
from support.render import render_project

READERS = ROOT / "tests" / "inputs" / "readers"


# ---------- letters ----------


@pytest.mark.parametrize(
    "n, expected",
    [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"), (53, "ba"), (702, "zz"), (703, "aaa")],
)
def test_uses_are_lettered_like_spreadsheet_columns(n, expected):
    assert letter(n) == expected


def test_there_is_no_use_number_zero():
    with pytest.raises(ValueError):
        letter(0)


def test_a_reference_letters_its_uses_in_page_order():
    c = Citations()
    for s in ("x", "y", "x", "x"):
        c.use(s)
    x, y = c.references()
    assert [(u.letter, u.anchor) for u in x.backlinks] == [("a", "cite-x-1"), ("b", "cite-x-2"), ("c", "cite-x-3")]
    assert [(u.letter, u.anchor) for u in y.backlinks] == [("a", "cite-y-1")]


# ---------- grouping ----------


def _source(sid, outlet):
    return SimpleNamespace(id=sid, outlet=outlet)


def _actor(aid, kind, affiliation=None):
    return SimpleNamespace(id=aid, kind=kind, affiliation=affiliation)


def test_sources_group_in_the_vocabulary_order_with_unrecorded_outlets_last():
    sources = [_source("a", None), _source("b", "monitor"), _source("c", "news-agency"), _source("d", "monitor")]
    got = [(g.key, [s.id for s in g.records]) for g in groups.by_outlet(sources)]
    assert got == [("news-agency", ["c"]), ("monitor", ["b", "d"]), (None, ["a"])]


def test_people_sit_with_the_body_they_belong_to():
    actors = {
        a.id: a
        for a in (
            _actor("court", "court"),
            _actor("ministry", "government-body"),
            _actor("minister", "person", "ministry"),
            _actor("deputy", "person", "minister"),
            _actor("loner", "person"),
        )
    }
    got = [(g.key, [a.id for a in g.records]) for g in groups.by_home_kind(actors)]
    assert got == [("court", ["court"]), ("government-body", ["ministry", "minister", "deputy"]), ("person", ["loner"])]


def test_an_affiliation_loop_ends():
    actors = {a.id: a for a in (_actor("a", "person", "b"), _actor("b", "company", "a"))}
    assert groups.home_kind(actors["a"], actors) in {"person", "company"}


# ---------- the rendered pages ----------


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, BeautifulSoup]:
    project = tmp_path_factory.mktemp("readers") / "project"
    shutil.copytree(READERS, project)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return {src: BeautifulSoup(html, "html.parser") for src, html in render_project(project).items()}


@pytest.fixture(scope="module")
def ex() -> Explainer:
    return Explainer.load(READERS)


def test_a_source_used_once_has_a_single_caret_and_no_letters(pages):
    ref = pages["index.md"].find(id="ref-state-agency-2021-05-04")
    links = ref.select(".backlinks a")
    assert [a.get_text() for a in links] == ["^"] and links[0]["href"] == "#cite-state-agency-2021-05-04-1"
    assert ref.select(".backlink-caret") == []


def test_a_source_used_more_than_once_has_a_plain_caret_then_one_letter_per_use(pages):
    soup = pages["index.md"]
    markers = [a["id"] for a in soup.select("sup.cite a") if a["href"] == "#ref-gazette-2021-05-03"]
    assert len(markers) >= 3
    ref = soup.find(id="ref-gazette-2021-05-03")
    assert ref.select_one(".backlinks .backlink-caret").get_text() == "^"  # text until a reader follows a marker
    letters = ref.select(".backlinks a.backlink-letter")
    assert [a.get_text() for a in letters] == [letter(n) for n in range(1, len(markers) + 1)]
    assert [a["href"] for a in letters] == ["#" + m for m in markers]
    assert all(a.get_text() in a["aria-label"] for a in letters)  # the visible letter is in the link's name


def test_reference_lists_say_state_owned_and_the_language(pages):
    ref = pages["index.md"].find(id="ref-state-agency-2021-05-04")
    notes = [n.get_text() for n in ref.select(".source-note")]
    assert notes == ["(state-owned)", "(in Russian)"]
    assert ref.select_one("a.external")["hreflang"] == "ru"
    assert pages["index.md"].find(id="ref-gazette-2021-05-03").select(".source-note") == []


def test_sources_page_has_one_heading_per_source_grouped_by_outlet(pages, ex):
    soup = pages["sources.md"]
    items = soup.select("li.source")
    assert sorted(li["id"] for li in items) == sorted(f"src-{s}" for s in ex.data.sources)
    assert all(len(li.find_all("h3")) == 1 and li.h3.get("id") for li in items)
    assert [h.get_text(" ", strip=True) for h in soup.select(".source-group > h2")] == [
        "News agency",
        "Newspaper",
        "Monitoring organisation",
        "Other sources",
        "Further reading",
    ]
    other = soup.find(id="sources-unclassified").find_parent("section")
    assert [li["id"] for li in other.select("li.source")] == ["src-daily-2021-05-05"]


def test_sources_page_filter_is_hidden_until_a_script_shows_it(pages):
    form = pages["sources.md"].select_one("form[data-sources-filter]")
    assert form.has_attr("hidden")
    assert [o["value"] for o in form.select("option")] == ["", "news-agency", "newspaper", "monitor", "none"]
    assert form.select_one("input[type=search]")["id"] == form.select_one("label")["for"]


def test_sources_page_prints_no_filler_and_explains_the_wayback_search_once(pages, ex):
    soup = pages["sources.md"]
    text = soup.get_text(" ")
    for filler in ("not recorded", "Not recorded", "Not cited on any page", "No archived copy recorded"):
        assert filler not in text
    assert text.count("it is a search, not a copy") == 1
    searches = [a for a in soup.select("a.external") if a.get_text() == "Wayback Machine search"]
    expected = [s for s in ex.data.sources.values() if s.archive is None and (s.url or s.copy_)]
    assert len(searches) == len(expected) and len(expected) >= 2
    assert soup.find(id="src-gazette-2021-05-03").select_one("a.external[href^='https://web.archive.org/web/2021']")
    state = soup.find(id="src-state-agency-2021-05-04")
    assert [n.get_text() for n in state.select(".source-note")] == ["(state-owned)", "(in Russian)"]
    assert state.select_one("a.external")["hreflang"] == "ru"
    assert soup.find(id="src-background-2020").select(".cited-in") == []  # further reading: cited nowhere
    assert soup.find(id="src-gazette-2021-05-03").select(".cited-in li a")
    assert soup.find(id="downloads-title") is not None


def test_statement_cards_are_calm(pages):
    soup = pages["statements.md"]
    assert "Topics:" not in soup.get_text()
    note = soup.select(".translation-policy")
    assert len(note) == 1
    tags = soup.select("a.statement-tag")
    assert len(tags) == 2 and {a["href"] for a in tags} == {"#" + note[0]["id"]}
    assert all(a.get_text() == "Translated from Russian" for a in tags)
    card = soup.find(id="s-regulator-announces")
    assert card.select_one("blockquote.statement-original")["lang"] == "ru"
    quote = card.select_one("blockquote.statement-quote")
    assert quote.get_text() == "Access to the service will be restricted from 5 May."  # the quoted words alone
    assert quote.find_next_sibling().select("sup.cite"), "the citation follows the quote it supports"
    assert card.select_one(".statement-context").select("sup.cite") == []
    assert card["data-topics"] == "restriction"


def test_relations_beyond_two_fold_away_with_a_count(pages):
    card = pages["statements.md"].find(id="s-regulator-announces")
    shown = card.find("ul", class_="statement-related", recursive=False)
    assert len(shown.find_all("li")) == 2
    more = card.select_one("details.statement-related-more")
    assert more.summary.get_text() == "1 more related statement"
    assert len(more.select("li")) == 1
    assert pages["statements.md"].find(id="s-spokesperson-confirms").select("details") == []


def test_a_venue_of_other_shows_its_detail_alone(pages):
    when = pages["statements.md"].find(id="s-regulator-register").select_one(".statement-when").get_text(" ")
    assert "Notice in the official register" in when and "Other" not in when


def test_timeline_says_once_that_no_time_is_given(pages, ex):
    soup = pages["timeline.md"]
    assert "Time of day not given" not in soup.get_text()
    untimed = [e for e in ex.data.timeline.values() if e.start.at is None and e.end is None]
    for e in untimed:
        entry = soup.find(id=f"t-{e.id}")
        assert entry.select_one(".entry-when time.visually-hidden")["datetime"] == e.start.day.isoformat()
    assert soup.select_one(".timeline-intro").get_text().count("only the date is shown") == 1


def test_actors_are_grouped_by_the_kind_of_body_they_are_or_belong_to(pages):
    soup = pages["actors.md"]
    groups_seen = [
        (h2.get_text(strip=True), [h3["id"] for h3 in h2.find_parent("section").select("section.actor h3")])
        for h2 in soup.select(".actor-group > h2")
    ]
    assert groups_seen == [
        ("Government body", ["a-example-regulator_name", "a-jane-spokesperson_name"]),
        ("Organisation", ["a-example-monitor_name"]),
    ]
    assert "Not recorded" not in soup.get_text()
    facts = {
        dt.get_text(): dt.find_next_sibling("dd").get_text()
        for dt in soup.find(id="a-jane-spokesperson").select(".actor-facts dt")
    }
    assert facts["Kind"] == "Person"  # shown where it differs from the group's
    assert "Kind" not in [dt.get_text() for dt in soup.find(id="a-example-regulator").select("dt")]
    assert "Country" not in [dt.get_text() for dt in soup.find(id="a-example-monitor").select("dt")]


def test_templates_keep_lines_readable():
    # timeline.html.j2's filter form belongs to the chart and filter work, so it is not listed here.
    long = [
        f"{p.name}:{n}"
        for p in (ROOT / "macros" / "pages" / "templates").glob("*.j2")
        if p.name
        in {"references.html.j2", "sources.html.j2", "_statement.html.j2", "statements.html.j2", "actors.html.j2"}
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > 160
    ]
    assert long == []
