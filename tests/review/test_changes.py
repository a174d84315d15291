"""`make changes`: what a change does to the story, read from two versions in a throwaway git repository.

Each test commits tests/inputs/valid (or a copy split into a folder of files) as the base, changes it the
way an editor would, and reads the account `python -m macros changes` gives, in-process. The assertions
name the records of that small input only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.data.dataset import read_dataset
from macros.data.errors import DataError
from macros.review.command import changes
from support.project import VALID, make_project, run, write_data
from support.repo import commit, git, repository

TODAY = date(2021, 6, 1)
HINT_ENTRY = "- date: 2021-06-01\n      kind: correction\n"


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def project(tmp_path) -> Path:
    return repository(make_project(tmp_path / "p", VALID, code=False))


def edit(project: Path, stem: str, change: Callable[[dict], None]) -> None:
    path = project / "data" / f"{stem}.yml"
    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(value)
    write_data(project, stem, value)


def record(value: dict, key: str, record_id: str) -> dict:
    items = value["event"][key] if "event" in value else value[key]
    return next(r for r in items if r["id"] == record_id)


def review(project: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = changes(project, ["--base", "HEAD", *args], today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def change_quote(value: dict) -> None:
    record(value, "statements", "regulator-announces")["quote"] = "Access to the service will be blocked from 5 May."


def log_correction(names: list[str]) -> Callable[[dict], None]:
    def change(value: dict) -> None:
        value["event"]["updates"].append(
            {"date": "2021-05-12", "kind": "correction", "text": "The quote is now exact.", "records": names}
        )

    return change


# Each kind of change.


def test_no_change_says_so(project, capsys):
    code, out, err = review(project, capsys=capsys)
    assert (code, err) == (0, "")
    assert out.startswith("Changes since HEAD (")
    assert "No change to the records, the event or the citations." in out


def test_an_added_statement_is_listed_with_its_words(project, capsys):
    def add(value):
        value["statements"].append(
            {
                **copy.deepcopy(record(value, "statements", "regulator-announces")),
                "id": "regulator-repeats",
                "quote": "We repeat that access will end.",
            }
        )

    edit(project, "statements", add)
    code, out, _ = review(project, capsys=capsys)
    assert code == 0
    assert "\nStatements\n- added regulator-repeats: We repeat that access will end.\n" in out
    assert "Corrections not logged" not in out  # a new record was never published


def test_a_rename_is_one_line_and_the_records_that_follow_it_are_not_changes(project, capsys):
    def rename(value):
        record(value, "statements", "regulator-announces")["id"] = "regulator-sets-date"
        record(value, "statements", "spokesperson-confirms")["related"][0]["statement"] = "regulator-sets-date"

    edit(project, "statements", rename)
    _, out, _ = review(project, capsys=capsys)
    assert "- renamed regulator-sets-date (was regulator-announces): Access to the service" in out
    assert "spokesperson-confirms" not in out
    assert "1 record added, removed or changed, 0 of them altering the story" in out


def test_long_text_reads_as_a_word_diff(project, capsys):
    before = "The regulator's announcement of the restriction, made to the press in the capital that morning."
    edit(project, "actors", lambda v: v["actors"][0].update(description=before))
    commit(project)
    after = before.replace("capital that morning", "port that evening")
    edit(project, "actors", lambda v: v["actors"][0].update(description=after))
    _, out, _ = review(project, capsys=capsys)
    assert "  description: … the press in the [-capital-] {+port+} that [-morning.-] {+evening.+}\n" in out
    assert "alters the story" not in out  # an actor's description is not one of the story fields kinds.py declares


def test_an_actor_role_change_reads_old_to_new(project, capsys):
    edit(project, "actors", lambda v: record(v, "actors", "jane-spokesperson").update(role="Chief spokesperson"))
    _, out, _ = review(project, capsys=capsys)
    role = next(line for line in out.splitlines() if line.strip().startswith("role:"))
    assert role.strip().startswith("role: ") and role.endswith("→ Chief spokesperson")


@pytest.mark.parametrize(
    ("stem", "key", "record_id", "field", "value", "shown"),
    [
        ("statements", "statements", "regulator-announces", "quote", "Access ends on 5 May.", "quote"),
        ("statements", "statements", "regulator-announces", "actor", "jane-spokesperson", "actor"),
        ("statements", "statements", "regulator-announces", "date", "2021-05-04", "date"),
        ("timeline", "timeline", "restriction-begins", "start", "2021-05-05T01:00+02:00", "start"),
        ("timeline", "timeline", "restriction-begins", "end", "2021-05-05T07:00+02:00", "end"),
        ("event", "key_facts", "kf-effect", "text", "The restriction took effect a day late.", "text"),
        ("sources", "sources", "gazette-2021-05-03", "url", "https://example.org/gazette/moved", "url"),
    ],
)
def test_each_story_altering_change_is_flagged(project, capsys, stem, key, record_id, field, value, shown):
    edit(project, stem, lambda v: record(v, key, record_id).update({field: value}))
    code, out, _ = review(project, capsys=capsys)
    assert f"  {shown} [alters the story]: " in out
    assert f" {record_id}: {shown} changed, and it was published" in out
    assert review(project, "--strict", capsys=capsys)[0] == 1


def test_a_dispute_side_text_is_flagged(project, capsys):
    new_claim = "The Example Daily dated the restriction 6 May."
    edit(project, "event", lambda v: record(v, "disputes", "when-it-began")["sides"][1].update(claim=new_claim))
    _, out, _ = review(project, capsys=capsys)
    assert (
        "  sides[1].claim [alters the story]: … Daily dated the restriction [-4 May, counting in UTC.-] {+6 May.+}"
        in out
    )
    assert "- dispute when-it-began: sides[1].claim changed, and it was published" in out


def _every_source_list(value, change: Callable[[list], list]) -> None:
    """Apply `change` to every `sources:` list of the records in a data file's value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list) and all(isinstance(i, str) for i in item):
                value[key] = change(item)
            else:
                _every_source_list(item, change)
    elif isinstance(value, list):
        for item in value:
            _every_source_list(item, change)


