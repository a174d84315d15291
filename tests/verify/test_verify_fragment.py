"""Text fragments: the encoder against the WICG spec's own examples, the words chosen from a quote,
and which quotes and links get one."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import unquote

import pytest

from macros.pages import fragment as f

# "URL Fragment Text Directives" (https://wicg.github.io/scroll-to-text-fragment/), section 3.3, Syntax.
SPEC_EXAMPLES = [
    ("#:~:text=an%20example%20text%20fragment", {"start": "an example text fragment"}),
    ("#:~:text=an%20example,text%20fragment", {"start": "an example", "end": "text fragment"}),
    (
        "#:~:text=this%20is-,an%20example,-text%20fragment",
        {"prefix": "this is", "start": "an example", "suffix": "text fragment"},
    ),
    # BiDi considerations: Egypt preceded by Bahrain, in Arabic, each term UTF-8 percent-encoded.
    (
        "#:~:text=%D8%A7%D9%84%D8%A8%D8%AD%D8%B1%D9%8A%D9%86-,%D9%85%D8%B5%D8%B1",
        {"prefix": unquote("%D8%A7%D9%84%D8%A8%D8%AD%D8%B1%D9%8A%D9%86"), "start": unquote("%D9%85%D8%B5%D8%B1")},
    ),
]


def parse(fragment: str) -> dict[str, str]:
    """The spec's parsing steps: split on commas, a trailing "-" marks the prefix, a leading one the suffix,
    then percent-decode each term."""
    tokens = fragment.split(":~:text=", 1)[1].split(",")
    out = {}
    if tokens[0].endswith("-"):
        out["prefix"] = unquote(tokens.pop(0)[:-1])
    if tokens[-1].startswith("-"):
        out["suffix"] = unquote(tokens.pop()[1:])
    assert len(tokens) in (1, 2), fragment
    out["start"] = unquote(tokens[0])
    if len(tokens) == 2:
        out["end"] = unquote(tokens[1])
    return out


@pytest.mark.parametrize("written, terms", SPEC_EXAMPLES, ids=["start", "start-end", "context", "bidi"])
def test_the_encoder_writes_the_specs_examples(written, terms):
    assert "#:~:" + f.directive(**terms) == written
    assert parse(written) == terms


def test_a_fragment_follows_an_existing_anchor_as_in_the_spec():
    assert f.with_fragment("https://example.org/#test", "text=foo") == "https://example.org/#test:~:text=foo"
    assert f.with_fragment("https://example.org/a", "text=foo") == "https://example.org/a#:~:text=foo"


@pytest.mark.parametrize("term", ["well-known", "one, two", "salt & pepper", "100% sure", "a#b", "Москва – Киев"])
def test_dash_comma_and_ampersand_inside_a_term_are_encoded_and_come_back(term):
    written = f.directive(term, "end-word")
    assert not set(written.removeprefix("text=").replace(",", "", 1)) & set("-&, #")
    assert parse("#:~:" + written) == {"start": term, "end": "end-word"}


@pytest.mark.parametrize(
    "quote, expected",
    [
        pytest.param("We will not give up.", ("We will not give up", ""), id="short-quote-whole"),
        pytest.param(
            "one two three four five six seven eight nine ten eleven twelve.",
            ("one two three four five", "eight nine ten eleven twelve"),
            id="first-and-last-words",
        ),
        pytest.param(
            "“first part of it here … second part”", ("first part of it here", ""), id="ellipsis-takes-the-first-part"
        ),
        pytest.param("…after a cut, then the words", ("after a cut, then the words", ""), id="leading-ellipsis"),
        pytest.param("first paragraph words\nsecond paragraph", ("first paragraph words", ""), id="one-block"),
        pytest.param(
            "Our rules don’t change and we won’t stop the work that matters to people now",
            ("Our rules", "that matters to people now"),
            id="words-printed-two-ways-are-left-out",
        ),
    ],
)
def test_the_terms_are_whole_words_from_one_block(quote, expected):
    assert f.terms(quote) == expected


def test_a_quote_of_punctuation_alone_gets_no_fragment():
    assert f.terms("… — …") is None


def statement(**kw):
    return SimpleNamespace(**({"quote": "the words as printed here", "translated_from": None} | kw))


@pytest.mark.parametrize(
    "st, language, fragment",
    [
        pytest.param(statement(), "de", True, id="untranslated"),
        pytest.param(statement(translated_from="ru"), "en", True, id="translation-the-source-printed"),
        pytest.param(statement(translated_from="ru"), "ru", False, id="source-in-the-original-language"),
        pytest.param(statement(translated_from="pt-BR"), "pt", False, id="same-language-other-region"),
        pytest.param(statement(quote=None), "en", False, id="paraphrase"),
    ],
)
def test_only_the_sources_own_words_get_a_fragment(st, language, fragment):
    assert bool(f.for_quote(st, SimpleNamespace(language=language))) is fragment


@pytest.mark.parametrize(
    "url, opens",
    [
        ("https://example.org/news/story", True),
        ("https://example.org/report.PDF", False),
        ("https://www.youtube.com/watch?v=x", False),
        ("https://m.youtube.com/watch?v=x", False),
        (None, False),
    ],
)
def test_only_a_web_page_gets_a_fragment(url, opens):
    assert (f.at_words(url, "text=words") is not None) is opens
