"""The declarations that drive the pipeline: kinds, rules, blocks, outputs and the vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.data import check, kinds
from macros.data.errors import DataError
from macros.engine.outputs import OUTPUTS
from macros.pages.blocks import BLOCKS
from macros.pages.site import Explainer, anchor
from support.project import INPUTS, ROOT, VALID, make_project


@pytest.fixture
def valid(tmp_path) -> Path:
    return make_project(tmp_path / "project", VALID, code=False)


@pytest.mark.parametrize("case, rule", check.RULES, ids=[fn.__name__ for _, fn in check.RULES])
def test_every_rule_has_a_corpus_case_that_shows_it(case, rule):
    expected = INPUTS / "invalid" / case / "expected.txt"
    assert expected.is_file(), f"rule {rule.__name__} has no case tests/inputs/invalid/{case}/"


def test_every_reference_names_a_declared_kind():
    assert {ref.kind for k in kinds.KINDS for ref in k.refs} <= set(kinds.BY_NAME)
    assert len({k.prefix for k in kinds.KINDS}) == len(kinds.KINDS), "anchor prefixes are unique"


def test_anchors_of_different_records_never_collide():
    # An actor `x` showing its heading and an actor `x-name` must not share an id.
    assert anchor("actor", "x", "name") != anchor("actor", "x-name")
    assert anchor("statement", "a", "who") != anchor("statement", "a-who")


def test_every_block_has_its_template():
    templates = ROOT / "macros" / "pages" / "templates"
    assert [b.template for b in BLOCKS.values() if not (templates / b.template).is_file()] == []


def test_a_data_file_saved_as_yaml_is_read(valid):
    (valid / "data" / "actors.yml").rename(valid / "data" / "actors.yaml")
    assert len(Explainer.load(valid).data.actors) >= 1


def test_an_events_own_venue_and_timeline_kind_are_accepted_and_labelled(valid):
    event = valid / "data" / "event.yml"
    event.write_text(
        event.read_text(encoding="utf-8").rstrip() + "\n  vocabulary:\n    venues:\n"
        "      radio-address: radio address\n",
        encoding="utf-8",
    )
    statements = valid / "data" / "statements.yml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text.replace("venue: interview", "venue: radio-address", 1), encoding="utf-8")
    ex = Explainer.load(valid)
    html = ex.page("statements.md").block("statements")
    assert "Radio address" in html or "radio address" in html


def test_an_undeclared_venue_is_refused(valid):
    statements = valid / "data" / "statements.yml"
    text = statements.read_text(encoding="utf-8")
    statements.write_text(text.replace("venue: interview", "venue: radio-address", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        Explainer.load(valid)
    assert "'radio-address' is not a known venue" in err.value.report()


@pytest.mark.parametrize(
    "written, shown, iso",
    [("2021-05-05", "5 May 2021", "2021-05-05"), ("2021-05", "May 2021", "2021-05"), ("2021", "2021", "2021")],
)
def test_dates_keep_the_precision_the_editor_gave(valid, written, shown, iso):
    for name, old in (("statements", "date: 2021-05-05"), ("sources", "published: 2021-05-05")):
        path = valid / "data" / f"{name}.yml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(old, f"{old.split(':')[0]}: {written}", 1), encoding="utf-8"
        )
    ex = Explainer.load(valid)
    statements = ex.page("statements.md").block("statements")
    assert f'<time datetime="{iso}">{shown}</time>' in statements
    sources = ex.page("sources.md").block("sources")
    assert f'<time datetime="{iso}">{shown}</time>' in sources


def test_a_source_with_no_date_says_nd(valid):
    path = valid / "data" / "sources.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    published: 2021-05-05\n", "", 1), encoding="utf-8")
    assert "n.d." in Explainer.load(valid).page("sources.md").block("sources")


def test_the_dataset_download_holds_every_record(valid):
    ex = Explainer.load(valid)
    (out,) = [o for o in OUTPUTS if o.path.endswith("explainer.json")]
    data = json.loads(out.render(ex.data))
    assert data["event"]["title"] == ex.data.event.title
    for k in kinds.KINDS:
        if k.own_file:
            assert [r["id"] for r in data[k.file]] == list(ex.data.records[k.name])
    assert out.render(ex.data) == out.render(Explainer.load(valid).data), "byte-identical across runs"


def test_a_kind_can_be_a_folder_of_files_and_ids_stay_unique_across_them(valid):
    data = valid / "data"
    text = (data / "statements.yml").read_text(encoding="utf-8")
    head, first, second = text.split("\n  - id: ")
    (data / "statements").mkdir()
    (data / "statements" / "2021-05-a.yml").write_text(f"{head}\n  - id: {first}\n", encoding="utf-8")
    (data / "statements" / "2021-05-b.yml").write_text(f"{head}\n  - id: {second}", encoding="utf-8")
    (data / "statements.yml").unlink()
    assert len(Explainer.load(valid).data.statements) == 2
    (data / "statements" / "2021-05-b.yml").write_text(f"{head}\n  - id: {first}\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        Explainer.load(valid)
    assert "is already used on data/statements/2021-05-a.yml, line 2" in err.value.report()


def test_the_exports_link_to_the_pages_that_really_show_each_kind(valid):
    from macros.engine.outputs import site_of
    from macros.pages.site import page_url

    ex = Explainer.load(valid)
    pages = site_of(ex, "https://example.org/").pages
    for k in kinds.KINDS:
        host = ex.pages.host(k.block)
        if k.own_file and host:
            assert pages[k.block] == page_url(host)
