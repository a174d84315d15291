"""The link check's reading side, run in a process of its own beside the build (see linkcheck.py).

Parsing every built page with lxml, and then resolving every link, was a
sixth of the build's time at 100x the sample (1.9 s of 10.5 s), all on one
core while the machine had two. So the build hands each page's HTML to this
process as the page is written, goes on making the next page, and asks for
the problems once at the end. It imports lxml and nothing of MkDocs, and
holds only ids and links: the pages' text is dropped as soon as it is read.

    python -m macros.engine.linkscan    # reads frames on stdin, answers on stdout (linkcheck.py's side)

Frames are a kind byte, a 4-byte big-endian length and the payload:
`B` a build begins; `P` a page: its path in the site, NUL, its source's
name, NUL, its HTML; `E` the build ended: JSON with the site's folder, the
files MkDocs writes and the record anchors each page must hold. The answer
to `E` is a length and a JSON list of problems, each one a message.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import posixpath
import struct
import sys
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

from lxml import etree  # type: ignore[import-untyped]  # no stubs in the lock

HEADER = struct.Struct(">cI")
BEGIN, PAGE, END = b"B", b"P", b"E"
_PARSER = etree.HTMLParser(encoding="utf-8", huge_tree=True)
# Attributes holding addresses; `xlink:href` is how SVG marks link.
_LINKS = etree.XPath('//@*[name()="href" or name()="src" or name()="xlink:href"]')
_IDS = etree.XPath("//@id | //a/@name")
_BUG = "  hint: this is a bug in the generator, not in your files; please report it with this message"


class Unreadable(Exception):
    """lxml gave up on a page part-way (its HTML parser recovers from anything else)."""


def scan(html: str | bytes) -> tuple[set[str], list[str]]:
    """A page's ids and the addresses it links to; Unreadable if the parser stopped before the end."""
    root = etree.fromstring(html.encode("utf-8") if isinstance(html, str) else html, _PARSER)
    fatal = [e for e in _PARSER.error_log if e.level == etree.ErrorLevels.FATAL]
    if fatal:
        raise Unreadable(f"line {fatal[0].line}: {fatal[0].message}")
    if root is None:  # an empty page
        return set(), []
    return {str(v) for v in _IDS(root)}, list(dict.fromkeys(str(v) for v in _LINKS(root)))  # each link once


def _on_site(href: str) -> bool:
    return href.startswith("#") or target("", href) is not None


def target(page_dest: str, href: str) -> tuple[str, str] | None:
    """The site path and anchor a link names, or None when it leaves the site."""
    if href.startswith("#"):  # most links: an anchor on the same page, read without the URL parser
        return page_dest, unquote(href[1:])
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


class Site:
    """What one build's pages hold, and what is wrong with their links once all are read."""

    def __init__(self, last: dict[bytes, tuple[set[str], list[str]]] | None = None):
        self.ids: dict[str, set[str]] = {}  # page path -> its ids
        self.links: dict[str, tuple[str, list[str]]] = {}  # page path -> (its source, its links)
        self.unread: list[str] = []  # pages lxml could not read to the end, with why
        # Each page's ids and links by a digest of its HTML: under `mkdocs serve` the process lives on
        # between rebuilds, and a page that came out the same as in the last build is not parsed again.
        self.scanned: dict[bytes, tuple[set[str], list[str]]] = {}
        self._last = last or {}

    def next_build(self) -> Site:
        return Site(self.scanned)

    def read(self, dest: str, source: str, html: bytes) -> None:
        key = hashlib.blake2b(html, digest_size=16).digest()
        found = self._last.get(key)
        if found is None:
            try:
                ids, links = scan(html)
            except Unreadable as err:  # said in every build that makes it, so never remembered
                self.unread.append(
                    f"{source}: the built page '{dest}' could not be read to check its links ({err})\n{_BUG}"
                )
                self.ids[dest], self.links[dest] = set(), (source, [])
                return
            # Only the links that stay on the site are kept (most lead to the sources), and the same lists
            # serve the next build: nothing changes a page's ids or links once read.
            found = ids, [h for h in links if _on_site(h)]
        self.scanned[key] = found
        self.ids[dest], self.links[dest] = found[0], (source, found[1])

    def problems(self, site_dir: Path, files: set[str], expected: dict[str, list[str]]) -> list[str]:
        """Every record anchor missing from its page, every page not read to its end, every broken link."""
        return self.missing_records(expected) + self.unread + self.broken_links(site_dir, files)

    def missing_records(self, expected: dict[str, list[str]]) -> list[str]:
        """Pages (by path in the site) that lack the anchor of a record they should hold."""
        out = []
        for dest, anchors in expected.items():
            ids = self.ids.get(dest, set())
            lost = [a for a in anchors if a not in ids]
            if lost:
                shown = ", ".join(lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
                out.append(
                    f"{dest}: {len(lost)} of its {len(anchors)} records are not on the built page ({shown})\n{_BUG}"
                )
        return out

    def broken_links(self, site_dir: Path, files: set[str]) -> list[str]:
        written = files | {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
        out = []
        for dest, (source, links) in self.links.items():
            for href in links:
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
                elif anchor and anchor not in self._ids_of(site_dir, path):
                    out.append(
                        f"{source}: the link '{href}' leads to '#{anchor}', which is not on '{path}'\n"
                        f"  hint: {_did_you_mean(anchor, self._ids_of(site_dir, path))}check the part after # "
                        "against the record's id (s-… statements, t-… timeline entries, a-… actors, "
                        "src-… sources) or the heading"
                    )
        return out

    def _ids_of(self, site_dir: Path, path: str) -> set[str]:
        if path not in self.ids:  # a file written without a page, like 404.html
            is_html = path.endswith((".html", ".htm")) and (site_dir / path).is_file()
            self.ids[path] = scan((site_dir / path).read_bytes())[0] if is_html else set()
        return self.ids[path]


def _did_you_mean(wrong: str, known) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? " if close else ""


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    return HEADER.pack(kind, len(payload)) + payload


def read_frame(stream: IO[bytes]) -> tuple[bytes, bytes]:
    """The next frame's kind and payload; EOFError if the stream ends before a whole frame."""
    head = stream.read(HEADER.size)
    if len(head) != HEADER.size:
        raise EOFError
    kind, size = HEADER.unpack(head)
    payload = stream.read(size)
    if len(payload) != size:
        raise EOFError
    return kind, payload


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """Answer the build's frames until it closes the pipe (at its exit, whatever way it ends)."""
    site = Site()
    while True:
        try:
            kind, payload = read_frame(inp)
        except EOFError:
            return
        if kind == BEGIN:
            site = site.next_build()
        elif kind == PAGE:
            dest, source, html = payload.split(b"\0", 2)
            site.read(dest.decode(), source.decode(), html)
        elif kind == END:
            end = json.loads(payload)
            found = site.problems(Path(end["site_dir"]), set(end["files"]), end["expected"])
            answer = json.dumps(found, ensure_ascii=False).encode("utf-8")
            out.write(frame(END, answer))
            out.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
