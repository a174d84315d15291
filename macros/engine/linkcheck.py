"""Every internal link and #anchor of the built site resolves (an MkDocs hook).

Registered under `hooks:` in mkdocs.yml. Each page's final HTML (theme and
raw HTML from the data included) is parsed once with lxml, the C parser,
to collect its ids and its links; after the build, every link that stays on
the site must name a page or a file the build wrote, and every #anchor an
element of that page. External addresses are checked by `make linkcheck`.
A broken link fails the build with the page and the link named.

Two more checks make sure nothing goes missing without a word, at any size:
- a page lxml cannot read to its end fails the build with libxml2's reason
  (its default limits once cut a 64 MB page at a 15 MB JSON-LD script, and
  the check then saw a page without ids; `huge_tree` lifts those limits);
- every record has its anchor on the page that `Explainer.holder` says holds
  it, so a record that did not render is named, not just the links to it.
"""

from __future__ import annotations

import difflib
import hashlib
import posixpath
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree  # type: ignore[import-untyped]  # no stubs in the lock
from mkdocs.exceptions import PluginError

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:  # loaded by MkDocs from its path, as hooks.py is
    sys.path.insert(0, _ROOT)
_PARSER = etree.HTMLParser(encoding="utf-8", huge_tree=True)
# Attributes holding addresses; `xlink:href` is how SVG marks link.
_LINKS = etree.XPath('//@*[name()="href" or name()="src" or name()="xlink:href"]')
_IDS = etree.XPath("//@id | //a/@name")


class _Site:
    def __init__(self):
        self.files: set[str] = set()  # every path the build writes, relative to the site root
        self.ids: dict[str, set[str]] = {}  # page path -> its ids
        self.links: dict[str, tuple[str, list[str]]] = {}  # page path -> (its source, its links)
        self.unread: list[str] = []  # pages lxml could not read to the end, with why


_site = _Site()
# Each page's ids and links from the last build, by a digest of its HTML: under `mkdocs serve` this
# module lives on between rebuilds, and a page that came out the same is not parsed again.
_scanned: dict[bytes, tuple[set[str], list[str]]] = {}
_last_scanned: dict[bytes, tuple[set[str], list[str]]] = {}


class Unreadable(Exception):
    """lxml gave up on a page part-way (its HTML parser recovers from anything else)."""


def scan(text: str) -> tuple[set[str], list[str]]:
    """A page's ids and the addresses it links to; Unreadable if the parser stopped before the end."""
    root = etree.fromstring(text.encode("utf-8"), _PARSER)
    fatal = [e for e in _PARSER.error_log if e.level == etree.ErrorLevels.FATAL]
    if fatal:
        raise Unreadable(f"line {fatal[0].line}: {fatal[0].message}")
    if root is None:  # an empty page
        return set(), []
    return {str(v) for v in _IDS(root)}, [str(v) for v in _LINKS(root)]


def on_pre_build(config) -> None:
    global _site, _scanned, _last_scanned
    _site = _Site()  # a fresh record on every rebuild under `mkdocs serve`
    _scanned, _last_scanned = {}, _scanned  # only the last build's pages are kept


def _scan_once(text: str) -> tuple[set[str], list[str]]:
    """`scan`, or what it found in the last build's page with the very same HTML."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    found = _last_scanned.get(key) or scan(text)
    _scanned[key] = found
    return set(found[0]), list(found[1])


def on_files(files, config):
    _site.files.update(f.dest_uri for f in files)
    return files


def on_post_page(output: str, page, config) -> str:
    dest = page.file.dest_uri
    docs = Path(config["docs_dir"])
    root = Path(config["config_file_path"] or ".").parent
    label = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.name
    source = f"{label}/{page.file.src_uri}" if page.file.abs_src_path else f"the generated page {page.file.src_uri}"
    try:
        ids, links = _scan_once(output)
    except Unreadable as err:
        ids, links = set(), []
        _site.unread.append(
            f"{source}: the built page '{dest}' could not be read to check its links ({err})\n"
            "  hint: this is a bug in the generator, not in your files; please report it with this message"
        )
    _site.ids[dest] = ids
    _site.links[dest] = (source, links)
    return output


def target(page_dest: str, href: str) -> tuple[str, str] | None:
    """The site path and anchor a link names, or None when it leaves the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page_dest, anchor
    base = "" if path.startswith("/") else posixpath.dirname(page_dest)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if path.endswith("/") or joined == ".":
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined, anchor


def problems(site_dir: Path) -> list[str]:
    written = _site.files | {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    out = list(_site.unread)
    for dest, (source, links) in _site.links.items():
        for href in dict.fromkeys(links):
            found = target(dest, href)
            if found is None:
                continue
            path, anchor = found
            if path not in written and posixpath.join(path, "index.html") in written:
                path = posixpath.join(path, "index.html")  # `timeline` for `timeline/`
            if path not in written:
                out.append(
                    f"{source}: the link '{href}' leads to '{path}', which the site does not have\n"
                    f"  hint: {_did_you_mean(path, written)}link to a page by its file name "
                    "(actors.md) or to a file the site publishes"
                )
            elif anchor and anchor not in _ids_of(site_dir, path):
                out.append(
                    f"{source}: the link '{href}' leads to '#{anchor}', which is not on '{path}'\n"
                    f"  hint: {_did_you_mean(anchor, _ids_of(site_dir, path))}check the part after # "
                    "against the record's id (s-… statements, t-… timeline entries, a-… actors, "
                    "src-… sources) or the heading"
                )
    return out


def _did_you_mean(wrong: str, known) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? " if close else ""


def _ids_of(site_dir: Path, path: str) -> set[str]:
    if path not in _site.ids:  # a file written without a page, like 404.html
        is_html = path.endswith((".html", ".htm")) and (site_dir / path).is_file()
        _site.ids[path] = scan((site_dir / path).read_text(encoding="utf-8"))[0] if is_html else set()
    return _site.ids[path]


def missing_records(expected: dict[str, list[str]]) -> list[str]:
    """Pages (by path in the site) that lack the anchor of a record they should hold."""
    out = []
    for dest, anchors in expected.items():
        ids = _site.ids.get(dest, set())
        lost = [a for a in anchors if a not in ids]
        if lost:
            shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
            out.append(
                f"{dest}: {len(lost)} of its {len(anchors)} records are not on the built page ({shown})\n"
                "  hint: this is a bug in the generator, not in your files; please report it with this message"
            )
    return out


def on_post_build(config) -> None:
    from macros.engine.outputs import record_anchors

    macros = config.plugins.get("macros")
    state = macros.variables.get("_explainer_state") if macros else None
    if getattr(state, "problems", None):  # the preview shows the problem list in place of every page
        return
    explainer = getattr(state, "explainer", None)
    lost = missing_records(record_anchors(explainer)) if explainer is not None else []
    found = lost + problems(Path(config["site_dir"]))
    if found:
        count = f"{len(found)} broken link{'s' if len(found) != 1 else ''}"
        raise PluginError("\n" + "\n".join(found) + f"\n{count} in the built pages.")
