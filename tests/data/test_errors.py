"""The bad-input corpus: each way an editor can break the explainer, and exactly what they are told.

tests/inputs/valid/ is a tiny, made-up project that loads and builds. Each folder in
tests/inputs/invalid/ is one mistake: it holds only the files that differ from the valid project
(plus `remove.txt` naming files to delete) and `expected.txt`, the exact report an editor gets.
Every case is checked in-process and through `python -m macros check`; a few are also built
with `mkdocs build --strict`, which must stop before writing any page.

To add a case, create its folder, run `UPDATE_EXPECTED=1 pytest tests/data/test_errors.py -k report`
and read the new expected.txt as an editor would before committing it.
"""

from __future__ import annotations

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from macros.data.errors import DataError
from macros.pages.site import Explainer
from support.project import INVALID, VALID, expected, make_project
from support.project import build as run_build
from support.project import check as run_check

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
# Built for real: one case per stage (YAML syntax, loader, model, cross-file, pages, files).
BUILD_CASES = [
    "yaml_unclosed_quote",
    "yes_no_on_read_as_true_false",
    "url_bad_schemes",
    "unknown_source",
    "docs_unknown_source",
    "docs_page_not_utf8",
    "docs_macro_reaches_python",
    "missing_data_file",
]
# Words that would mean a programmer's message reached an editor.
PROGRAMMER_WORDS = re.compile(
    r"\b(dict|NoneType|str|int|float|bool|list\[|Input should|Traceback|pydantic|"
    r"Exception|Error|None|scalar|mapping|token|node)\b"
)
PROBLEM_HEAD = re.compile(r"^(?P<file>[\w./-]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def _selected(request, test_name: str, wanted) -> list:
    """The cases of `test_name` this session will run, so `-k` does not pay for all of them."""
    names = {
        item.callspec.params["case"]
        for item in request.session.items
        if getattr(item, "originalname", "") == test_name and hasattr(item, "callspec")
    }
    return [c for c in wanted if c in names]


def _in_parallel(jobs: dict) -> dict:
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {key: pool.submit(fn) for key, fn in jobs.items()}
        return {key: f.result() for key, f in futures.items()}


@pytest.fixture(scope="module")
def cli_runs(request, tmp_path_factory) -> dict:
    """`python -m macros check` on every selected case, run side by side (each costs a Python start-up)."""
    base = tmp_path_factory.mktemp("cli")
    cases = _selected(request, "test_cli_reports_exactly", CASES)
    projects = {c: make_project(base / c, VALID, case=c) for c in cases}
    return _in_parallel({c: (lambda p=p: run_check(p)) for c, p in projects.items()})


@pytest.fixture(scope="module")
def builds(request, tmp_path_factory) -> dict:
    """`mkdocs build --strict` of the valid project and of each selected build case, side by side."""
    base = tmp_path_factory.mktemp("build")
    cases = [None] + _selected(request, "test_build_stops_before_writing", BUILD_CASES)
    projects = {c: make_project(base / (c or "valid"), VALID, case=c) for c in cases}
    return {
        c: (projects[c], r)
        for c, r in _in_parallel({c: (lambda p=p: run_build(p)) for c, p in projects.items()}).items()
    }


def test_valid_project_loads():
    ex = Explainer.load(VALID)
    assert (len(ex.data.sources), len(ex.data.actors), len(ex.data.statements), len(ex.data.timeline)) == (2, 2, 2, 2)


def test_every_case_has_an_expected_report():
    assert len(CASES) >= 40
    assert [c for c in CASES if not (INVALID / c / "expected.txt").is_file()] == []
    assert set(BUILD_CASES) <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_report(case, tmp_path):
    project = make_project(tmp_path / "project", VALID, case=case, code=False)
    started = time.monotonic()
    with pytest.raises(DataError) as err:
        Explainer.load(project)
    assert time.monotonic() - started < 2, "checking a small project must be quick, even an alias bomb"
    report = err.value.report() + "\n"
    if os.environ.get("UPDATE_EXPECTED") == "1":
        (INVALID / case / "expected.txt").write_text(report, encoding="utf-8")
    assert report == expected(case)


@pytest.mark.parametrize("case", CASES)
def test_report_speaks_to_editors(case, tmp_path):
    """Every problem names a real place in a real file, avoids programmers' words and says how to fix it."""
    project = make_project(tmp_path / "project", VALID, case=case, code=False)
    report = expected(case)
    assert not PROGRAMMER_WORDS.search(report), PROGRAMMER_WORDS.search(report)
    lines = report.rstrip("\n").split("\n")
    n = int(re.match(r"(\d+) problems? found", lines[-1].replace(",", ""))[1])
    more = [
        re.fullmatch(r"… and ([\d,]+) more problems in data/\w+\.yml; fix these first, then check again", line)
        for line in lines
        if line.startswith("…")
    ]
    assert all(more), "a long list ends with how many more problems the file has"
    n -= sum(int(m[1].replace(",", "")) for m in more)
    lines = [line for line in lines if not line.startswith("…")]
    heads = [PROBLEM_HEAD.match(line) for line in lines[:-1] if not line.startswith("  hint: ")]
    assert len(heads) == n and all(heads), lines
    assert len([line for line in lines if line.startswith("  hint: ")]) == n, "every problem has a hint"
    for head in heads:
        path, line, col = project / head["file"], int(head["line"]), int(head["col"])
        if not path.exists():  # a missing file can only be pointed at as a whole
            assert (line, col) == (1, 1)
            continue
        text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff").split("\n")
        assert line <= len(text) and col <= len(text[line - 1]) + 1, f"{head[0]} points outside the file"


@pytest.mark.parametrize("case", CASES)
def test_cli_reports_exactly(case, cli_runs):
    result = cli_runs[case]
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.returncode, result.stdout, result.stderr) == (1, "", expected(case))


def test_cli_passes_the_valid_project(tmp_path):
    result = run_check(make_project(tmp_path / "project", VALID))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("data OK: 2 sources, 2 actors, 2 statements, 2 timeline entries, 2 key facts")


def test_valid_project_builds(builds):
    project, result = builds[None]
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "index.html").is_file()


@pytest.mark.parametrize("case", BUILD_CASES)
def test_build_stops_before_writing(case, builds):
    project, result = builds[case]
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert not (project / "site" / "index.html").exists()
    problems = [line for line in expected(case).split("\n")[:-2]]
    for line in problems:  # the whole report, problem by problem, reaches the person building
        assert line in output
