"""Builds lose nothing: site/ is replaced only by a whole good build,
data/ and docs/ are never written to, and the output is reproducible."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import mkdocs_build


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def make_build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "macros", "build"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_build_never_writes_to_data_or_docs(project, tmp_path):
    before = {d: tree_digest(project / d) for d in ("data", "docs")}
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert {d: tree_digest(project / d) for d in ("data", "docs")} == before


def test_two_builds_are_byte_identical(project, tmp_path):
    for name in ("one", "two"):
        result = mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.stderr
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert len(one) > 20 and one == two


def test_a_failed_build_leaves_the_last_good_site(project):
    first = make_build(project)
    assert first.returncode == 0, first.stderr
    good = tree_digest(project / "site")
    assert "index.html" in good

    # A data mistake: caught before anything is written.
    timeline = project / "data" / "timeline.yml"
    original = timeline.read_text(encoding="utf-8")
    timeline.write_text(original.replace("kind: announcement", "kind: anouncement", 1), encoding="utf-8")
    broken = make_build(project)
    assert broken.returncode != 0
    assert "data/timeline.yml:" in broken.stderr and "did you mean 'announcement'?" in broken.stderr
    assert "Traceback" not in broken.stdout + broken.stderr
    assert tree_digest(project / "site") == good
    timeline.write_text(original, encoding="utf-8")

    # A broken link is only found after MkDocs has started writing pages.
    page = project / "docs" / "actors.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[nowhere](missing.md)\n", encoding="utf-8")
    late = make_build(project)
    assert late.returncode != 0 and "missing.md" in late.stdout + late.stderr
    assert tree_digest(project / "site") == good
    assert not list(project.glob("site.tmp-*")), "the half-built folder is removed"


def test_the_link_checker_catches_a_broken_anchor_in_raw_html(project, tmp_path):
    """Links inside raw HTML (all data blocks are raw HTML) are checked too, anchors included."""
    page = project / "docs" / "actors.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + '\n<p><a href="../timeline/#t-no-such-entry">gone</a></p>\n', encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "htmlproofer: invalid url - ../timeline/#t-no-such-entry" in result.stdout + result.stderr
