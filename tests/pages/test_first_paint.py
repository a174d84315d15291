"""What the first paint of every built page waits for (issue 19: Lighthouse Performance): the stylesheets and
nothing else. No script is loaded in <head>; the page is marked as having JavaScript there, so the scripts at the
end of <body> move nothing when they run; and the downloads are announced in a form Material's bundle does not
take for language versions, each of which it would fetch sitemap.xml for."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from macros.engine.outputs import OUTPUTS

EARLY_JS = 'document.documentElement.classList.replace("no-js", "js")'


def _pages(site):
    return sorted(site.rglob("*.html"))


def test_head_loads_no_script_and_marks_javascript_before_the_stylesheets_apply(built_site):
    for path in _pages(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.head.select("script[src]") == [], f"{path}: a script in <head> holds the first paint"
        assert EARLY_JS in [s.get_text() for s in soup.head.select("script") if not s.get("type")], path
        assert soup.body.select("script[src]"), f"{path}: Material's bundle and ours stay at the end of <body>"


def test_downloads_are_announced_without_an_exact_alternate_rel(built_site):
    for path in _pages(built_site):
        html = path.read_text(encoding="utf-8")
        head = BeautifulSoup(html, "html.parser").head
        links = [a for a in head.select("link[href]") if "alternate" in (a.get("rel") or [])]
        if path.name != "404.html":  # the 404 page announces nothing
            assert len(links) == len(OUTPUTS), path  # rel is split into tokens, as feed readers and crawlers read it
        # Material's bundle fetches sitemap.xml beside every link[rel=alternate], the attribute's exact value.
        assert not re.search(r"<link\s[^>]*\brel=(\"alternate\"|'alternate'|alternate[\s/>])", html), path