def test_a_removed_source_is_flagged_with_what_used_it(project, capsys):
    for stem in ("actors", "statements", "timeline", "event"):  # at BASE, every record rests on the gazette too
        edit(
            project,
            stem,
            lambda v: _every_source_list(v, lambda ids: list(dict.fromkeys([*ids, "gazette-2021-05-03"]))),
        )
    commit(project, "the gazette everywhere")
    for stem in ("actors", "statements", "timeline", "event"):
        edit(project, stem, lambda v: _every_source_list(v, lambda ids: [i for i in ids if i != "daily-2021-05-05"]))
    edit(project, "sources", lambda v: v.update(sources=[s for s in v["sources"] if s["id"] != "daily-2021-05-05"]))
    index = project / "docs/index.md"
    index.write_text(
        index.read_text().replace('cite("daily-2021-05-05", "gazette-2021-05-03")', 'cite("gazette-2021-05-03")')
    )
    assert read_dataset(project).problems == []
    code, out, _ = review(project, capsys=capsys)
    assert "\nSources\n- removed daily-2021-05-05: The Example service is now restricted [alters the story]\n" in out
    used = next(line for line in out.splitlines() if line.startswith("  used at BASE by "))
    assert "statement spokesperson-confirms" in used and "entry restriction-begins" in used
    assert "docs/index.md" in used
    assert "- docs/index.md: “The restriction took effect on 5 May.” no longer cites daily-2021-05-05" in out
    assert "\nStatements\n" not in out  # the records that cited it changed only by losing it: said once, above
    assert "Corrections not logged" not in out  # a removed record cannot be named by a correction
    assert (code, review(project, "--strict", capsys=capsys)[0]) == (0, 1)


