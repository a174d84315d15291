"""What the preview keeps between rebuilds never shows old text.

`python -m macros serve` keeps the macros package while its code is unchanged
(macros/main.py), compiled theme templates and the theme's file list
(engine/preview_cache.py), parsed data files (data/load.py) and the link check's
page scans (engine/linkscan.py), and makes the downloads on request
(engine/ondemand.py), the search index too. After each kind of edit, every page and download it serves
must be what a fresh `mkdocs build` of the same files writes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import jinja2
import pytest

from engine.test_serve import edit, macros_serving, shows_problem, wait_for

PAGES = ("", "timeline/", "statements/", "actors/", "sources/")
_LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>", re.S)  # the server's, not the page's


def served(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return _LIVERELOAD.sub(b"", response.read())


def fresh_build(project: Path, base: str, out: Path) -> dict[str, bytes]:
    """The pages and downloads a fresh `mkdocs build` writes for the files as they are, for the same address."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(out)], cwd=project, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    files = {page: (out / page / "index.html").read_bytes() for page in PAGES}
    files |= {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".json", ".csv", ".ics", ".atom")}
    files["search/search_index.json"] = (out / "search" / "search_index.json").read_bytes()
    return files


def assert_serves_a_fresh_build(base: str, project: Path, out: Path) -> None:
    expected = fresh_build(project, base, out)
    assert len(expected) > len(PAGES) + 5, "the downloads are missing from the build"
    stale = [name or "/" for name, content in expected.items() if served(base + name) != content]
    assert stale == [], f"served unlike a fresh build: {stale}"


@pytest.fixture
def preview(project, tmp_path):
    log = tmp_path / "serve.log"
    with macros_serving(project, log) as (base, proc):
        yield base, project, log, proc


def test_every_kind_of_edit_serves_what_a_fresh_build_writes(preview, tmp_path):
    base, project, log, proc = preview
    timeline = project / "data" / "timeline.yml"
    shows = lambda page, text: text.encode() in served(base + page)  # noqa: E731
    assert_serves_a_fresh_build(base, project, tmp_path / "start")
    fetched = served(base + "timeline.csv")  # a download the browser already has: it must not stay as it is

    edit(timeline, "    title: ", "    title: Edited once ")  # one record of the data
    wait_for(lambda: shows("timeline/", "Edited once"), "the edited record", log)
    assert b"Edited once" in served(base + "timeline.csv") and fetched != served(base + "timeline.csv")
    assert_serves_a_fresh_build(base, project, tmp_path / "data")

    edit(timeline, "Edited once ", "Edited twice ")  # the same file again: no parse of the last version is kept
    wait_for(lambda: shows("timeline/", "Edited twice"), "the second edit", log)
    assert_serves_a_fresh_build(base, project, tmp_path / "again")

    theme = project / "overrides" / "main.html"  # a theme template: its compiled code must not stay
    edit(theme, "{% block extrahead %}", '{% block extrahead %}<meta name="x-theme-edit" content="1">')
    wait_for(lambda: shows("", "x-theme-edit"), "the theme edit", log)
    assert_serves_a_fresh_build(base, project, tmp_path / "theme")

    code = project / "macros" / "pages" / "blocks.py"  # Python: the package is reloaded, not kept
    edit(code, "dated events, each with its sources.", "dated events, each with its sources (code edit).")
    wait_for(lambda: shows("timeline/", "(code edit)"), "the code edit", log)
    assert_serves_a_fresh_build(base, project, tmp_path / "code")

    broken = "Edited twice\n    colour: red\n    subtitle: "
    edit(timeline, "Edited twice ", broken)  # broken data: the problem page, then the fixed page
    wait_for(lambda: shows_problem(base + "timeline/", "data/timeline.yml:"), "the problem page", log)
    edit(timeline, broken, "Fixed ")
    wait_for(lambda: shows("timeline/", "Fixed "), "the fixed page", log)
    assert b"explainer-problems" not in served(base + "timeline/")
    assert_serves_a_fresh_build(base, project, tmp_path / "fixed")
    assert proc.poll() is None and "Traceback" not in log.read_text()


