"""Data files that are links, and the leftovers editors' tools make beside a folder's files.

The corpus (tests/inputs/invalid/data_folder_with_subfolder_and_odd_names) covers what git can
hold; links are made here.
"""

from __future__ import annotations

import os

import pytest

from macros.data.errors import DataError
from macros.pages.site import Explainer
from support.project import VALID, make_project
from support.project import check as run_check


def _folder_of_statements(project):
    """The valid project with its statements moved into data/statements/, one file per record."""
    data = project / "data"
    head, *records = (data / "statements.yml").read_text(encoding="utf-8").split("\n  - id: ")
    (data / "statements").mkdir()
    for n, record in enumerate(records):
        (data / "statements" / f"part-{n}.yml").write_text(f"{head}\n  - id: {record.rstrip()}\n", encoding="utf-8")
    (data / "statements.yml").unlink()
    return data / "statements", len(records)


def test_an_emacs_lock_that_is_a_dangling_link_is_left_alone(tmp_path):
    project = make_project(tmp_path / "p", VALID, code=False)
    folder, n = _folder_of_statements(project)
    # Emacs marks an unsaved buffer with a link to nowhere, named after the file.
    os.symlink("editor@laptop.4242:1700000000", folder / ".#part-0.yml")
    (folder / "._part-0.yml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    assert len(Explainer.load(project).data.statements) == n


@pytest.mark.parametrize("where", ["data/sources.yml", "data/statements/part-0.yml"])
def test_a_link_to_itself_is_an_editors_problem(tmp_path, where):
    project = make_project(tmp_path / "p", VALID)
    _folder_of_statements(project)
    path = project / where
    path.unlink()
    os.symlink(path.name, path)  # `ln -s sources.yml data/sources.yml`, run from the project
    with pytest.raises(DataError) as err:
        Explainer.load(project)
    assert (
        f"{where}:1:1: the file is a link that leads back to itself, so there is nothing to read\n"
        f"  hint: replace the link {where} with the file itself"
    ) in err.value.report()
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{where}:1:1: the file is a link that leads back to itself" in result.stderr
