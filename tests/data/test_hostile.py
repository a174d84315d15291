"""Hostile text stays text.

Generated strings (markup, template syntax, Markdown, odd Unicode) go into
every text field and the URL fields of a valid dataset; every page is then
rendered through the site's own code path (tests/support/render.py) and must
show each string exactly as written, with no live markup and no link outside
http(s). A few real `mkdocs build` runs with hostile data sit on top.

Examples per test: 300 in CI (each example fills every text field at once, so
every field gets 300 strings); `HYPOTHESIS_PROFILE=thorough` runs 3000.
"""

from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from macros.data import load
from macros.data.check import _QUOTE_MARKS as QUOTE_MARKS
from macros.data.visible import _INVISIBLE
from macros.data.webhost import host as web_host
from support import render as rh
from support import site_check
from support.project import VALID, event_data, make_project
from support.project import build as mkdocs_build

settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'",
    '"',
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "{# note #}",
    "{{",
    "}}",
    "{%",
    "%}",
    "[link](javascript:alert(1))",
    "[x](https://evil.example/)",
    "<https://evil.example/>",
    "**bold**",
    "_em_",
    "`code`",
    "# Heading",
    "\n\n    indented code\n\n",
    "\n\n- item\n",
    "&amp;",
    "&lt;b&gt;",
    "&#x3C;",
    "<!-- c -->",
    "]]>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "<style>*{}</style>",
    "${x}",
    "\\",
    "*",
    "|a|b|\n|-|-|",
    "---",
    "> quote",
    "1. one",
    '<div markdown="1">*x*</div>',
    "{: onclick=alert(1) }",
    "{: #PWN .pwn onclick=alert(1) }",
    " {#PWN}",
    "![](https://evil.example/x.png)",
    "[x]: https://evil.example/",
    "C#",
    "snake_case_name",
    "\\*not em\\*",
    "1. one",
    "- item",
    "+ item",
    "===",
    "[^1]",
    ":smile:",
    "~~del~~",
    "<<x>>",
    "\t",
    "\u2028",
    "ъ",
    "😀",
    "&",
]
# Characters an editor may write; the invisible ones (Cf and the rest) have their own test below.
SAFE_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn"), exclude_characters="".join(map(chr, _INVISIBLE))
)
TEXT = (
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(SAFE_CHARS, max_size=12)), min_size=1, max_size=5)
    .map("".join)
    .filter(lambda s: s.strip() and len(s) <= 300)
)

# Every text field of the dataset, as (file, path to the field).
TEXT_FIELDS = [
    ("event", ("event", "title")),  # printed into Markdown: `# {{ title() }}` and {{ title() }} on its own
    ("event", ("event", "place")),
    ("event", ("event", "status_note")),
    ("event", ("event", "key_facts", 0, "text")),
    ("event", ("event", "disputes", 0, "question")),
    ("event", ("event", "disputes", 0, "sides", 0, "claim")),
    ("event", ("event", "disputes", 0, "note")),
    ("event", ("event", "updates", 0, "text")),
    ("sources", ("sources", 0, "publisher")),
    ("sources", ("sources", 0, "title")),
    ("sources", ("sources", 0, "authors", 0)),
    ("sources", ("sources", 1, "note")),
    ("sources", ("sources", 1, "copy", "publisher")),
    ("actors", ("actors", 0, "name")),
    ("actors", ("actors", 0, "role")),
    ("actors", ("actors", 1, "country")),
    ("actors", ("actors", 0, "description")),
    ("statements", ("statements", 0, "quote")),
    ("statements", ("statements", 0, "venue_detail")),
    ("statements", ("statements", 0, "original_text")),
    ("statements", ("statements", 0, "context")),
    ("statements", ("statements", 1, "paraphrase")),
    ("timeline", ("timeline", 0, "title")),
    ("timeline", ("timeline", 0, "description")),
]
URL_FIELDS = [
    ("sources", ("sources", 0, "url")),
    ("sources", ("sources", 1, "copy", "url")),
    ("sources", ("sources", 0, "archive", "url")),
]
ARCHIVE_HOSTS = {
    "web.archive.org",
    "archive.ph",
    "archive.today",
    "archive.is",
    "archive.li",
    "archive.md",
    "archive.vn",
}
HOSTILE_URLS = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JavaScript:alert(1)",
    "\tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    "https://ok.example/<script>alert(1)</script>",
    'https://ok.example/"onmouseover="alert(1)',
    "https://ok.example/?q=<b>&x='",
    "java\nscript:alert(1)",
    "https://ok.example/[x](javascript:alert(1))",
    "http://ok.example/{{ 7*7 }}",
    # Read differently by browsers and by Python's urlsplit:
    "https://evil.example\\@archive.ph/x",
    "https://evil.example\\@web.archive.org/web/20210504/x",
    "https:\\\\evil.example/x",
    "https://archive.ph@evil.example/x",
    "https://archive.ph%2F@evil.example/",
    "https://ok.example/a b",
    "https://ok.example/\u00a0x",
    "https://ok.example/\x1b[2J",
    "https://ok.example/\u3000",
    "https://" + "a" * 1990 + ".example/",
    "https:///evil.example/x",
    "https://archive.ph/x",
    "https://web.archive.org/web/20210504120000/https://ok.example/",
]
URLS = st.one_of(
    st.sampled_from(HOSTILE_URLS),
    st.text(SAFE_CHARS, min_size=1, max_size=30),
    st.text(SAFE_CHARS, max_size=20).map(lambda s: "https://ok.example/" + s),
)


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _base():
    data = event_data(VALID)
    data["statements"]["statements"][0].update(translated_from="ru", original_text="x", venue_detail="x")
    data["event"]["event"]["status_note"] = "x"
    data["event"]["event"]["disputes"][0]["note"] = "x"
    return data