def test_a_record_that_loses_every_source_it_rested_on_is_flagged(project, capsys):
    edit(project, "timeline", lambda v: record(v, "timeline", "announcement").update(sources=["daily-2021-05-05"]))
    _, out, _ = review(project, capsys=capsys)
    assert "[alters the story]: none of the sources it rested on remain (gazette-2021-05-03)" in out
    assert "entry announcement: its sources changed, and it was published" in out


def test_new_and_dropped_citations_in_the_pages_sentence_by_sentence(project, capsys):
    index = project / "docs/index.md"
    text = index.read_text()
    text = text.replace('cite("gazette-2021-05-03") }}', 'cite("gazette-2021-05-03", "daily-2021-05-05") }}', 1)
    text = text.replace('{{ cite("daily-2021-05-05", "gazette-2021-05-03") }}', '{{ cite("daily-2021-05-05") }}')
    index.write_text(text)
    _, out, _ = review(project, capsys=capsys)
    assert (
        "- docs/index.md: “The Example regulator said on 3 May 2021 that it would restrict …” "
        "now cites daily-2021-05-05\n"
        "- docs/index.md: “The restriction took effect on 5 May.” no longer cites gazette-2021-05-03\n"
    ) in out


# Corrections, logged or not.


def test_a_quote_changed_without_a_correction_is_flagged_with_the_entry_to_add(project, capsys):
    edit(project, "statements", change_quote)
    code, out, _ = review(project, capsys=capsys)
    assert code == 0
    assert "\nCorrections not logged\n- statement regulator-announces: quote changed, and it was published\n" in out
    assert "- hint: log the correction: add to the updates in data/event.yml\n    " + HINT_ENTRY in out
    assert "      records: [regulator-announces]\n" in out
    assert review(project, "--strict", capsys=capsys)[0] == 1


def test_the_same_quote_with_a_correction_naming_it_is_not_flagged(project, capsys):
    edit(project, "statements", change_quote)
    edit(project, "event", log_correction(["regulator-announces"]))
    code, out, _ = review(project, "--strict", capsys=capsys)
    assert code == 0, out
    assert "Corrections not logged" not in out
    assert "- new correction of 2021-05-12: The quote is now exact. (records: regulator-announces)" in out
    assert "  logged as a correction" in out


def test_a_rewritten_log_entry_is_listed(project, capsys):
    edit(project, "event", lambda v: v["event"]["updates"][0].update(text="First version, rewritten."))
    _, out, _ = review(project, capsys=capsys)
    assert "\nUpdates log\n- new update of 2021-05-11: First version, rewritten.\n" in out
    assert "- removed or rewritten update of 2021-05-11: First version.\n" in out


def test_a_correction_that_names_another_record_does_not_log_this_one(project, capsys):
    edit(project, "statements", change_quote)
    edit(project, "event", log_correction(["spokesperson-confirms"]))
    _, out, _ = review(project, capsys=capsys)
    assert "- statement regulator-announces: quote changed, and it was published" in out


def test_a_correction_already_in_the_log_at_base_does_not_log_a_new_change(project, capsys):
    edit(project, "event", log_correction(["regulator-announces"]))
    commit(project)
    edit(project, "statements", change_quote)
    _, out, _ = review(project, capsys=capsys)
    assert "- statement regulator-announces: quote changed, and it was published" in out


def test_the_same_change_on_a_folder_of_files_event(project, capsys):
    data = project / "data"
    items = yaml.safe_load((data / "statements.yml").read_text())["statements"]
    (data / "statements.yml").unlink()
    (data / "statements").mkdir()
    for n, item in enumerate(items):
        (data / "statements" / f"part-{n}.yml").write_text(yaml.safe_dump({"statements": [item]}, sort_keys=False))
    commit(project, "statements in a folder")
    part = data / "statements" / "part-0.yml"
    part.write_text(part.read_text().replace("will be restricted", "will be blocked"))
    _, out, _ = review(project, capsys=capsys)
    assert (
        "  quote [alters the story]: Access to the service will be restricted from 5 May. → "
        "Access to the service will be blocked from 5 May.\n"
    ) in out
    assert "- statement regulator-announces: quote changed, and it was published" in out


