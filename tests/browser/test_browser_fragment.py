"""In Chromium, a quote's link in the reference list opens a long page scrolled to the quoted words.

The link is the one the site renders (the sample's reference list, with one source moved to a local
page); the reader's click on it is a real click, as text fragments need a user's gesture.
"""

from __future__ import annotations

import pytest

from macros.pages import fragment
from macros.pages.site import Explainer
from support import webpages as w
from support.browser import load
from support.project import event_data, make_project, write_data


@pytest.mark.browser
def test_a_quotes_reference_link_scrolls_a_long_page_to_the_words(open_context, tmp_path):
    routes: dict = {}
    with w.serve_routes(routes) as base:
        project = make_project(tmp_path / "project", "sample", code=False)
        data = event_data(project)
        sources = {s["id"]: s for s in data["sources"]["sources"]}
        ex = Explainer.load(project)
        st, sid = next(
            (st, s)
            for st in ex.data.statements.values()
            for s in st.sources
            if fragment.for_quote(st, ex.data.sources[s])
        )
        sources[sid]["url"] = f"{base}/article"
        sources[sid].pop("copy", None)
        write_data(project, "sources", data["sources"])
        view = Explainer.load(project).page("statements.md")
        view.block("statements")  # numbers the citations, as the page does
        routes["/references"] = w.page(f"<!doctype html><meta charset='utf-8'>{view.references()}".encode())
        body = w.html_page(st.quote, filler=200).replace(b"<p>", b"<p class='para'>")
        routes["/article"] = w.page(body)
        routes["/favicon.ico"] = w.page(b"", status=204, content_type="image/x-icon")

        page, log = load(open_context(), f"{base}/references")
        link = page.locator(f"#ref-{sid} a.quote-link").filter(has_text=st.quote.split()[0]).first
        assert fragment.with_fragment(f"{base}/article", "text=") in link.get_attribute("href")
        link.click()
        page.wait_for_url(f"{base}/article*")
        page.wait_for_function("() => window.scrollY > 0", timeout=10_000)
        shown = page.evaluate(
            """(words) => {
                const p = [...document.querySelectorAll('p.para')].find(p => p.textContent.includes(words));
                const r = p.getBoundingClientRect();
                return r.bottom > 0 && r.top < window.innerHeight;
            }""",
            " ".join(st.quote.split("…")[0].split()[:3]),
        )
        assert shown, "the quoted paragraph is not on screen"
        assert log.errors == []
