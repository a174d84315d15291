"""Beside stage 1: proving quotes against their sources (`make verify`, `make verify-record`).

What it holds:
    fetch.py     bounded, cached HTTP(S) fetching (.cache/verify/; nothing fetched is committed)
    extract.py   a page's main text: trafilatura, or lxml alone when trafilatura is missing
    match.py     normalising, finding a quote (with ellipsis gaps) and the verdicts
    fragment.py  text fragments (#:~:text=) that open a source at the quoted words
    record.py    data/verified.yml: writing it, and which of its records still hold
    cli.py       `python -m macros verify`: the run and its report

What it may import: the data-reading stage (the dataset, its model, positions and Problem
reports) and the standard library; trafilatura and lxml only inside extract.py. Never the page
rendering or the MkDocs and Zensical glue. The pages import fragment.py and record.py, which
import nothing heavy, so a build never loads the fetching code.
"""
