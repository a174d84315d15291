"""The pages' JSON-LD, expanded with pyld against the schema.org context shipped in
tests/fixtures (no network), has the right types and properties."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from pyld import jsonld as pyld

from macros.data.dataset import load_dataset
from macros.exports import DOWNLOADS, Site, csl, csvs, jsonld
from support.exports import valid_site
from support.project import TESTS

VALID = TESTS / "inputs" / "valid"
SCHEMA = "http://schema.org/"
CONTEXT = json.loads((TESTS / "fixtures" / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
SITE = valid_site("")
KINDS = ("explainer", "actors", "statements", "timeline", "sources")


def _loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test would fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def expand(text: str) -> list[dict]:
    return pyld.expand(json.loads(text), {"documentLoader": _loader})


def values(node: dict, prop: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + prop, [])]


def one(node: dict, prop: str):
    found = values(node, prop)
    assert len(found) == 1, (prop, found)
    return found[0]


@pytest.fixture(scope="module")
def ds():
    return load_dataset(VALID)


@pytest.fixture(scope="module", params=[Site(), SITE], ids=["no-site-url", "site-url"])
def graphs(ds, request):
    return {kind: expand(jsonld.render(ds, [kind], request.param)) for kind in KINDS}, request.param


def _of_type(nodes: list[dict], *types: str) -> list[dict]:
    return [n for n in nodes if any(t in n.get("@type", []) for t in (SCHEMA + t for t in types))]


def test_every_page_has_the_article_with_dates_from_the_updates_log(ds, graphs):
    by_kind, site = graphs
    dates = sorted(u.date.isoformat() for u in ds.event.updates)
    for nodes in by_kind.values():
        (article,) = _of_type(nodes, "NewsArticle")
        assert one(article, "headline") == ds.event.title
        assert one(article, "dateModified") == dates[-1]
        assert one(article, "datePublished") == dates[0]
        (event,) = article[SCHEMA + "about"]
        assert SCHEMA + "Event" in event["@type"] and one(event, "startDate") == ds.event.start.isoformat()
        assert article.get("@id") == (site.url or None)


def test_actors_are_people_and_organisations(ds, graphs):
    by_kind, site = graphs
    nodes = _of_type(
        by_kind["actors"], "Person", "Organization", "GovernmentOrganization", "Corporation", "NewsMediaOrganization"
    )
    assert [one(n, "name") for n in nodes] == [a.name for a in ds.actors.values()]
    for node, actor in zip(nodes, ds.actors.values(), strict=True):
        is_person = SCHEMA + "Person" in node["@type"]
        assert is_person == (actor.kind == "person")
        assert one(node, "description") == actor.description
        if site.url:
            assert node["@id"] == f"{site.url}actors/#a-{actor.id}"


def test_statements_are_quotations(ds, graphs):
    by_kind, site = graphs
    nodes = _of_type(by_kind["statements"], "Quotation")
    assert len(nodes) == len(ds.statements)
    for node, st in zip(nodes, ds.statements.values(), strict=True):
        assert one(node, "text") == (st.quote or st.paraphrase)
        assert one(node, "dateCreated") == st.date.isoformat()
        (creator,) = node[SCHEMA + "creator"]
        assert one(creator, "name") == ds.actors[st.actor].name
        based_on = node[SCHEMA + "isBasedOn"]
        assert len(based_on) == len(st.sources)
        for ref, sid in zip(based_on, st.sources, strict=True):
            src = ds.sources[sid]
            if src.url:
                assert ref["@id"] == src.url
            elif site.url:
                assert ref["@id"] == f"{site.url}sources/#src-{sid}"
            else:  # no address at all: the source itself, described
                assert one(ref, "name") == src.title


def test_timeline_entries_are_events(ds, graphs):
    by_kind, _ = graphs
    nodes = _of_type(by_kind["timeline"], "Event")
    nodes = [n for n in nodes if SCHEMA + "name" in n]
    assert [one(n, "name") for n in nodes] == [e.title for e in ds.timeline.values()]
    for node, entry in zip(nodes, ds.timeline.values(), strict=True):
        assert one(node, "startDate") == str(entry.start)
        assert values(node, "endDate") == ([str(entry.end)] if entry.end else [])


def test_sources_are_creative_works_with_url_and_archive(ds, graphs):
    by_kind, _ = graphs
    nodes = _of_type(by_kind["sources"], "CreativeWork")
    assert [one(n, "name") for n in nodes] == [s.title for s in ds.sources.values()]
    for node, src in zip(nodes, ds.sources.values(), strict=True):
        assert values(node, "url") == ([src.url] if src.url else [])
        assert values(node, "archivedAt") == ([src.archive.url] if src.archive else [])
        assert one(node, "datePublished") == src.published.isoformat()


def test_graph_turns_into_rdf(ds):
    """The whole graph converts to RDF triples, with the key statements present."""
    doc = json.loads(jsonld.render(ds, list(KINDS), SITE))
    quads = pyld.to_rdf(doc, {"documentLoader": _loader, "format": "application/n-quads"})
    src = next(s for s in ds.sources.values() if s.url and s.archive)
    assert f"<{src.url}> <{SCHEMA}archivedAt> <{src.archive.url}> ." in quads
    st = next(iter(ds.statements.values()))
    assert (
        f"<{SITE.url}statements/#s-{st.id}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SCHEMA}Quotation> ."
    ) in quads


def test_unknown_page_kind_is_refused(ds):
    with pytest.raises(ValueError):
        jsonld.graph(ds, ["nowhere"])


def test_downloads_are_a_dataset_with_its_files(ds):
    files = [(d.path, d.media_type, d.title) for d in DOWNLOADS]
    for site in (Site(), SITE):
        expanded = expand(jsonld.render(ds, ["sources"], site, files))
        (dataset,) = _of_type(expanded, "Dataset")
        parts = dataset[SCHEMA + "distribution"]
        assert [one(p, "encodingFormat") for p in parts] == [d.media_type for d in DOWNLOADS]
        assert [SCHEMA + "DataDownload" in p["@type"] for p in parts] == [True] * len(DOWNLOADS)
        assert [values(p, "contentUrl") for p in parts] == [[site.url + d.path] if site.url else [] for d in DOWNLOADS]


def test_a_news_outlets_source_is_a_news_article(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    path = root / "data" / "sources.yml"
    path.write_text(
        path.read_text().replace(
            "    publisher: Example Gazette\n",
            "    publisher: Example Gazette\n    outlet: newspaper\n    state_owned: true\n",
            1,
        )
    )
    ds = load_dataset(root)
    nodes = _of_type(expand(jsonld.render(ds, ["sources"])), "CreativeWork", "NewsArticle")
    types = [n["@type"] for n in nodes if SCHEMA + "headline" not in n]
    assert types == [[SCHEMA + "NewsArticle"], [SCHEMA + "CreativeWork"]]
    items = json.loads(csl.render(ds))
    assert [i["type"] for i in items] == ["article-newspaper", "webpage"]
    rows = list(csv.DictReader(io.StringIO(csvs.render_sources(ds), newline="")))
    assert [(r["outlet"], r["state_owned"]) for r in rows] == [("newspaper", "yes"), ("", "no")]
