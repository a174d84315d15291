"""The built sample: each quote's reference opens its source at the quoted words, and no other link
carries a text fragment. Expectations come from the sample's data, never from its wording."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from macros.pages.site import Explainer
from support.project import event_dir
from support.site_check import pages

FRAGMENT = ":~:text="


@pytest.fixture(scope="module")
def soups(built_site):
    return pages(built_site)


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def test_only_quote_links_in_reference_lists_carry_a_text_fragment(soups):
    carrying = [(page, a) for page, soup in soups.items() for a in soup.select("a[href]") if FRAGMENT in a["href"]]
    assert carrying, "the sample's quotes have no links to their words"
    stray = [(page, a["href"]) for page, a in carrying if not a.find_parent(class_="quoted-at")]
    assert stray == []
    assert [a["href"] for a in soups["sources/index.html"].select("a[href]") if FRAGMENT in a["href"]] == []


def test_each_quote_in_its_sources_words_links_to_its_first_and_last_words(soups):
    ex = Explainer.load(event_dir("sample"))
    refs = soups["statements/index.html"].select(".reference-list > li")
    by_source = {li["id"].removeprefix("ref-"): li for li in refs}
    for st in ex.data.statements.values():
        for sid in st.sources:
            src = ex.data.sources[sid]
            page = src.url or (src.copy_.url if src.copy_ else None)
            own_words = st.quote is not None and (
                not st.translated_from or st.translated_from.split("-")[0] != src.language.split("-")[0]
            )
            # Each link is labelled with its quote's first words.
            links = [
                a["href"] for a in by_source[sid].select("a.quote-link") if words(a.get_text()) in words(st.quote or "")
            ]
            if not (own_words and page):
                assert links == [], f"{st.id} in {sid}"
                continue
            assert links, f"{st.id} has no link to its words in {sid}"
            base, _, directive = links[0].partition("#" + FRAGMENT)
            assert base == page
            terms = [unquote(t) for t in directive.split(",")]
            first = words(re.split(r"…|\.\.\.|\n", st.quote)[0])
            assert first.startswith(words(terms[0])), (st.id, terms)
            assert len(terms) == 1 or first.endswith(words(terms[1])), (st.id, terms)
