"""Builds lose nothing: site/ is replaced only by a whole good build,
data/ and docs/ are never written to, and the output is reproducible."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from support.project import build as mkdocs_build
from support.project import run


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def make_build(project: Path) -> subprocess.CompletedProcess:
    return run(project, "macros", "build")


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
    assert late.returncode != 0 and "missing.md" in late.stderr, "mkdocs' reason is shown"
    assert late.stderr.rstrip().endswith("The build failed (the reason is above); site/ was left as it was.")
    assert tree_digest(project / "site") == good
    assert not list(project.glob("site.tmp-*")), "the half-built folder is removed"


def test_the_link_checker_catches_a_broken_anchor_in_raw_html(project, tmp_path):
    """Links inside raw HTML (all data blocks are raw HTML) are checked too, anchors included."""
    page = project / "docs" / "actors.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<p><a href="../timeline/#t-no-such-entry">gone</a></p>\n',
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "docs/actors.md: the link '../timeline/#t-no-such-entry' leads to '#t-no-such-entry', "
        "which is not on 'timeline/index.html'"
    ) in result.stdout + result.stderr


def _processes_using(path: str) -> list[int]:
    """Processes whose command line names `path` (the mkdocs child is given its output folder)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and path.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def _start_build(project: Path) -> tuple[subprocess.Popen, Path, list[int]]:
    """`python -m macros build` in its own process group (as a terminal runs it), once mkdocs is at work."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    parent = subprocess.Popen(
        [sys.executable, "-m", "macros", "build"],
        cwd=project,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120  # a wait, not a speed test: a loaded machine may be slow to start mkdocs
    while time.monotonic() < deadline:
        tmp = next(project.glob("site.tmp-*"), None)
        children = _processes_using(str(tmp)) if tmp else []
        if children:
            return parent, tmp, children
        time.sleep(0.05)
    parent.kill()
    raise AssertionError("the build never started mkdocs")


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if not [
            p for p in pids if Path(f"/proc/{p}").exists() and (Path(f"/proc/{p}/stat").read_text().split()[2] != "Z")
        ]:
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_stops_the_build_cleanly(project):
    parent, tmp, children = _start_build(project)
    os.killpg(parent.pid, signal.SIGINT)  # what Ctrl+C does: the whole foreground group gets it
    out, err = parent.communicate(timeout=60)
    assert parent.returncode == 130
    assert "Traceback" not in out + err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == "The build was stopped; site/ was left as it was."
    assert not tmp.exists() and not (project / "site").exists()
    assert _gone(children), "the mkdocs child is stopped too"


def test_killing_the_build_stops_mkdocs_too(project):
    parent, tmp, children = _start_build(project)
    os.kill(parent.pid, signal.SIGKILL)  # no chance to clean up: the child must still not run on
    parent.communicate(timeout=60)
    assert _gone(children), "mkdocs kept running after its parent was killed"


def test_stale_temporary_folders_are_removed_and_site_is_swapped_in(project):
    stale, fresh = project / "site.tmp-stale", project / "site.tmp-running"
    for folder in (stale, fresh):
        (folder / "x").mkdir(parents=True)
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("old", encoding="utf-8")
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Built site/\n"
    assert not stale.exists(), "a folder left by a killed build is removed"
    assert fresh.exists(), "a folder that may belong to a build still running is kept"
    assert (project / "site" / "index.html").is_file() and not (project / "site" / "old.html").exists()
    assert sorted(p.name for p in project.glob("site*")) == ["site", "site.tmp-running"]
