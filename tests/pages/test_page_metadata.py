"""What every built page carries in its head for machines: schema.org JSON-LD and the downloads as
<link rel="alternate">, both safe whatever the data holds."""

from __future__ import annotations

import json
from pathlib import Path

import pyld.jsonld as pyld
import pytest
from bs4 import BeautifulSoup

from support.project import TESTS, VALID, build_ok, make_project

CONTEXT = json.loads((TESTS / "fixtures" / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
HOSTILE_TITLE = 'Closing </script><script>alert("x")</script> <!-- & friends'
PAGES = ("index.html", "timeline/index.html", "statements/index.html", "actors/index.html", "sources/index.html")


def _loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"the test would fetch {url}"
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("meta")
    project = make_project(base / "project", VALID)
    event = project / "data" / "event.yml"
    text = event.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    event.write_text(text.replace(title, f"  title: {json.dumps(HOSTILE_TITLE)}", 1), encoding="utf-8")
    return build_ok(project, base / "site", SITE_URL="https://example.org/explainer/")


@pytest.mark.parametrize("page", PAGES)
def test_json_ld_stays_inside_its_script_and_expands_with_the_schema_org_context(site, page):
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    scripts = soup.select("script")
    assert all("alert(" not in s.get_text() or s.get("type") == "application/ld+json" for s in scripts)
    (ld,) = soup.select('script[type="application/ld+json"]')
    data = json.loads(ld.get_text())  # the whole graph parses: no data text closed the tag early
    article = next(n for n in data["@graph"] if n["@type"] == "NewsArticle")
    assert article["headline"] == HOSTILE_TITLE
    expanded = pyld.expand(data, {"documentLoader": _loader})
    types = {t for node in expanded for t in node.get("@type", [])}
    assert "http://schema.org/NewsArticle" in types


def test_every_download_is_announced_and_exists(site):
    soup = BeautifulSoup((site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select('link[rel="alternate"]')
    assert links, "the downloads are announced"
    for link in links:
        assert (site / "timeline" / link["href"]).resolve().is_file(), link["href"]
        assert link["type"] and link["title"]
