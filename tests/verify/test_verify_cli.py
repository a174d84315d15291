"""`make verify` on a copy of the sample whose sources are pages on 127.0.0.1 that print its quotes,
then `--record`, the reader note it brings, and what an edited quote does to both.

Nothing here names the event's ids or words: the pages, the changed word and the expected lines
are all derived from the copied data.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data.dates import long_date
from macros.pages import fragment
from macros.pages.site import Explainer
from macros.verify import cli
from support import webpages as w
from support.project import ROOT, check, event_data, make_project, run, write_data

CHECKED_ON = date(2026, 12, 2)
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def quoted(project: Path) -> list[tuple[int, dict]]:
    """(index in statements.yml, statement) for each statement with a quote."""
    statements = event_data(project)["statements"]["statements"]
    return [(i, st) for i, st in enumerate(statements) if "quote" in st]


def quote_position(project: Path, statement_id: str) -> tuple[int, int]:
    """Line and column of a statement's quote value, read from the file as an editor sees it."""
    lines = (project / "data" / "statements.yml").read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if re.fullmatch(rf"\s*- id: {re.escape(statement_id)}", line))
    n = next(n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("quote:"))
    return n + 1, lines[n].index("quote:") + len("quote: ") + 1


def change_one_word(project: Path) -> tuple[int, dict, str, str]:
    """Change the longest word of the first quote of eight words or more; returns what changed."""
    data = event_data(project)["statements"]
    i, st = next((i, st) for i, st in enumerate(data["statements"]) if len(st.get("quote", "").split()) >= 8)
    old = max(re.findall(r"[A-Za-z]{4,}", st["quote"]), key=len)
    new = "zebra" if old != "zebra" else "okapi"
    st["quote"] = re.sub(rf"\b{old}\b", new, st["quote"], count=1)
    write_data(project, "statements", data)
    return i, st, old, new


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """(project, routes): the sample, each source's address a local page printing the quotes that cite it."""
    routes: dict = {}
    with w.serve_routes(routes) as base:
        project = make_project(tmp_path_factory.mktemp("verify") / "project", "sample")
        data = event_data(project)
        for n, src in enumerate(data["sources"]["sources"]):
            quotes = [st["quote"] for _, st in quoted(project) if src["id"] in st["sources"]]
            routes[f"/source-{n}"] = w.page(w.html_page(*quotes, title=src["title"]))
            src["url"] = f"{base}/source-{n}"
            src.pop("copy", None)
            src.pop("archive", None)
        write_data(project, "sources", data["sources"])
        yield project


def copy_of(project: Path, dest: Path) -> Path:
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns(".cache"))
    return dest


def test_every_quote_is_verbatim_in_pages_that_print_it(local):
    result = run(local, "macros", "verify", timeout=300)
    n = len(quoted(local))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{n} quotes: {n} verbatim, 0 differs, 0 not found, 0 unreadable"]


def test_one_word_changed_fails_naming_the_statement_at_its_line_with_the_difference(local, tmp_path):
    project = copy_of(local, tmp_path / "project")
    i, st, old, new = change_one_word(project)
    result = run(project, "macros", "verify", timeout=300)
    assert result.returncode == 1
    line, col = quote_position(project, st["id"])
    head = f"data/statements.yml:{line}:{col}: statements[{i}].quote: differs from '{st['sources'][0]}' ("
    report = result.stdout.splitlines()
    assert any(r.startswith(head) and f"[-{new}-] {{+{old}+}}" in r for r in report), result.stdout
    assert any(r.startswith("  hint: the closest passage reads ") for r in report)
    n = len(quoted(project))
    assert report[-1] == f"{n} quotes: {n - 1} verbatim, 1 differs, 0 not found, 0 unreadable"


def notes(project: Path) -> dict[str, BeautifulSoup | None]:
    """Each quoted statement's "Checked against" note on the statements page (None where there is none)."""
    soup = BeautifulSoup(Explainer.load(project).page("statements.md").block("statements"), "html.parser")
    return {
        card["id"].removeprefix("s-"): card.select_one(".statement-checked")
        for card in soup.select("article.statement")
        if card.select_one("blockquote.statement-quote")
    }


def test_recorded_quotes_show_their_note_and_an_edited_quote_loses_it_with_a_warning(local, tmp_path):
    project = copy_of(local, tmp_path / "project")
    assert set(notes(project).values()) == {None}, "no note before anything is recorded"
    assert cli.main(project, ["--record"], today=CHECKED_ON) == 0
    recorded = project / "data" / "verified.yml"
    schema = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", "data/schemas/verified.schema.json", str(recorded)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr

    ex = Explainer.load(project)
    day = long_date(CHECKED_ON)
    for sid, note in notes(project).items():
        st = ex.data.statements[sid]
        assert note is not None, f"{sid} has no note"
        expected = " ".join(f"Checked against {ex.data.sources[s].publisher}’s text on {day}." for s in st.sources)
        assert " ".join(note.get_text().split()) == expected
        for a, s in zip(note.select("a"), st.sources, strict=True):
            assert a["href"] == fragment.at_words(ex.data.sources[s].url, fragment.for_quote(st, ex.data.sources[s]))

    i, st, _, _ = change_one_word(project)
    after = notes(project)
    assert after[st["id"]] is None
    assert all(note is not None for sid, note in after.items() if sid != st["id"])
    result = check(project)
    line, col = quote_position(project, st["id"])
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: data/statements.yml:{line}:{col}: statements[{i}].quote: "
        "quote changed since it was verified; run make verify"
    ) in result.stderr


def test_an_unreadable_source_is_a_warning_unless_strict(local, tmp_path):
    project = copy_of(local, tmp_path / "project")
    data = event_data(project)
    i, st = next((i, st) for i, st in quoted(project) if len(st["sources"]) == 1)
    src = next(s for s in data["sources"]["sources"] if s["id"] == st["sources"][0])
    src["url"] = src["url"].rsplit("/", 1)[0] + "/no-such-page"
    write_data(project, "sources", data["sources"])
    result = run(project, "macros", "verify", timeout=300)
    line, col = quote_position(project, st["id"])
    assert result.returncode == 0, result.stdout
    assert (
        f"warning: data/statements.yml:{line}:{col}: statements[{i}].quote: "
        f"could not be read from '{src['id']}' ({src['url']}): HTTP 404"
    ) in result.stdout.splitlines()
    assert re.fullmatch(
        r"\d+ quotes: \d+ verbatim, 0 differs, 0 not found, [1-9]\d* unreadable", result.stdout.splitlines()[-1]
    )
    assert run(project, "macros", "verify", "--strict", timeout=300).returncode == 1
