"""Hostile text in the data: JSON-LD cannot leave its script element, CSV cells never become
live formulas, iCalendar folds and escapes, and the feed and dataset JSON keep the text exactly."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data.dataset import load_dataset
from macros.exports import atom, csvs, dataset_json, ics, jsonld
from support.exports import valid_site
from support.project import VALID, event_data, make_project

SITE = valid_site("Example")
KINDS = ("explainer", "actors", "statements", "timeline", "sources")

BREAKOUT = '</script><script>alert("x")</script><!-- <SCRIPT> & \u2028 \u2029 ]]>'
SEPARATORS = 'commas, semicolons; back\\slashes\\n, "quotes"\nand a second line\n\nand a third'
LONG = ("A very long line, with commas; and semicolons \\ and Cyrillic: Жжж щщщ 😀. " * 30)[:1990]
FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+SUM(1,2)", "-2+3", "@cmd|' /C calc'!A0", "\t=1+1", "=1; =2"]


def _hostile(tmp_path: Path) -> Path:
    """A copy of the valid input with hostile text in every kind of record."""
    root = tmp_path / "hostile"
    shutil.copytree(VALID, root)
    data = root / "data"

    def edit(stem, change):
        path = data / f"{stem}.yml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc[stem])
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")

    def event(ev):
        ev["title"] = BREAKOUT
        ev["summary"] = FORMULAS[0]
        ev["updates"][0]["text"] = BREAKOUT + " " + SEPARATORS

    def sources(items):
        items[0].update(title=FORMULAS[3], publisher=FORMULAS[2], authors=[FORMULAS[1], BREAKOUT])
        items[1].update(title=BREAKOUT, note=LONG)

    def actors(items):
        items[0].update(name=FORMULAS[0], role=FORMULAS[4], description=SEPARATORS)
        items[1].update(name=BREAKOUT, description=LONG)

    def statements(items):
        items[0].update(quote=BREAKOUT, context=FORMULAS[5])
        items[1].update(paraphrase=SEPARATORS, context=FORMULAS[1])

    def timeline(items):
        items[0].update(title=SEPARATORS.replace("\n", " "), description=LONG)
        items[1].update(title=BREAKOUT, description=SEPARATORS)

    for stem, change in (
        ("event", event),
        ("sources", sources),
        ("actors", actors),
        ("statements", statements),
        ("timeline", timeline),
    ):
        edit(stem, change)
    return root


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return load_dataset(_hostile(tmp_path_factory.mktemp("hostile")))


def test_the_hostile_text_loaded_as_written(ds):
    assert ds.event.title == BREAKOUT
    assert next(iter(ds.actors.values())).role == FORMULAS[4]
    assert next(iter(ds.timeline.values())).description == LONG


@pytest.mark.parametrize("kind", KINDS)
def test_jsonld_cannot_close_its_script_element(ds, kind):
    text = jsonld.render(ds, [kind], SITE)
    for char in "<>&\u2028\u2029":
        assert char not in text
    assert json.loads(text) == jsonld.graph(ds, [kind], SITE)  # the same data
    page = (
        f'<html><head><script type="application/ld+json">{text}</script></head><body><p id="after">ok</p></body></html>'
    )
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0].string == text
    assert soup.find(id="after").string == "ok"
    assert json.loads(scripts[0].string)["@graph"][0]["headline"] == BREAKOUT


def test_dumps_escapes_only_what_it_must():
    data = {"a": "</script>&<!--\u2028\u2029", "b": ["Жж", '"quote"', "back\\slash"]}
    text = jsonld.dumps(data)
    assert "\\u003c/script\\u003e\\u0026\\u003c!--\\u2028\\u2029" in text
    assert "Жж" in text and json.loads(text) == data


@pytest.mark.parametrize("table", sorted(csvs.COLUMNS))
def test_csv_has_no_live_formula(ds, table):
    rows = list(csv.reader(io.StringIO(csvs.render_table(ds, table), newline="")))
    assert all(len(row) == len(csvs.COLUMNS[table]) for row in rows)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_keeps_the_text_behind_one_apostrophe(ds):
    actors = list(csv.DictReader(io.StringIO(csvs.render_actors(ds), newline="")))
    assert actors[0]["name"] == "'" + FORMULAS[0]
    assert actors[0]["role"] == "'" + FORMULAS[4]
    assert actors[0]["description"] == SEPARATORS  # commas, quotes and line breaks survive quoting
    sources = list(csv.DictReader(io.StringIO(csvs.render_sources(ds), newline="")))
    assert sources[0]["title"] == "'" + FORMULAS[3] and sources[0]["publisher"] == "'" + FORMULAS[2]
    assert sources[0]["authors"] == "'" + "; ".join([FORMULAS[1], BREAKOUT])
    assert sources[1]["note"] == LONG
    statements = list(csv.DictReader(io.StringIO(csvs.render_statements(ds), newline="")))
    assert statements[0]["context"] == "'" + FORMULAS[5]


@pytest.mark.parametrize("value", FORMULAS + ["\rX", "-", "@"])
def test_neutralise(value):
    assert csvs.neutralise(value) == "'" + value
    assert csvs.neutralise("a" + value) == "a" + value


# OWASP's CSV-injection cases beyond a plain leading =: white space a spreadsheet skips first, full-width and
# small forms, and values that really start with the apostrophe used as the mark.
HIDDEN_FORMULAS = [
    " =1+1",
    "\u00a0=1+1",
    "\n=1+1",
    " \t@SUM(A1)",
    "\u3000-1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "﹦1",
]
REAL_APOSTROPHES = ["'=1+1", "'tis", "'"]


@pytest.mark.parametrize("value", HIDDEN_FORMULAS + REAL_APOSTROPHES)
def test_neutralise_marks_hidden_formulas_and_real_apostrophes(value):
    cell = csvs.neutralise(value)
    assert cell == "'" + value
    assert csvs.restore(cell) == value


def test_a_real_apostrophe_is_told_apart_from_the_mark(tmp_path):
    data = event_data(VALID)
    actors = data["actors"]["actors"]
    actors[0]["name"], actors[1]["name"] = "=1+1", "'=1+1"
    actors[0]["description"] = '\n=HYPERLINK("https://evil.example")'
    rows = list(
        csv.DictReader(
            io.StringIO(
                csvs.render_actors(load_dataset(make_project(tmp_path / "p", VALID, data=data, code=False))),
                newline="",
            )
        )
    )
    assert rows[0]["name"] != rows[1]["name"]
    assert [csvs.restore(r["name"]) for r in rows[:2]] == ["=1+1", "'=1+1"]
    assert rows[0]["description"].startswith("'") and csvs.restore(rows[0]["description"]).startswith("\n=")
    for row in rows:
        for cell in row.values():
            assert not cell.lstrip().startswith(csvs.FORMULA_STARTS), cell


def test_ics_folds_and_escapes(ds):
    text = ics.render(ds, SITE)
    lines = text.split("\r\n")
    assert lines[-1] == "" and all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:" + ics.escape_text(BREAKOUT) in unfolded
    assert 'commas\\, semicolons\\; back\\\\slashes\\\\n\\, "quotes"\\nand a second line' in unfolded
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["X-WR-CALNAME"]) == BREAKOUT
    events = list(cal.walk("VEVENT"))
    entries = list(ds.timeline.values())
    assert [str(e["SUMMARY"]) for e in events] == [e.title for e in entries]
    for event, entry in zip(events, entries, strict=True):
        assert str(event["DESCRIPTION"]).startswith(entry.description + "\n\nSources:\n")


def test_atom_keeps_hostile_text(ds):
    text = atom.render(ds, SITE)
    assert "</script>" not in text  # XML-escaped
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == BREAKOUT
    assert parsed.entries[0].content[0].value == ds.event.updates[0].text


def test_dataset_json_keeps_hostile_text(ds):
    data = json.loads(dataset_json.render(ds))
    assert data["event"]["title"] == BREAKOUT
    assert data["sources"][1]["note"] == LONG
    assert data["actors"][0]["name"] == FORMULAS[0]  # the JSON is data, not a spreadsheet: kept as is
