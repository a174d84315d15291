"""Checks of a built site that any build must pass, shared by the tests.

Each function takes the site folder and returns a list of human-readable
failures (empty when all is well), so a test can assert `== []` and show
every failure at once.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

FETCHING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
    "input": "src",
    "track": "src",
}


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page, keyed by its path inside the site."""
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
    }


def content(soup: BeautifulSoup):
    """The page's own content, without the theme's header, navigation and footer."""
    return soup.select_one("article.md-content__inner") or soup


def _target(site: Path, page: str, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    path = unquote(parts.path)
    base = "" if path.startswith("/") else posixpath.dirname(page)  # 404.html links from the site root
    rel = posixpath.normpath(posixpath.join(base, path.lstrip("/"))) if path else page
    target = site / rel
    if target.is_dir():
        target = target / "index.html"
    return (target if target.is_file() else None), parts.fragment


def internal_links(site: Path, soups: dict) -> list[str]:
    """Every internal link leads to an existing page and, if it has one, an existing #anchor."""
    ids = {
        name: {el["id"] for el in s.select("[id]")} | {el["name"] for el in s.select("a[name]")}
        for name, s in soups.items()
    }
    failures = []
    for name, soup in soups.items():
        for a in soup.select("a[href]"):
            href = a["href"]
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target, fragment = _target(site, name, href)
            if target is None:
                failures.append(f"{name}: link to missing page {href!r}")
                continue
            key = target.relative_to(site).as_posix()
            if fragment and key.endswith(".html") and unquote(fragment) not in ids.get(key, set()):
                failures.append(f"{name}: link to missing anchor {href!r}")
    return failures


def unique_ids(soups: dict) -> list[str]:
    """No `id` is used twice on a page: a link to it would land on whichever comes first."""
    failures = []
    for name, soup in soups.items():
        seen: dict[str, int] = {}
        for el in soup.select("[id]"):
            seen[el["id"]] = seen.get(el["id"], 0) + 1
        failures += [f"{name}: id {i!r} is used {n} times" for i, n in seen.items() if n > 1]
    return failures


def external_links(soups: dict) -> list[str]:
    """External links are http(s) only and tell the browser not to pass the reader on."""
    failures = []
    for name, soup in soups.items():
        for el in soup.select("[href], [src], [action], [formaction], [data]"):
            for attr in ("href", "src", "action", "formaction", "data"):
                value = el.get(attr)
                if not isinstance(value, str):
                    continue
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme not in ("", "http", "https"):
                    failures.append(f"{name}: {el.name}[{attr}] uses the scheme {scheme!r}: {value[:60]!r}")
        for a in content(soup).select("a[href^='http://'], a[href^='https://']"):
            rel = set(a.get("rel") or [])
            if not {"noopener", "noreferrer"} <= rel:
                failures.append(f"{name}: external link {a['href'][:60]!r} lacks rel=noopener noreferrer")
    return failures


def third_party_fetches(site: Path, soups: dict) -> list[str]:
    """Nothing is loaded from another host: no CDN, no web fonts, no analytics."""
    failures = []
    for name, soup in soups.items():
        for tag, attr in FETCHING.items():
            for el in soup.find_all(tag):
                value = el.get(attr)
                if tag == "link" and not set(el.get("rel") or []) & {
                    "stylesheet",
                    "icon",
                    "preload",
                    "modulepreload",
                    "manifest",
                    "prefetch",
                    "preconnect",
                    "dns-prefetch",
                }:
                    continue
                if value and (urlsplit(value).netloc or value.startswith("//")):
                    failures.append(f"{name}: <{tag}> loads {value!r} from another host")
        for style in soup.find_all(style=True):
            if re.search(r"url\(\s*['\"]?(https?:)?//", style["style"]):
                failures.append(f"{name}: inline style loads from another host")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        if re.search(r"(@import|url\()\s*['\"]?(https?:)?//", text):
            failures.append(f"{css.relative_to(site)}: stylesheet loads from another host")
    return failures


def times(soups: dict) -> list[str]:
    """Every <time datetime> holds a valid ISO date or date-time."""
    failures = []
    for name, soup in soups.items():
        for t in soup.select("time"):
            value = t.get("datetime")
            if value is None:
                failures.append(f"{name}: <time> without datetime: {t.get_text()!r}")
                continue
            try:
                if re.fullmatch(r"\d{4}(-\d{2})?", value):
                    continue
                if "T" in value:
                    datetime.fromisoformat(value.replace("Z", "+00:00"))
                    if not re.search(r"(Z|[+-]\d{2}:\d{2})$", value):
                        failures.append(f"{name}: <time datetime={value!r}> has no time zone")
                else:
                    date.fromisoformat(value)
            except ValueError:
                failures.append(f"{name}: <time datetime={value!r}> is not an ISO date")
    return failures


def citations(soups: dict) -> list[str]:
    """Each marker points at a reference on its page; each reference points back to every use."""
    failures = []
    for name, soup in soups.items():
        ids = {el["id"] for el in soup.select("[id]")}
        markers = soup.select("sup.cite a")
        for m in markers:
            ref = soup.find(id=m["href"].lstrip("#"))
            if ref is None or ref.name != "li":
                failures.append(f"{name}: citation {m.get('id')} points at missing {m['href']}")
            elif f"#{m['id']}" not in [a["href"] for a in ref.select(".backlinks a")]:
                failures.append(f"{name}: reference {m['href']} does not link back to {m['id']}")
        for back in soup.select(".reference-list .backlinks a"):
            if back["href"].lstrip("#") not in ids:
                failures.append(f"{name}: back-link {back['href']} goes nowhere")
        firsts = []
        for m in markers:
            n = int(m.get_text().strip("[]"))
            if n not in firsts:
                firsts.append(n)
        if firsts != list(range(1, len(firsts) + 1)):
            failures.append(f"{name}: citations are not numbered in order of first use: {firsts}")
        numbers = [int(li["value"]) for li in soup.select(".reference-list > li")]
        if numbers != list(range(1, len(numbers) + 1)) or len(numbers) != len(firsts):
            failures.append(f"{name}: reference list numbers {numbers} do not match the citations")
    return failures


# Tags no text from the data may ever become; the filter forms are the templates' own.
BANNED_TAGS = {"script", "style", "iframe", "object", "embed", "img", "base", "meta", "link", "frame", "form"}
# The hostile-text tests write these into the data: a link to this host, this id or this class can only
# have come from the data read as Markdown or as an attribute list (`{: #PWN .pwn }`). The id is in
# capitals because a heading's own id, its slug, is always lowercase: a title "{#pwn}" gets id "pwn".
FOREIGN_HOST = "evil.example"
INJECTED_ID, INJECTED_CLASS = "PWN", "pwn"


def live_markup(html: str) -> list[str]:
    """Anything in a page's content that would run, load, link outside http(s) or to the foreign host,
    or carry the id or class an attribute list in the data (`{: #PWN .pwn }`) would set."""
    found = []
    for el in BeautifulSoup(html, "html.parser").find_all(True):
        ours = el.name == "form" and (el.has_attr("data-timeline-filters") or el.has_attr("data-sources-filter"))
        if el.name in BANNED_TAGS and not ours:
            found.append(f"<{el.name}>")
        for attr, value in el.attrs.items():
            words = value if isinstance(value, list) else [value]  # bs4 splits class into words
            value = " ".join(words)
            if attr.lower().startswith("on"):
                found.append(f"{el.name}[{attr}]")
            if (attr.lower() == "id" and INJECTED_ID in words) or (attr.lower() == "class" and INJECTED_CLASS in words):
                found.append(f"{el.name}[{attr}]={value!r}")
            if attr.lower() in ("href", "src", "action", "xlink:href", "formaction", "data"):
                parts = urlsplit(re.sub(r"[\x00-\x20]", "", value))
                if parts.scheme.lower() not in ("", "http", "https") or FOREIGN_HOST in parts.netloc.lower():
                    found.append(f"{el.name}[{attr}]={value!r}")
    return found