# ---------- each cache on its own ----------


def test_a_data_file_is_parsed_again_only_when_its_bytes_change(tmp_path):
    from macros.data.load import read

    path = tmp_path / "timeline.yml"
    path.write_text("timeline:\n- id: a\n  title: One\n", encoding="utf-8")
    first = read(path, "data/timeline.yml", "timeline")
    first.problem(("timeline", 0), "a check's problem")  # what a build adds to the file it was given
    again = read(path, "data/timeline.yml", "timeline")
    assert again.data == first.data and again is not first
    assert again.problems == [] and not again.is_flagged(("timeline", 0))  # nothing carried over
    path.write_text("timeline:\n- id: a\n  title: Two\n", encoding="utf-8")
    assert read(path, "data/timeline.yml", "timeline").data == {"timeline": [{"id": "a", "title": "Two"}]}
    path.write_text("timeline:\n- id: a\n  title: [Two\n", encoding="utf-8")  # a problem: read, and never kept
    assert read(path, "data/timeline.yml", "timeline").problems
    assert read(path, "data/timeline.yml", "timeline").problems


def test_the_link_check_parses_again_any_page_that_changed(monkeypatch):
    from macros.engine import linkscan

    page = b'<html><body><h2 id="a">A</h2><a href="b/#c">b</a></body></html>'

    def found(site: linkscan.Site) -> tuple[set[str], list[str]]:
        site.read("p.html", "docs/p.md", page)
        return site.ids["p.html"], site.links["p.html"][1]

    site = linkscan.Site()
    assert found(site) == ({"a"}, ["b/#c"])
    site = site.next_build()  # the next build: the very same page is not parsed again
    real = linkscan.scan
    monkeypatch.setattr(linkscan, "scan", lambda text: pytest.fail("parsed again"))
    assert found(site) == ({"a"}, ["b/#c"])
    monkeypatch.setattr(linkscan, "scan", real)
    page = page.replace(b'id="a"', b'id="z"')
    assert found(site) == ({"z"}, ["b/#c"])  # a changed one is
    page = page.replace(b'id="z"', b'id="a"')
    site = site.next_build().next_build()  # kept for one build only
    monkeypatch.setattr(linkscan, "scan", lambda text: ({"new"}, []))
    assert found(site) == ({"new"}, [])


def test_compiled_templates_follow_their_source_and_their_environment(tmp_path):
    from macros.engine import preview_cache

    (tmp_path / "page.html").write_text("{{ 'x' | shout }} one", encoding="utf-8")

    def env(shout):
        e = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=preview_cache._BYTECODE)
        e.filters["shout"] = shout
        return e

    assert env(str.upper).get_template("page.html").render() == "X one"
    assert env(str.upper).get_template("page.html").render() == "X one"  # loaded from the cache
    with_context = jinja2.pass_context(lambda ctx, s: s + "!")  # another shape: compiled for itself
    assert env(with_context).get_template("page.html").render() == "x! one"
    (tmp_path / "page.html").write_text("{{ 'x' | shout }} two", encoding="utf-8")
    assert env(str.upper).get_template("page.html").render() == "X two"


def test_a_page_the_link_check_cannot_read_is_reported_in_every_build_that_makes_it(monkeypatch):
    from macros.engine import linkscan

    def unreadable(html):
        raise linkscan.Unreadable("line 1: limit")

    monkeypatch.setattr(linkscan, "scan", unreadable)
    site = linkscan.Site()
    for _ in range(2):  # the same page again under `mkdocs serve`: not taken from the last build's scans
        site = site.next_build()
        site.read("p.html", "docs/p.md", b"<html>")
        assert [u.split("\n")[0] for u in site.unread] == [
            "docs/p.md: the built page 'p.html' could not be read to check its links (line 1: limit)"
        ]
