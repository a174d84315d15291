"""The real preview (`mkdocs serve`, `python -m macros serve`, `make serve`):
edits to data, pages, Python code and theme overrides show without a restart;
a broken edit never stops the server: every page shows the problem list, the
terminal prints it on every failed rebuild, and the fixed page comes back by
itself."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support.project import ROOT

# How long to wait for a rebuild. On an idle machine one takes about two seconds; the suite shares its
# cores with other work, so this is a ceiling for a hung server, not a measure of speed.
TIMEOUT = 60
# What an editor should see: the open page shows a saved mistake, and the fixed page again, soon after the save.
# Issue 10 asks for 3 s, and an idle machine takes 1-2 s; but `make test` runs two workers on shared cores, where a
# rebuild alone can take longer, so the wait allows 15 s. EXPLAINER_PREVIEW_SECONDS=3 holds it to the bound.
# A Playwright wait, not a measured duration.
PREVIEW_MS = int(float(os.environ.get("EXPLAINER_PREVIEW_SECONDS", "15")) * 1000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, what: str, log: Path):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}; server log:\n{log.read_text()[-3000:]}")


def start(command: list[str], project: Path, log: Path) -> subprocess.Popen:
    """The command in a process group of its own, as a terminal or an IDE starts it, so that everything it
    starts can be found (and, if a test fails, cleaned up) by the group."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as out:
        return subprocess.Popen(
            command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def left_behind(proc: subprocess.Popen, wait: float = 15) -> list[str]:
    """The processes of proc's group still running after `wait` seconds, which are then killed."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not _group(proc.pid):
            return []
        time.sleep(0.2)
    found = _group(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    return found


def _group(pgid: int) -> list[str]:
    """The command lines of the live (not zombie) processes of a process group."""
    out = subprocess.run(["ps", "-eo", "pgid=,stat=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 2) for line in out.splitlines()]
    return [r[2] for r in rows if len(r) == 3 and r[0] == str(pgid) and not r[1].startswith("Z")]


def stop(proc: subprocess.Popen, how: signal.Signals = signal.SIGTERM) -> None:
    """Stop it as an IDE's stop button does (SIGTERM to the process alone), and fail if it leaves any
    process running."""
    if proc.poll() is None:
        proc.send_signal(how)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    assert left_behind(proc) == [], "stopping it left processes running"


@pytest.fixture
def server(project, tmp_path):
    """Plain `mkdocs serve` on a copy of the project."""
    port, log = free_port(), tmp_path / "serve.log"
    proc = start([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], project, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "<html" in fetch(base), "the first build", log)
        yield base, project, log, proc
    finally:
        stop(proc)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_title(project: Path) -> str:
    for line in (project / "data" / "timeline.yml").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("title:"):
            return line.split("title:", 1)[1].strip().strip('"')
    raise AssertionError("no timeline title found")


def shows_problem(url: str, where: str) -> bool:
    html = fetch(url)
    return 'class="explainer-problems"' in html and where in html


def shows_site(url: str) -> bool:
    html = fetch(url)
    return 'class="explainer-problems"' not in html and "timeline-entry" in html


def test_serve_reloads_every_kind_of_edit(server):
    base, project, log, proc = server
    timeline = base + "timeline/"

    title = first_title(project)
    edit(project / "data" / "timeline.yml", f"title: {title}", "title: Edited title 4711")
    wait_for(lambda: "Edited title 4711" in fetch(timeline), "a data edit to show", log)

    edit(project / "docs" / "timeline.md", "{{ page_intro() }}", "{{ page_intro() }} Edited 4712.")
    wait_for(lambda: "Edited 4712" in fetch(timeline), "a page edit to show", log)

    # Python code is reloaded too (mkdocs-macros would otherwise keep the first import).
    kind = next(
        line.split("kind:", 1)[1].strip()
        for line in (project / "data" / "timeline.yml").read_text(encoding="utf-8").splitlines()
        if "kind:" in line
    )
    with (project / "macros" / "data" / "vocab.py").open("a", encoding="utf-8") as f:
        f.write(f'\nTIMELINE_KINDS["{kind}"] = "Kind 4713"\n')
    wait_for(lambda: "Kind 4713" in fetch(timeline), "a code edit to show", log)

    partial = project / "overrides" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text('<div class="md-copyright">Override 4714</div>\n', encoding="utf-8")
    wait_for(lambda: "Override 4714" in fetch(timeline), "a theme override to show", log)
    assert proc.poll() is None
    assert "[macros]" not in log.read_text(), "mkdocs-macros' INFO lines are silenced"


def test_a_broken_edit_shows_on_every_page_and_in_the_terminal_each_time(server):
    base, project, log, proc = server
    data = project / "data" / "timeline.yml"
    original = data.read_text(encoding="utf-8")
    broken = original.replace("kind: ", "kind: announcement\n    colour: ", 1)

    data.write_text(broken, encoding="utf-8")
    wait_for(lambda: shows_problem(base + "timeline/", "data/timeline.yml:"), "the problem page", log)
    for page in ("", "statements/", "actors/", "sources/"):  # every page, not just the one that broke
        html = fetch(base + page)
        assert "unknown field &#39;colour&#39;" in html and "data/timeline.yml:" in html, page
    wait_for(lambda: log.read_text().count("unknown field 'colour'") >= 1, "the list in the terminal", log)
    printed = log.read_text().count("unknown field 'colour'")

    data.write_text(original, encoding="utf-8")
    wait_for(lambda: shows_site(base + "timeline/"), "the fixed site", log)
    data.write_text(broken, encoding="utf-8")  # the same mistake again: MkDocs alone would not repeat it
    wait_for(lambda: log.read_text().count("unknown field 'colour'") > printed, "the list printed again", log)
    report = log.read_text()
    assert "Traceback" not in report
    assert proc.poll() is None, "the server is still running"


def _far_future(text: str) -> str:
    return re.sub(r"\bdate: \S+", "date: 9999-12-31", text, count=1)


HOSTILE_SAVES = {
    # name: (file, how to break it, the page to watch). A far-future date is either refused by the checks or
    # shown; deep nesting and a page that raises always give the problem page.
    "far-future date": ("data/statements.yml", _far_future, "statements/"),
    "deep nesting": ("data/actors.yml", lambda t: t + "\nnested: " + "[" * 400 + "]" * 400 + "\n", "actors/"),
    # A page's {{ … }} can only call the macros (pagesyntax.py), so arithmetic is a located problem.
    "a page with code in its macros": ("docs/actors.md", lambda t: t + "\n\nOops {{ 1/0 }}\n", "actors/"),
}


def test_the_server_survives_hostile_saves_and_serves_each_fix(server):
    base, project, log, proc = server
    for name, (file, breaking, page) in HOSTILE_SAVES.items():
        path, url = project / file, base + page
        original = path.read_text(encoding="utf-8")
        path.write_text(breaking(original), encoding="utf-8")
        wait_for(lambda url=url: shows_problem(url, "") or "9999" in fetch(url), f"the preview to show {name}", log)
        if file.startswith("docs/"):  # pages built before and after the one that raised show it too
            assert shows_problem(base, f"{file}:") and shows_problem(base + "timeline/", f"{file}:")
        assert proc.poll() is None, f"the server survived {name}"
        path.write_text(original, encoding="utf-8")
        wait_for(
            lambda url=url: "explainer-problems" not in fetch(url) and "9999" not in fetch(url),
            f"the fixed site after {name}",
            log,
        )
    assert "docs/actors.md:" in log.read_text(), "the page's problem was reported in the terminal"

    # An unreadable file: a folder where the file should be (root can read any file, whatever its mode).
    actors, url = project / "data" / "actors.yml", base + "timeline/"
    kept = actors.read_bytes()
    actors.unlink()
    actors.mkdir()
    wait_for(lambda: shows_problem(url, "data/actors.yml"), "the problem page for an unreadable file", log)
    actors.rmdir()
    actors.write_bytes(kept)
    # The file watcher can miss a file that replaces a folder of the same name; save again, as an editor would.
    saved = [time.monotonic()]

    def fixed() -> bool:
        if shows_site(url):
            return True
        if time.monotonic() - saved[0] > 5:
            actors.write_bytes(kept)
            saved[0] = time.monotonic()
        return False

    wait_for(fixed, "the fixed site after an unreadable file", log)
    assert proc.poll() is None
    assert "Traceback" not in log.read_text()


def test_build_stops_with_a_located_message_when_a_page_raises(project, tmp_path):
    """Outside the preview a broken page still fails the build, with the page's line, not a traceback."""
    page = project / "docs" / "actors.md"
    lines = page.read_text(encoding="utf-8").rstrip("\n").split("\n")
    page.write_text("\n".join(lines + ["", "Oops {{ 1/0 }}", ""]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode != 0
    assert f"docs/actors.md:{len(lines) + 2}:6: only the explainer's macros can be used" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "site").exists()


# ---------- python -m macros serve / make serve ----------


def test_serve_help_and_a_busy_port(project):
    run = [sys.executable, "-m", "macros", "serve"]
    helped = subprocess.run(run + ["--help"], cwd=project, capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "usage:" in helped.stdout and "PORT" in helped.stdout
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run(run + [f"127.0.0.1:{port}"], cwd=project, capture_output=True, text=True, timeout=60)
    assert busy.returncode == 1
    assert busy.stderr.strip().count("\n") == 0, f"one line: {busy.stderr!r}"
    assert f"Port {port} is already in use" in busy.stderr and "make serve PORT=" in busy.stderr
    assert "Traceback" not in busy.stderr and not (project / "site").exists()


def make_serve_project(project: Path) -> Path:
    """The project copy, made runnable with `make serve` on this checkout's .venv (no reinstall)."""
    if not (ROOT / ".venv" / ".runtime").exists():
        pytest.fail("run `make serve` or `make test` once first, so .venv exists", pytrace=False)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copy2(ROOT / "requirements.txt", project / "requirements.txt")
    os.utime(project / "requirements.txt", (0, 0))  # older than .venv/.runtime: make must not reinstall
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


@pytest.mark.browser
def test_make_serve_shows_problems_in_the_open_page_and_recovers_by_itself(project, tmp_path, open_context):
    from playwright.sync_api import expect

    make_serve_project(project)
    port, log = free_port(), tmp_path / "make-serve.log"
    data = project / "data" / "timeline.yml"
    original = data.read_text(encoding="utf-8")
    data.write_text(original.replace("kind: ", "kind: announcement\n    colour: ", 1), encoding="utf-8")
    proc = start(["make", "--no-print-directory", "serve", f"ADDR=127.0.0.1:{port}"], project, log)
    try:
        url = f"http://127.0.0.1:{port}/timeline/"
        # Broken data at start: the preview starts anyway, and shows the list.
        wait_for(lambda: shows_problem(url, "data/timeline.yml:"), "the preview on the ADDR port", log)
        page = open_context().new_page()
        page.goto(url)
        problems = page.locator(".explainer-problems")
        expect(problems).to_contain_text("unknown field 'colour'")
        where = problems.locator("code.problem-where").first
        expect(where).to_have_text(re.compile(r"^data/timeline\.yml:\d+:\d+$"))

        data.write_text(original, encoding="utf-8")  # the fix: the open page reloads into the real one
        expect(page.locator("li.timeline-entry").first).to_be_attached(timeout=PREVIEW_MS)
        expect(problems).to_have_count(0)

        title = first_title(project)
        data.write_text(
            original.replace(f"title: {title}", "title: Broken on purpose\n    colour: red", 1), encoding="utf-8"
        )
        expect(problems).to_contain_text("data/timeline.yml:", timeout=PREVIEW_MS)
        expect(problems).to_contain_text("unknown field 'colour'")
        data.write_text(original, encoding="utf-8")
        expect(page.locator("li.timeline-entry").first).to_be_attached(timeout=PREVIEW_MS)
        assert proc.poll() is None
        assert "Traceback" not in log.read_text()
    finally:
        stop(proc)


# ---------- the preview never hangs, and never outlives make ----------


@contextlib.contextmanager
def macros_serving(project: Path, log: Path):
    """`python -m macros serve` (what `make serve` runs) on `project`, once its first build is served."""
    port = free_port()
    proc = start([sys.executable, "-m", "macros", "serve", f"127.0.0.1:{port}"], project, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "<html" in fetch(base), "the first build", log)
        yield base, proc
    finally:
        stop(proc)


@pytest.fixture
def macros_server(project, tmp_path):
    """`python -m macros serve` on a copy of the project."""
    log = tmp_path / "macros-serve.log"
    with macros_serving(project, log) as (base, proc):
        yield base, project, log, proc


def test_a_moved_home_page_shows_a_problem_page_and_comes_back(macros_server):
    base, project, log, proc = macros_server
    home, moved = project / "docs" / "index.md", project / "docs" / "home.md"
    home.rename(moved)
    # fetch() gives up after 10 s: a hanging server fails here rather than passing late.
    wait_for(lambda: shows_problem(base + "timeline/", "docs/index.md:1:1"), "the problem page", log)
    assert shows_problem(base, "docs/index.md")
    moved.rename(home)
    wait_for(lambda: shows_site(base + "timeline/"), "the real page again", log)
    assert proc.poll() is None and "Traceback" not in log.read_text()


# A Python error in the code, where it breaks: at import time, or in a block while the pages render.
CODE_ERRORS = {
    "a syntax error": ("macros/pages/blocks.py", "\ndef broken(:\n"),
    "an error while importing": ("macros/data/vocab.py", "\n1 / 0\n"),
}


def test_a_python_error_in_macros_shows_on_every_page_and_the_fix_comes_back(macros_server):
    base, project, log, proc = macros_server
    for name, (file, breaking) in CODE_ERRORS.items():
        path = project / file
        original = path.read_text(encoding="utf-8")
        path.write_text(original + breaking, encoding="utf-8")
        line = len((original + breaking).rstrip("\n").split("\n"))
        where = f"{file}:{line}:1"
        wait_for(lambda where=where: shows_problem(base + "timeline/", where), f"the page to show {name}", log)
        assert shows_problem(base + "actors/", where), "every page"
        path.write_text(original, encoding="utf-8")
        wait_for(lambda: shows_site(base + "timeline/"), f"the fixed site after {name}", log)
    assert proc.poll() is None
    assert "Traceback" not in log.read_text() and "appear stuck" not in log.read_text()


# How the preview is stopped from outside: an IDE's stop button sends SIGTERM to `make` alone; a closed
# terminal sends SIGHUP to the whole foreground process group. GNU make passes SIGTERM on to the
# recipe's shell only, and does not pass SIGHUP on at all.
STOPS = {"SIGTERM to make": (signal.SIGTERM, False), "SIGHUP to the terminal's group": (signal.SIGHUP, True)}


@pytest.mark.parametrize("how", list(STOPS))
def test_stopping_make_serve_leaves_no_process(project, tmp_path, how):
    signum, to_group = STOPS[how]
    make_serve_project(project)
    port, log = free_port(), tmp_path / "make-serve.log"
    proc = start(["make", "--no-print-directory", "serve", f"ADDR=127.0.0.1:{port}"], project, log)
    try:
        wait_for(lambda: "<html" in fetch(f"http://127.0.0.1:{port}/"), "the preview", log)
        assert any("macros serve" in p for p in _group(proc.pid))
        if to_group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        proc.wait(timeout=30)
    finally:
        left = left_behind(proc)
    assert left == [], f"{how} left processes running: {left}"
    assert "Traceback" not in log.read_text()