# Markdown for a job summary.


def test_markdown_output(project, capsys):
    edit(project, "statements", lambda v: record(v, "statements", "regulator-announces").update(
        quote="Access to the *service* will be blocked from 5 May."))  # fmt: skip
    _, out, _ = review(project, "--markdown", capsys=capsys)
    assert out.startswith("## Changes since HEAD (")
    assert "\n### Statements\n\n- changed `regulator-announces`: Access to the \\*service\\* will be blocked" in out
    assert (
        "  - `quote` **alters the story**: `Access to the service will be restricted from 5 May.` → "
        "`Access to the *service* will be blocked from 5 May.`\n"
    ) in out
    assert "\n### Corrections not logged\n\n- statement `regulator-announces`: `quote` changed" in out
    assert "    ```yaml\n    " + HINT_ENTRY in out


def test_markdown_is_the_default_under_github_actions(project, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert review(project, capsys=capsys)[1].startswith("## Changes since")


# What cannot be compared: one line each, never a traceback.


def test_a_folder_that_is_not_a_repository(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = make_project(tmp_path / "plain", VALID, code=False)
    code, out, err = review(plain, capsys=capsys)
    assert (code, out) == (1, "")
    assert err == (
        f"make changes: {plain} is not in a git repository, so there is no earlier version to compare with; "
        "run make changes in a clone of the explainer\n"
    )


def test_an_unknown_base(project, capsys):
    code = changes(project, ["--base", "no-such-branch"], today=TODAY)
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == (
        "make changes: BASE 'no-such-branch' is not a commit in this repository; give a branch, a tag or a "
        "commit, such as BASE=main or BASE=HEAD~1\n"
    )


def test_broken_data_at_base(project, capsys):
    edit(project, "statements", lambda v: record(v, "statements", "regulator-announces").update(actor="nobody"))
    commit(project, "broken")
    edit(project, "statements", lambda v: record(v, "statements", "regulator-announces").update(
        actor="example-regulator"))  # fmt: skip
    code, out, err = review(project, capsys=capsys)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith("make changes: the data at HEAD (")
    assert "does not pass the check (1 problem, the first in data/statements.yml line " in err
    assert ": unknown actor 'nobody'); compare with a version whose data passed\n" in err


def test_broken_data_now_gives_the_checks_list(project, capsys):
    edit(project, "statements", lambda v: record(v, "statements", "regulator-announces").update(actor="nobody"))
    code, out, err = review(project, capsys=capsys)
    assert (code, out) == (1, "")
    assert err == DataError(read_dataset(project).problems).report() + "\n"


def test_the_default_base_is_where_the_branch_left_main(project, capsys):
    git(project, "checkout", "-q", "-b", "edit")
    edit(project, "statements", change_quote)
    commit(project, "the edit")
    code = changes(project, [], today=TODAY)
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.startswith("Changes since where this branch left main (")
    assert "quote [alters the story]" in out


def test_no_main_to_compare_with(tmp_path, capsys):
    other = repository(make_project(tmp_path / "p", VALID, code=False), branch="drafts")
    code = changes(other, [], today=TODAY)
    assert code == 1
    assert capsys.readouterr().err == (
        "make changes: found neither origin/main nor main to compare with; name the version to compare with, "
        "such as make changes BASE=HEAD~1\n"
    )


def test_the_command_line_says_it_in_one_line(tmp_path):
    plain = make_project(tmp_path / "plain", VALID)  # with the code, for python -m macros
    result = run(plain, "macros", "changes", "--base", "HEAD", GIT_CEILING_DIRECTORIES=str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "is not in a git repository" in result.stderr
