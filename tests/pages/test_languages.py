"""The site in each shipped language: the sample event built with `language:` set to it.

Each build must say its language and direction (`<html lang dir>`, Material's own labels),
leave none of the catalog's English words on its pages (unless the translation is the same
word), and write dates, numbers and plurals in the language's CLDR forms, compared with
Babel's own output, never with typed strings (CLDR uses narrow no-break spaces).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from babel.dates import format_date, format_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from bs4 import BeautifulSoup

from macros.data import languages
from macros.engine.language import NAV_TITLES
from macros.pages.i18n import Language
from macros.pages.site import anchor
from support.project import EVENTS_DIR, build_ok, event_data, make_project, split_into_parts
from support.site_check import content, pages

SHIPPED = list(languages.shipped())
RTL = {"ar"}
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
_ATTRIBUTES = ("aria-label", "title", "data-status-all", "data-status-some", "data-status-none", "data-return-label")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """language -> (data, {page: soup}, site) of the sample built in that language, its long lists split
    into parts, built on first use."""
    cache: dict = {}

    def get(tag: str):
        if tag not in cache:
            base = tmp_path_factory.mktemp(f"lang-{tag}")
            data = event_data("sample")
            data["event"]["event"]["language"] = tag
            project = split_into_parts(make_project(base / "project", "sample", data={"event": data["event"]}))
            site = build_ok(project, base / "site")
            cache[tag] = (data, pages(site), site)
        return cache[tag]

    return get


def _strings(value):
    """Every text in the event's data (editors' words, shown as written)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _editors_words(data) -> list[str]:
    """The editors' words: every text of the data, and the prose of the pages in docs/."""
    prose = [
        chunk
        for page in (EVENTS_DIR / "sample" / "docs").glob("*.md")
        for chunk in re.split(r"\{\{.*?\}\}|^#+ |\n", page.read_text(encoding="utf-8"), flags=re.M)
    ]
    words = {re.sub(r"\s+", " ", s).strip() for s in [*prose, *(s for v in data.values() for s in _strings(v))]}
    return sorted((w for w in words if len(w) >= 3), key=len, reverse=True)


def _generated_text(soup, data) -> str:
    """A page's own text and labels, with the editors' words and the scripts' placeholders taken out."""
    article = content(soup)
    parts = [article.get_text(" ")]
    parts += [el.get(a, "") for a in _ATTRIBUTES for el in article.select(f"[{a}]")]
    text = re.sub(r"\s+", " ", _PLACEHOLDER.sub(" ", " ".join(parts)))
    for words in _editors_words(data):
        text = re.sub(rf"(?<!\w){re.escape(words)}(?!\w)", " ", text)
    return text


def _english_left(tag: str) -> list[tuple]:
    with (languages.CATALOGS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        english = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(f) if m.id}
    path = languages.catalog_for(tag)
    with path.open("rb") as f:
        translated = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(f) if m.id}
    out = []
    for key, m in english.items():
        theirs = translated[key].string
        theirs = " ".join(theirs) if isinstance(theirs, tuple) else theirs
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            for fragment in _PLACEHOLDER.split(s):
                fragment = fragment.strip(" ,.:;()“”+")
                if len(fragment) >= 4 and fragment not in theirs:  # the same word in both: not a leftover
                    out.append((key, fragment))
    return out


@pytest.mark.parametrize("tag", SHIPPED)
def test_html_says_the_language_and_direction(sites, tag):
    _, soups, _ = sites(tag)
    direction = "rtl" if tag in RTL else "ltr"
    for name, soup in soups.items():
        assert (soup.html.get("lang"), soup.html.get("dir")) == (tag, direction), name
        assert soup.body.get("dir") == direction, name
    search = soups["index.html"].select_one("input.md-search__input")
    assert search is not None and search.get("placeholder"), "Material's own labels"


@pytest.mark.parametrize("tag, search", [("fr", "fr"), ("ru", "ru"), ("ar", "en")])
def test_the_search_index_follows_the_site_s_language(sites, tag, search):
    _, _, site = sites(tag)  # Arabic: Material keeps English stemming and drops the English stop words
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == [search]
    assert ("stopWordFilter" in config["pipeline"]) == (tag != "ar")


