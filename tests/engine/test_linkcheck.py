"""The build's own link check (macros/engine/linkcheck.py): every internal link and
#anchor of the built pages resolves, raw HTML and SVG included, and a broken
one fails the strict build naming the page and the link."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.engine.linkscan import scan, target


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def append(project: Path, page: str, text: str) -> None:
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.mark.parametrize(
    "href, expected",
    [
        ("../timeline/#t-x", ("timeline/index.html", "t-x")),
        ("#ref-1", ("actors/index.html", "ref-1")),
        ("../", ("index.html", "")),
        ("../assets/explainer.css", ("assets/explainer.css", "")),
        ("../sources/?actor=a#src-b%20c", ("sources/index.html", "src-b c")),
        ("/statements/", ("statements/index.html", "")),
        ("https://example.com/#x", None),
        ("//example.com/", None),
        ("mailto:someone@example.com", None),
    ],
)
def test_links_resolve_against_the_page_that_holds_them(href, expected):
    assert target("actors/index.html", href) == expected


def test_scan_reads_ids_and_links_in_html_and_svg():
    ids, links = scan(
        '<html><body><h2 id="a">A</h2><a name="old"></a><a href="#a">x</a>'
        '<svg><a xlink:href="../t/#t-1"><rect/></a></svg><img src="i.png"></body></html>'
    )
    assert ids == {"a", "old"}
    assert links == ["#a", "../t/#t-1", "i.png"]


def test_a_broken_anchor_in_raw_html_fails_the_build_naming_page_and_link(project, tmp_path):
    append(project, "actors.md", '<p><a href="../timeline/#t-no-such-entry">gone</a></p>')
    result = build(project, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "docs/actors.md: the link '../timeline/#t-no-such-entry' leads to '#t-no-such-entry', "
        "which is not on 'timeline/index.html'"
    ) in out
    assert "hint:" in out and "Traceback" not in out


def test_a_near_miss_gets_a_suggestion(project, tmp_path):
    append(project, "index.md", '<p><a href="sources/#src-nowhere">x</a> <a href="timelines/">y</a></p>')
    append(project, "sources.md", '<p id="src-nowher">n</p>')
    result = build(project, tmp_path / "site")
    out = result.stdout + result.stderr
    assert "which is not on 'sources/index.html'\n  hint: did you mean 'src-nowher'?" in out
    assert (
        "leads to 'timelines/index.html', which the site does not have\n  hint: did you mean "
        "'timeline/index.html'?" in out
    )


def test_a_broken_svg_link_fails_the_build(project, tmp_path):
    append(project, "sources.md", '<svg><a xlink:href="../actors/#a-nobody"><rect width="1" height="1"/></a></svg>')
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/sources.md: the link '../actors/#a-nobody'" in result.stdout + result.stderr


def test_a_link_to_a_missing_file_fails_and_files_the_build_writes_count(project, tmp_path):
    # The theme's assets, a file from docs/ and a file another plugin writes after the pages (the sitemap).
    (project / "docs" / "assets" / "data.json").write_text("{}", encoding="utf-8")
    append(
        project,
        "index.md",
        '<p><a href="assets/explainer.css">css</a> <a href="assets/data.json">data</a> '
        '<a href="sitemap.xml">map</a> <a href="timeline/#t-nope">no</a></p>',
    )
    append(project, "actors.md", '<p><a href="../downloads/missing.json">missing</a></p>')
    result = build(project, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "docs/actors.md: the link '../downloads/missing.json' leads to 'downloads/missing.json', "
        "which the site does not have" in out
    )
    assert "docs/index.md: the link 'timeline/#t-nope'" in out
    for fine in ("assets/explainer.css", "assets/data.json", "sitemap.xml"):
        assert f"'{fine}'" not in out
    assert "2 broken links in the built pages." in out


# The pages are read in a process of its own (linkscan.py), fed as they are written.


def test_the_scanning_process_answers_with_the_broken_links_and_then_exits(tmp_path):
    from macros.engine import linkcheck, linkscan

    scanner = linkcheck._Scanner()
    scanner.send(linkscan.BEGIN)
    page = b'<html><body><p id="s-a">x</p><a href="#s-b">y</a><a href="#s-a">z</a></body></html>'
    scanner.send(linkscan.PAGE, b"\0".join((b"index.html", b"docs/index.md", page)))
    end = {"site_dir": str(tmp_path), "files": ["index.html"], "expected": {"index.html": ["s-a", "s-c"]}}
    found = scanner.problems(end)
    assert [f.split("\n")[0] for f in found] == [
        "index.html: 1 of its 2 records are not on the built page (s-c)",
        "docs/index.md: the link '#s-b' leads to '#s-b', which is not on 'index.html'",
    ]
    scanner.close()
    assert scanner._proc.returncode == 0  # it ended at the closed pipe, not killed


def test_a_scanning_process_that_died_fails_the_build_rather_than_passing_it(tmp_path):
    from mkdocs.exceptions import PluginError

    from macros.engine import linkcheck

    scanner = linkcheck._Scanner()
    scanner._proc.kill()
    scanner._proc.wait()
    with pytest.raises(PluginError, match="the link check stopped before it could finish"):
        scanner.problems({"site_dir": str(tmp_path), "files": [], "expected": {}})
    scanner.close()
