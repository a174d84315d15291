"""The README documents what editors can use: every data field, every
allowed value, every data block and every make target it mentions."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from macros.data import kinds, vocab
from macros.pages.site import BLOCKS
from support.project import ROOT
from support.render import render_project

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fields(m: type[BaseModel]):
    for name, info in m.model_fields.items():
        yield info.alias or name, info.annotation
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not m:
                    yield from fields(inner)


def literals(annotation):
    if typing.get_origin(annotation) is typing.Literal:
        yield from typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        yield from literals(arg)


@pytest.mark.parametrize("stem", [f.stem for f in kinds.data_files()])
def test_every_field_and_allowed_value_is_documented(stem):
    section = README.split(f"### `data/{stem}.yml`", 1)[1].split("\n### ", 1)[0]
    for name, annotation in fields(kinds.file_model(stem)):
        assert re.search(rf"^\s*(#\s*)?-?\s*{re.escape(name)}:", section, re.M), f"{name} is not in the {stem} section"
        for value in literals(annotation):
            assert value in section, f"{name}'s value {value!r} is not in the {stem} section"


@pytest.mark.parametrize("stem, table", [("statements", vocab.VENUES), ("timeline", vocab.TIMELINE_KINDS)])
def test_every_built_in_value_of_an_open_vocabulary_is_documented(stem, table):
    section = README.split(f"### `data/{stem}.yml`", 1)[1].split("\n### ", 1)[0]
    assert [v for v in table if v not in section] == []


def test_every_data_block_is_documented():
    for block in BLOCKS:
        assert f"{{{{ {block}() }}}}" in README


def test_make_targets_in_the_readme_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.M))
    mentioned = set(re.findall(r"`make ([a-z-]+)`", README))
    assert {"serve", "test"} <= mentioned and mentioned <= targets


def test_the_worked_example_adds_a_statement(project):
    """The README's worked example, applied to the "sample" fixture event it names, really shows up."""
    example = README.split("#### Worked example", 1)[1].split("\n### ", 1)[0]
    source, statement = re.findall(r"```yaml\n(.*?)```", example, re.S)
    for name, snippet in (("sources", source), ("statements", statement)):
        path = project / "data" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n\n" + snippet, encoding="utf-8")
    pages = render_project(project)
    assert 'id="s-stone-responds"' in pages["statements.md"]
    assert 'id="src-example-news-2022-03-15"' in pages["sources.md"]
    assert "statements/#s-stone-responds" in pages["sources.md"], "listed under 'Cited in'"
    assert "statements/#s-stone-responds" in pages["actors.md"]
    assert "statements/#s-stone-responds" in pages["timeline.md"], "a mark on the overview chart"
