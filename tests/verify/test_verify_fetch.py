"""`make verify` against made-up pages on 127.0.0.1: each case gives its verdict, in bounded time and memory.

Each case goes the whole way a source goes (fetch, main text, match) through `cli.check_source`, in a
thread that must finish within the fetch's own time limit plus a margin, while tracemalloc measures the
peak of what Python allocated. A hostile server must cost neither more time nor more memory than that.
"""

from __future__ import annotations

import threading
import time
import tracemalloc
from types import SimpleNamespace

import pytest

from macros.verify import cli, extract
from macros.verify.fetch import MAX_BYTES, Limits, fetch
from support import webpages as w

LIMITS = Limits(timeout=2.0)
MARGIN = 3.0  # seconds beyond the fetch's own limit before the case counts as hanging
MEMORY = 3 * MAX_BYTES  # the page as received, decompressed and decoded, at most once each

ARTICLE = w.html_page(
    "Officials said the plan would begin on Monday, after months of delay.",
    "“We’re ready,” she said — and the crowd cheered.",
    "The minister said the talks were difficult but that an agreement was close.",
    "We will not give up.",
    "We will keep going.",
)
ROUTES = {
    "/article": w.page(ARTICLE),
    "/missing": w.page(b"<!doctype html><p>Gone.</p>", status=404),
    "/stall": w.stall(30),
    "/huge": w.endless(50_000_000),
    "/huge-declared": w.page(b"", headers={"Content-Length": "50000000"}),
    "/loop-a": w.redirect("/loop-b"),
    "/loop-b": w.redirect("/loop-a"),
    "/ftp": w.redirect("ftp://127.0.0.1/article"),
    "/file": w.redirect("file:///etc/passwd"),
    **{f"/hop{n}": w.redirect(f"/hop{n + 1}") for n in range(10)},
    "/bomb": lambda h: w.send(h, w.gzip_bomb(), headers={"Content-Encoding": "gzip"}),
    "/report.pdf": w.page(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", content_type="application/pdf"),
    "/app": w.page(
        b"<!doctype html><html><head><title>App</title><script src='/app.js'></script></head>"
        b"<body><div id='root'></div><noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
    ),
}


@pytest.fixture(scope="module")
def server():
    w.gzip_bomb()  # made once, before any memory is measured
    # trafilatura's first import takes seconds under tracemalloc on a loaded machine: not the fetch's time.
    extract.texts("<html><body><p>warm-up</p></body></html>")
    with w.serve_routes(ROUTES) as base:
        yield base


def verdict_of(url: str, quote: str, tmp_path, limits: Limits = LIMITS):
    """The verdict for one quote in one page, with the seconds and peak bytes it took."""
    st = SimpleNamespace(id="a-statement", quote=quote, sources=["a-source"])
    src = SimpleNamespace(id="a-source", archive=None, url=url, copy_=None)
    out: list = []
    tracemalloc.start()
    began = time.monotonic()
    worker = threading.Thread(target=lambda: out.append(cli.check_source(st, src, {}, tmp_path, False, limits)))
    worker.start()
    worker.join(limits.timeout + MARGIN)
    seconds = time.monotonic() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert not worker.is_alive(), f"{url} still running after {seconds:.1f} s"
    assert peak < MEMORY, f"{url} took {peak / 1e6:.1f} MB"
    return out[0].verdict, seconds, peak


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("the plan would begin on Monday", id="verbatim"),
        pytest.param('"We\'re ready," she said - and the crowd cheered.', id="curly-against-straight-quotes"),
        pytest.param("the talks were difficult … an agreement was close", id="ellipsis-gap"),
        pytest.param("We will not give up. We will keep going.", id="split-across-two-paragraphs"),
    ],
)
def test_a_quote_the_page_prints_is_verbatim(server, tmp_path, quote):
    assert verdict_of(server + "/article", quote, tmp_path)[0].kind == "verbatim"


def test_one_word_changed_differs_with_the_passage_and_the_word(server, tmp_path):
    v = verdict_of(server + "/article", "the plan would start on Monday", tmp_path)[0]
    assert v.kind == "differs"
    assert "[-start-] {+begin+}" in v.diff
    assert v.passage.startswith("the plan would begin on Monday")


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("completely different words about fishing boats", id="other-words"),
        pytest.param("an agreement was close … the talks were difficult", id="ellipsis-parts-out-of-order"),
        pytest.param("The Plan Would Begin On Monday", id="case-counts"),
        pytest.param("plan would begin on Mon", id="whole-words-only"),
    ],
)
def test_words_the_page_does_not_print_are_not_verbatim(server, tmp_path, quote):
    assert verdict_of(server + "/article", quote, tmp_path)[0].kind in ("not found", "differs")


def test_words_nowhere_near_the_page_are_not_found(server, tmp_path):
    assert verdict_of(server + "/article", "completely different words about fishing boats", tmp_path)[0].kind == (
        "not found"
    )


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing", "HTTP 404"),
        ("/stall", "timed out after 2 s"),
        ("/huge", "too large (more than 5,000,000 bytes)"),
        ("/huge-declared", "too large (50,000,000 bytes; the limit is 5,000,000)"),
        ("/loop-a", "redirect loop"),
        ("/ftp", "redirected to a ftp address, not http(s)"),
        ("/file", "redirected to a file address, not http(s)"),
        ("/hop0", "more than 5 redirects"),
        ("/bomb", "too large (more than 5,000,000 bytes) once decompressed"),
        ("/report.pdf", "not HTML (application/pdf)"),
        ("/app", "the page needs JavaScript to show its text"),
    ],
)
def test_a_page_that_cannot_be_read_says_why_in_bounded_time_and_memory(server, tmp_path, path, reason):
    v, seconds, peak = verdict_of(server + path, "the plan would begin on Monday", tmp_path)
    assert (v.kind, v.reason) == ("unreadable", reason)
    print(f"{path}: {seconds:.2f} s, peak {peak / 1e6:.1f} MB")  # the measurement, with -s


def test_an_address_that_is_not_http_is_never_fetched(tmp_path):
    v = verdict_of("ftp://127.0.0.1/article", "words", tmp_path)[0]
    assert (v.kind, v.reason) == ("unreadable", "not an http(s) address: ftp://127.0.0.1/article")


def test_a_page_read_once_comes_from_the_cache_until_refresh(tmp_path):
    routes = {"/a": w.page(w.html_page("The first version of the page."))}
    with w.serve_routes(routes) as base:
        assert b"first version" in fetch(base + "/a", tmp_path).body
        routes["/a"] = w.page(w.html_page("The second version of the page."))
        assert b"first version" in fetch(base + "/a", tmp_path).body
        assert b"second version" in fetch(base + "/a", tmp_path, refresh=True).body
    assert b"second version" in fetch(base + "/a", tmp_path).body, "read from the cache, with the server gone"