@pytest.mark.parametrize("tag", [t for t in SHIPPED if t != "en"])
def test_no_english_label_is_left(sites, tag):
    data, soups, _ = sites(tag)
    fragments = _english_left(tag)
    left = []
    for name, soup in soups.items():
        text = _generated_text(soup, data)
        left += [(name, key, f) for key, f in fragments if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
    nav = [a.get_text(strip=True) for a in soups["index.html"].select(".md-tabs__link")]
    lang = Language(tag)
    assert [t for t in NAV_TITLES if t in nav and lang.gettext(t) != t] == [], nav
    assert left == []


@pytest.mark.parametrize("tag", SHIPPED)
def test_dates_and_numbers_are_cldr_forms(sites, tag):
    data, soups, _ = sites(tag)
    locale = tag.replace("-", "_")
    seen = set()
    for soup in soups.values():
        for t in content(soup).select("time[datetime]"):
            stamp, text = t["datetime"], t.get_text()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp):
                assert text == format_date(date.fromisoformat(stamp), "long", locale=locale), stamp
                seen.add("day")
            elif re.fullmatch(r"\d{4}-\d{2}", stamp):
                d = date.fromisoformat(stamp + "-01")
                assert text == format_skeleton("yMMMM", d, locale=locale), stamp
                seen.add("month")
            elif re.fullmatch(r"\d{4}", stamp):
                assert text == stamp
    assert "day" in seen
    intro = soups["timeline/index.html"].select_one(".timeline-intro").get_text()
    assert format_decimal(len(data["timeline"]["timeline"]), locale=locale) in intro


def test_a_regional_tag_uses_its_language_catalog_and_the_theme_s_own_variant(sites):
    _, soups, _ = sites("pt-BR")
    assert soups["index.html"].html.get("lang") == "pt-BR"
    assert soups["timeline/index.html"].select_one("h1").get_text(strip=True).startswith("Linha do tempo")


def test_french_downloads_carry_the_language(built):
    site = built("fr").site
    feed = (site / "updates.atom").read_text(encoding="utf-8")
    assert 'xml:lang="fr"' in feed and "Mise à jour" in feed
    calendar = (site / "timeline.ics").read_text(encoding="utf-8")
    assert "SUMMARY;LANGUAGE=fr:" in calendar and "DESCRIPTION;LANGUAGE=fr:" in calendar
    items = json.loads((site / "sources.csl.json").read_text(encoding="utf-8"))
    assert {i["id"]: i["language"] for i in items}["scooter-news-2024-03"] == "en"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    graph = json.loads(home.select_one('script[type="application/ld+json"]').string)["@graph"]
    assert graph[0]["inLanguage"] == "fr"
    sources = BeautifulSoup((site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    english = sources.select_one("#" + anchor("source", "scooter-news-2024-03"))
    assert english.select_one("cite")["lang"] == "en" and "(en anglais)" in english.get_text()
    assert english.select_one("a.external")["hreflang"] == "en"
    french = sources.select_one("#" + anchor("source", "gazette-2024-03-19"))
    assert french.select_one("cite").get("lang") is None and "(en " not in french.get_text(), "own language: unmarked"
    assert french.select_one("a.external").get("hreflang") is None


def test_text_in_another_language_or_direction_is_isolated(built):
    site = built("ar").site
    page = BeautifulSoup((site / "statements" / "index.html").read_text(encoding="utf-8"), "html.parser")
    english = page.select_one(f"#{anchor('statement', 'netwatch-yarsud')} blockquote.statement-quote")
    assert (english["lang"], english["dir"]) == ("en", "ltr")
    translated = "#" + anchor("statement", "al-sharika-tarudd")
    original = page.select_one(f"{translated} blockquote.statement-original")
    assert (original["lang"], original["dir"]) == ("en", "ltr")
    assert page.select_one(f"{translated} .statement-tag").get_text() == "مترجم من الإنجليزية"
    assert all(a.find("bdi") for a in page.select(".statement-who a.actor")), "names isolated"
