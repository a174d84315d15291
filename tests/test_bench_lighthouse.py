"""`make lighthouse` (bench/lighthouse.py) serves the site as GitHub Pages does: gzipped when the browser
accepts it, so Lighthouse weighs the bytes a reader downloads. No Lighthouse run here: the score is a
measurement, never a test."""

from __future__ import annotations

import gzip
import urllib.request

from bench import lighthouse


def _get(url: str, gz: bool) -> tuple[str | None, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_the_site_is_served_gzipped_to_browsers_that_accept_it(tmp_path):
    page = "<!doctype html><title>Ünïcode</title>" + "<p>text</p>" * 200
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "timeline").mkdir()
    (tmp_path / "timeline" / "index.html").write_text(page, encoding="utf-8")
    with lighthouse.served(tmp_path) as url:
        for address in (url, url + "index.html", url + "timeline/"):
            encoding, body = _get(address, gz=True)
            assert encoding == "gzip" and len(body) < len(page) and gzip.decompress(body).decode() == page
        assert _get(url, gz=False) == (None, page.encode())


def test_every_page_is_measured_the_404_page_included(tmp_path):
    for folder in ("", "timeline/", "sources/", "assets/"):
        (tmp_path / folder).mkdir(exist_ok=True)
        if folder != "assets/":
            (tmp_path / folder / "index.html").write_text("<p>page</p>", encoding="utf-8")
    assert lighthouse.pages(tmp_path) == ["", "sources/", "timeline/", "404.html"]