def page_texts(pages: dict[str, str]) -> str:
    return " ".join(" ".join(BeautifulSoup(h, "html.parser").get_text().split()) for h in pages.values())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def _macros_inside_markdown(project, inline: bool) -> None:
    """The title as the explainer's heading and alone on a line; with `inline`, every other macro in
    the middle of a paragraph too, where Markdown reads what lies between HTML tags."""
    for page in (project / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        if page.name == "index.md":
            text = re.sub(r"^# .*$", "# {{ title() }}\n\n{{ title() }}\n", text, count=1, flags=re.M)
        if inline:
            text = re.sub(r"^(\{\{ \w+\(\) \}\})$", r"Here: \1 and on.", text, flags=re.M)
        page.write_text(text, encoding="utf-8")


@given(values=st.lists(TEXT, min_size=len(TEXT_FIELDS), max_size=len(TEXT_FIELDS)), inline=st.booleans())
def test_text_fields_render_as_text(workdir, values, inline):
    data = _base()
    for (stem, path), value in zip(TEXT_FIELDS, values, strict=True):
        # A paraphrase wrapped in quotation marks is refused on purpose (its own corpus case).
        quoted = len(value.strip()) > 1 and value.strip()[0] in QUOTE_MARKS and value.strip()[-1] in QUOTE_MARKS
        assume(not (path[-1] == "paraphrase" and quoted))
        _set(data[stem], path, value)
    project = make_project(workdir / "p", VALID, data=data, code=False)
    _macros_inside_markdown(project, inline)
    pages = rh.render_project(project)
    for name, html in pages.items():
        assert site_check.live_markup(html) == [], name
    shown = page_texts(pages)
    for (_stem, path), value in zip(TEXT_FIELDS, values, strict=True):
        # Shown exactly as written: not evaluated as a template, not formatted as Markdown, not markup.
        assert " ".join(value.split()) in shown, (path, value)


@given(url=URLS, which=st.sampled_from(URL_FIELDS))
def test_urls_are_http_or_refused(workdir, url, which):
    data = _base()
    stem, path = which
    _set(data[stem], path, url)
    project = make_project(workdir / "u", VALID, data=data, code=False)
    try:
        pages = rh.render_project(project)
    except PluginError as err:  # what MkDocs reports, without a traceback
        where = r"^data/sources\.yml:\d+:\d+: sources\[\d\]\.(copy\.|archive\.)?url: "
        assert re.search(where, str(err), re.M), str(err)
        assert "Traceback" not in str(err) and "\x1b" not in str(err)
        return
    assert url.startswith(("https://", "http://")), f"accepted {url!r}"
    # Accepted only when a browser reads it as Python does: no backslash, space or control character.
    assert not re.search(r"[\\\s\x00-\x1f\x7f]", url) and len(url) <= 2000, f"accepted {url!r}"
    if "archive" in path:
        assert web_host(url) in ARCHIVE_HOSTS, f"labelled an archived copy: {url!r}"
    for name, html in pages.items():
        assert site_check.live_markup(html) == [], name
    hrefs = [a["href"] for h in pages.values() for a in BeautifulSoup(h, "html.parser").select("a[href]")]
    assert url in hrefs


@pytest.mark.parametrize(
    "url, host",
    [
        ("https://evil.example\\@archive.ph/x", "evil.example"),
        ("https://archive.ph@evil.example/", "evil.example"),
        ("https://user:pw@ARCHIVE.PH:443/x", "archive.ph"),
        ("https:///\\evil.example/", "evil.example"),
        ("https://%61rchive.ph/", "archive.ph"),
        ("https://ａｒｃｈｉｖｅ．ｐｈ/", "archive.ph"),
        ("https://archive.ph./x", "archive.ph"),
        ("https://0x7f.1/", "127.0.0.1"),
        ("https://[::1]:80/", "[::1]"),
        ("https://example.org?x@y", "example.org"),
        ("https://a.example#@b.example", "a.example"),
        ("https://[::1/", None),
        ("https://x.example:99999/", None),
        ("https://archive.ph%2fevil/", None),
        ("https://1.2.3.256/", None),
        ("http://", None),
        ("ftp://x.example/", None),
    ],
)
def test_the_host_is_the_one_a_browser_opens(url, host):
    """WHATWG URL parsing, as Chromium and Firefox do it, for the hosts the checks compare."""
    assert web_host(url) == host


INVISIBLE_CHARS = st.one_of(
    st.characters(categories=("Cf", "Co", "Cs")),
    st.sampled_from("\u3164\u115f\u1160\uffa0"),
    st.integers(0xE0001, 0xE007F).map(chr),
)


@given(before=st.text(SAFE_CHARS, max_size=8), char=INVISIBLE_CHARS, after=st.text(SAFE_CHARS, max_size=8))
def test_invisible_characters_are_refused_wherever_they_are(workdir, before, char, after):
    """Any invisible character, written as an escape, is reported at its field and never shown raw."""
    text = before + char + after
    escaped = "".join(
        c if c.isalnum() or c == " " else f"\\U{ord(c):08x}" if ord(c) > 0xFFFF else f"\\u{ord(c):04x}" for c in text
    )
    path = workdir / "inv.yml"
    path.write_text(f'name: "{escaped}"\n', encoding="utf-8")
    loaded = load.read(path, "data/f.yml")
    (problem,) = [p for p in loaded.problems]
    assert problem.field == "name" and problem.line == 1
    assert re.search(r"contains (an invisible|a broken|a private-use)", problem.message), problem.message
    shown = problem.format() + problem.annotation()
    assert shown.isprintable() or set(shown) - set(map(chr, range(32, 127))) <= set("\n" + before + after)


HOSTILE_BUILD = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "{{ config.site_name }}",
    "[click](javascript:alert(1))",
    "**not bold**",
    "Title [x](javascript:alert(1)) ![](https://evil.example/x.png) {: #PWN onclick=alert(1) }",
]


@pytest.mark.parametrize("hostile", HOSTILE_BUILD)
def test_real_build_with_hostile_data(tmp_path, hostile):
    """The whole theme too: page titles, meta descriptions, the search index."""
    data = _base()
    for stem, path in TEXT_FIELDS:
        _set(data[stem], path, hostile)
    project = make_project(tmp_path / "p", VALID, data=data)  # with the real config, code and theme
    _macros_inside_markdown(project, inline=False)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    soups = site_check.pages(tmp_path / "site")
    assert site_check.external_links(soups) == []
    for name, soup in soups.items():
        raw = str(soup)
        if "<" in hostile:
            assert hostile not in raw, f"{name} holds the markup unescaped"
        for el in soup.find_all(True):
            assert not [a for a in el.attrs if a.lower().startswith("on")], f"{name}: {el.name} {el.attrs}"
        assert not soup.select("img[src=x]"), name
        assert site_check.live_markup(str(site_check.content(soup))) == [], name
    index = (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "<img src=x" not in index, "the search index holds text, not tags"
    home = site_check.content(soups["index.html"]).get_text(" ")
    assert " ".join(hostile.split()) in " ".join(home.split()), "shown exactly, as text"
