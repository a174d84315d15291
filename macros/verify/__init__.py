"""Beside stage 1: proving quotes against their sources (`make verify`, `make verify-record`).

What it holds:
    fetch.py     bounded, cached HTTP(S) fetching (.cache/verify/; nothing fetched is committed)
    extract.py   a page's main text: trafilatura, or lxml alone when trafilatura is missing
    match.py     normalising, finding a quote (with ellipsis gaps) and the verdicts
    record.py    data/verified.yml: writing it (data/verified.py reads which records still hold)
    cli.py       `python -m macros verify`: the run and its report

What it may import: the data-reading stage (the dataset, its model, positions and Problem
reports) and the standard library; trafilatura and lxml only inside extract.py. Never the page
rendering or the MkDocs and Zensical glue; nothing but the command line imports this stage, so a
build never loads the fetching code.
"""

MAY_IMPORT = ("data",)  # the stages this one may use; tests/test_layout.py holds every import to it
