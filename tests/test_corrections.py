"""Corrections tied to the records they correct: the note where each record is shown, the links both ways
between it and the log, and the field in the JSON-LD, the Atom feed and the dataset JSON.

The input is tests/inputs/valid with two updates added: a correction naming a statement and a timeline
entry, and a plain update naming a key fact. The statement also has a verification record, which shares
its id without making the name ambiguous.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from macros.data.dataset import load_dataset
from macros.engine.outputs import site_of
from macros.exports import atom, dataset_json, jsonld
from macros.pages.i18n import language
from macros.pages.site import Explainer
from support.project import VALID, event_data, make_project
from support.render import render_project

FIXED = date(2021, 5, 12)
URL = "https://example.org/explainer/"
QUOTE = "Access to the <i>service</i> will be restricted from 5 May."


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    data = event_data(VALID)
    data["statements"]["statements"][0]["quote"] = QUOTE
    data["event"]["event"]["updates"] += [
        {
            "date": FIXED.isoformat(),
            "kind": "correction",
            "text": "The quote and the start time are now exact.",
            "records": ["regulator-announces", "restriction-begins"],
        },
        {"date": FIXED.isoformat(), "kind": "update", "text": "A key fact now says more.", "records": ["kf-effect"]},
    ]
    gazette = data["sources"]["sources"][0]
    data["verified"] = {
        "verified": [
            {
                "id": "regulator-announces",
                "quote_sha256": hashlib.sha256(QUOTE.encode()).hexdigest(),
                "sources": [{"source": gazette["id"], "url": gazette["url"], "checked": "2021-05-11"}],
            }
        ]
    }
    return make_project(tmp_path_factory.mktemp("corrections") / "p", VALID, data=data, code=False)


@pytest.fixture(scope="module")
def pages(project) -> dict[str, BeautifulSoup]:
    return {src: BeautifulSoup(html, "html.parser") for src, html in render_project(project).items()}


@pytest.mark.parametrize(
    ("src", "record"), [("statements.md", "s-regulator-announces"), ("timeline.md", "t-restriction-begins")]
)
def test_a_corrected_record_says_so_and_links_to_the_correction(pages, src, record):
    [note] = pages[src].select(f"#{record} .corrected-note")
    lang = language()  # the event's, the default: the words come from its catalog
    assert " ".join(note.get_text().split()) == lang.gettext("Corrected on %(date)s") % {"date": lang.date(FIXED)}
    assert note.time["datetime"] == FIXED.isoformat()
    assert note.a["href"] == "../#u-2021-05-12"


def test_the_log_entry_links_back_to_each_record(pages):
    home = pages["index.md"]
    links = [a["href"] for a in home.select("#u-2021-05-12 .update-records a")]
    assert links == ["statements/#s-regulator-announces", "timeline/#t-restriction-begins"]
    assert home.select_one("#u-2021-05-12 .update-records a").get_text().startswith("Access to the <i>service</i>")
    assert home.select_one("#u-2021-05-12-2 .update-records a")["href"] == "#fact-kf-effect"


def test_a_plain_update_gets_a_link_but_no_correction_note(pages):
    assert pages["index.md"].select("#fact-kf-effect .corrected-note") == []
    assert len(pages["index.md"].select(".corrected-note")) == 0  # the key facts and disputes are not corrected
    assert not pages["actors.md"].select(".corrected-note") and not pages["sources.md"].select(".corrected-note")


@pytest.fixture(scope="module")
def ex(project) -> Explainer:
    return Explainer.load(project)


def test_jsonld_carries_the_correction_on_the_article_and_the_statement(ex):
    site = site_of(ex, URL)
    graph = jsonld.graph(ex.data, ["statements"], site)["@graph"]
    article = next(n for n in graph if n["@type"] == "NewsArticle")
    [comment] = article["correction"]
    assert comment == {
        "@type": "CorrectionComment",
        "text": "The quote and the start time are now exact.",
        "datePublished": "2021-05-12",
        "url": URL + "#u-2021-05-12",
        "about": [{"@id": URL + "statements/#s-regulator-announces"}, {"@id": URL + "timeline/#t-restriction-begins"}],
    }
    corrected = next(n for n in graph if n.get("@id", "").endswith("#s-regulator-announces"))
    assert corrected["correction"] == [comment]
    other = next(n for n in graph if n.get("@id", "").endswith("#s-spokesperson-confirms"))
    assert "correction" not in other


def test_the_atom_entry_links_the_records_it_names(ex):
    feed = feedparser.parse(atom.render(ex.data, site_of(ex, URL)))
    entry = next(e for e in feed.entries if e.title.startswith("Correction:"))
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == [URL + "statements/#s-regulator-announces", URL + "timeline/#t-restriction-begins"]
    assert entry.link == URL + "#u-2021-05-12"


def test_the_dataset_json_carries_the_records(project):
    updates = json.loads(dataset_json.render(load_dataset(project)))["event"]["updates"]
    assert [u["records"] for u in updates] == [[], ["regulator-announces", "restriction-begins"], ["kf-effect"]]
