"""The same repository built with Zensical (`make zensical`) matches the MkDocs build in substance.

Each fixture event is built both ways: MkDocs through the shared `built` fixture, Zensical with the
pinned `.venv-zensical/` that `make zensical` creates (no MkDocs in it). Every page must carry the same
citation markers, reference entries, records, links and head (description, alternate links, JSON-LD);
every internal link of the Zensical site must resolve, and the downloads must be the same bytes.
"""

from __future__ import annotations

import fcntl
import json
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import site_check
from support.project import EVENTS, ROOT, VALID, build_ok, clean_env, event_data, make_project

pytestmark = pytest.mark.zensical

ZENSICAL_PYTHON = ROOT / ".venv-zensical" / "bin" / "python"
PAGES = ["index.html", "timeline/index.html", "statements/index.html", "actors/index.html", "sources/index.html"]
# Anchors of the records a page shows (macros/data/kinds.py prefixes) and of its citations.
RECORD_PREFIXES = ("s-", "t-", "a-", "fact-", "d-", "src-", "cite-", "ref-")


@pytest.fixture(scope="session")
def zensical_python(tmp_path_factory) -> Path:
    """`make`'s own rule creates the environment; the lock keeps two test workers from installing at once."""
    lock = tmp_path_factory.getbasetemp().parent / "zensical-venv.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        made = subprocess.run(
            ["make", "--no-print-directory", ".venv-zensical/.runtime"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert made.returncode == 0, made.stdout + made.stderr
    return ZENSICAL_PYTHON


def build_zensical(python: Path, project: Path) -> Path:
    result = subprocess.run(
        [str(python), "-m", "macros.engine.zensical"],
        cwd=project,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site-zensical"


@pytest.fixture(scope="session")
def zensical_built(zensical_python, tmp_path_factory):
    """zensical_built(event) -> the project and its site-zensical/, built once per event."""
    cache: dict = {}

    def get(event: str):
        if event not in cache:
            project = make_project(tmp_path_factory.mktemp(f"zensical-{event}") / "project", event)
            cache[event] = project, build_zensical(zensical_python, project)
        return cache[event]

    return get


def _substance(soup) -> dict:
    """What a reader of the page relies on, as ids and link targets in page order."""
    body = site_check.content(soup)
    return {
        "markers": [(a.get("id"), a.get("href"), a.get_text()) for a in body.select("sup.cite a")],
        "references": [
            (li.get("id"), li.get("value"), [a.get("href") for a in li.select(".backlinks a")])
            for li in body.select(".reference-list > li")
        ],
        "records": [el["id"] for el in body.select("[id]") if el["id"].startswith(RECORD_PREFIXES)],
        "statements": [el["id"] for el in body.select("[id^='s-']")],
        "timeline": [el["id"] for el in body.select("[id^='t-']")],
        # Zensical rewrites every relative link as written from the page's source; these must come out as MkDocs'.
        "links": [a["href"] for a in body.select("a[href]")],
        "ids": [el["id"] for el in body.select("[id]") if not el["id"].startswith("__")],  # not the theme's own
    }


def _head(soup, page: str) -> dict:
    """What the page tells browsers, crawlers and feed readers, decoded from its HTML."""
    meta = {m.get("name") or m.get("property"): m.get("content") for m in soup.select("meta[content]")}
    ld = soup.select_one('script[type="application/ld+json"]')
    home = page == "index.html"  # Zensical 0.0.73 does not mark the home page, so its title differs (README)
    return {
        "title": None if home else soup.title.get_text(),
        "description": meta.get("description"),
        "og": {k: v for k, v in meta.items() if k and k.startswith("og:") and not (home and k == "og:title")},
        "alternates": [(a.get("href"), a.get("type"), a.get("title")) for a in soup.select('link[rel="alternate"]')],
        "jsonld": json.loads(ld.string) if ld is not None else None,
    }


@pytest.mark.parametrize("event", EVENTS)
def test_every_page_has_the_same_substance_in_both_engines(event, built, zensical_built):
    mkdocs_site = built(event).site
    _, zensical_site = zensical_built(event)
    mk, zs = site_check.pages(mkdocs_site), site_check.pages(zensical_site)
    for page in PAGES:
        want, got = _substance(mk[page]), _substance(zs[page])
        assert got == want, page
        assert _head(zs[page], page) == _head(mk[page], page), page
        assert _head(zs[page], page)["jsonld"] and _head(zs[page], page)["alternates"], page
    cited = [p for p in PAGES if _substance(zs[p])["markers"]]
    assert cited, "the fixture cites something, so the comparison above compared citations"
    for page in cited:  # no marker points at nothing: the list is there without a page hook
        refs = {r[0] for r in _substance(zs[page])["references"]}
        assert {href.lstrip("#") for _, href, _ in _substance(zs[page])["markers"]} <= refs, page


@pytest.mark.parametrize("event", EVENTS)
def test_every_internal_link_of_the_zensical_site_resolves(event, zensical_built):
    _, site = zensical_built(event)
    soups = site_check.pages(site)
    assert site_check.internal_links(site, soups) == []
    missing = []  # the theme's own files, and the downloads announced in every page's head
    for name, soup in soups.items():
        for el in soup.select("link[href], script[src], img[src]"):
            ref = el.get("href") or el.get("src")
            if urlsplit(ref).scheme or ref.startswith("//"):
                continue
            target, _ = site_check._target(site, name, ref)
            if target is None:
                missing.append(f"{name}: {ref}")
    assert missing == []


@pytest.mark.parametrize("event", EVENTS)
def test_downloads_are_the_same_bytes_in_both_engines(event, built, zensical_built):
    from macros.engine.outputs import OUTPUTS

    mkdocs_site = built(event).site
    _, zensical_site = zensical_built(event)
    for out in OUTPUTS:
        assert (zensical_site / out.path).read_bytes() == (mkdocs_site / out.path).read_bytes(), out.path


def test_text_from_the_data_is_escaped_once_in_both_engines(zensical_python, tmp_path):
    """Zensical's templates escape by themselves; the site's name from the data must not come out twice escaped."""
    data = event_data("sample")
    data["event"]["event"]["title"] = 'Tom & Jerry <b>bold</b> "quoted" </script>'
    project = make_project(tmp_path / "project", "sample", data={"event": data["event"]})
    mk, zs = site_check.pages(build_ok(project)), site_check.pages(build_zensical(zensical_python, project))
    for page in ("timeline/index.html", "404.html"):
        assert _head(zs[page], page) == _head(mk[page], page), page
        assert 'Tom & Jerry <b>bold</b> "quoted" </script>' in zs[page].title.get_text()


def test_the_zensical_environment_has_no_mkdocs(zensical_python):
    """So the build above proves the code runs without it."""
    found = subprocess.run(
        [str(zensical_python), "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.stdout.strip() == "None", found.stdout + found.stderr


BLOCK_MKDOCS = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Blocker())
import macros.engine.adapter, macros.pages.site, macros.engine.outputs, macros.engine.zensical
print("imported without MkDocs")
"""


def test_the_core_and_the_adapter_import_nothing_from_mkdocs():
    result = subprocess.run([sys.executable, "-c", BLOCK_MKDOCS], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "imported without MkDocs", result.stderr


def test_broken_data_stops_the_zensical_build_with_the_problem_list(zensical_python, tmp_path):
    project = make_project(tmp_path / "project", VALID, case="docs_references_missing")
    result = subprocess.run(
        [str(zensical_python), "-m", "macros.engine.zensical"],
        cwd=project,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "docs/index.md:" in result.stderr and "references()" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site-zensical").exists()


def test_a_split_event_has_the_same_pages_in_both_engines(zensical_python, tmp_path):
    """Zensical runs no hooks: `make zensical` hands it the generated part pages (macros/pages/parts.py)."""
    project = make_project(tmp_path / "project", "sample")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra:\n  explainer_page_budget: 12000\n")
    mk = site_check.pages(build_ok(project, tmp_path / "mkdocs-site"))
    site = build_zensical(zensical_python, project)
    zs = site_check.pages(site)
    split = [p for p in mk if "/part-" in p]
    assert split and set(split) <= set(zs)
    for page in PAGES + split:
        # Between parts of one page Zensical writes "../timeline/part-2/" where MkDocs writes "part-2/":
        # the same address, so links are compared by where they lead.
        want, got = _substance(mk[page]), _substance(zs[page])
        assert [_resolved(page, h) for h in got.pop("links")] == [_resolved(page, h) for h in want.pop("links")]
        assert got == want, page
        assert _head(zs[page], page) == _head(mk[page], page), page
    assert site_check.internal_links(site, zs) == []
    assert not (project / "docs" / "statements").exists()  # nothing was added to docs/


def _resolved(page: str, href: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or not parts.path:
        return href
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) + "#" + parts.fragment
