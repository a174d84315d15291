"""Under `make serve`, each download is made when a browser asks for it, not on every rebuild.

The downloads (outputs.py) are all the data again in other shapes, and a reader
editing a page waits for none of them, yet making them all took a tenth of a
rebuild at ten times the sample's data (and the search index, see
`search_later`). So while `python -m macros serve` runs
(serve.py, whose server says so with `explainer_serves_on_request`), `generated` hands
MkDocs each download as a file it knows (the link checks see it) but does not
write; the rebuild leaves how to make it on the explainer's state, and the
server makes it from that build's data at the first request, once per build.
A request waits for a rebuild under way, as MkDocs' own files do, so a
download is never older than the pages beside it. `mkdocs build`, and a plain
`mkdocs serve`, write every download as before.

The server keeps the classes of the process's start while the macros package
is reloaded under it (macros/main.py), so the two sides share only plain
callables: `Made.by_path`, from each file's path in the site to its bytes.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable, Iterable
from types import SimpleNamespace

from mkdocs.structure.files import File


class _OnRequest(File):
    """A generated file the preview's server makes when it is asked for (see `serve`)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class _WhenWritten(File):
    """A generated file made as MkDocs writes it (after every page is made), and not kept: the downloads
    are the data again in other shapes, tens of megabytes at 100x the sample, held for the whole build.
    It is written piece by piece as it is made, so not even one is held whole."""

    pieces: Callable[[], Iterable[str]]

    @property
    def _content(self) -> str:  # what MkDocs reads back, should it: the same text each time
        return "".join(self.pieces())

    @_content.setter
    def _content(self, value) -> None:  # File.generated sets a placeholder; the text is always made anew
        pass

    def copy_file(self, dirty: bool = False) -> None:
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        with open(self.abs_dest_path, "w", encoding="utf-8", newline="") as out:
            for piece in self.pieces():
                out.write(piece)


def _deferring() -> bool:
    serve = sys.modules.get("mkdocs.commands.serve")
    return getattr(getattr(serve, "LiveReloadServer", None), "explainer_serves_on_request", False)


def generated(config, path: str, pieces: Callable[[], Iterable[str]], state) -> File:
    """The download at `path`, from its text in pieces: made as MkDocs writes it, or under the preview
    noted on `state` to be made on request."""
    if not _deferring():
        written = _WhenWritten.generated(config, path, content="")
        written.pieces = pieces  # type: ignore[attr-defined]  # generated() is typed as making a File
        return written
    file = _OnRequest.generated(config, path, content=b"")
    made = state.__dict__.setdefault("made_on_request", {})
    made[file.dest_uri] = functools.cache(lambda: "".join(pieces()).encode("utf-8"))
    return file


def search_later(config) -> None:
    """The search index too: Material's search plugin reads every page as it is made and writes the index
    after the build. Under the preview it notes what it would read of each page (its HTML of that moment,
    contents, address, title and meta) and indexes them all at the first request for the index."""
    macros = config.plugins.get("macros")
    state = macros.variables.get("_explainer_state") if macros is not None else None
    search = next((p for p in config.plugins.values() if type(p).__name__ == "SearchPlugin"), None)
    if not _deferring() or state is None or search is None or not search.config.enabled:
        return
    index = search.search_index
    noted: list[SimpleNamespace] = []

    def note(page) -> None:
        noted.append(
            SimpleNamespace(content=page.content, toc=page.toc, url=page.url, title=page.title, meta=page.meta)
        )

    def make() -> bytes:
        full = type(index)(**index.config)  # as the plugin makes it
        for page in noted:
            full.add_entry_from_context(page)
        return full.generate_search_index(None).encode("utf-8")

    def instead_of_writing(config) -> None:  # where the plugin wrote it: a build that fails before has none
        state.__dict__.setdefault("made_on_request", {})["search/search_index.json"] = functools.cache(make)

    index.add_entry_from_context = note
    after = config.plugins.events["post_build"]
    after[:] = [instead_of_writing if getattr(h, "__self__", None) is search else h for h in after]


class Made:
    """The last finished build's downloads (server side). Replaced before every build, so a build that
    fails leaves none of an older one: only those it made before it failed, as it once wrote them."""

    by_path: dict[str, Callable[[], bytes]] = {}
    lock = threading.Lock()


def keeping(build):
    """`build` that leaves its downloads in `Made` for the server."""

    def run(config, *args, **kwargs):
        Made.by_path = {}
        result = build(config, *args, **kwargs)
        macros = config.plugins.get("macros")
        state = macros.variables.get("_explainer_state") if macros is not None else None
        Made.by_path = dict(getattr(state, "made_on_request", {}))
        return result

    return run


def serve(server, environ, start_response) -> list[bytes] | None:
    """The response for a download made on request, or None for any other address."""
    path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
    if not path.startswith(server.mount_path) or path.startswith("/livereload/") or path.endswith(("/", ".html")):
        return None  # never made on request: MkDocs serves them as before
    with server._epoch_cond:  # as MkDocs waits for a rebuild under way before it serves a file
        server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
        make = Made.by_path.get(path[len(server.mount_path) :])
    if make is None:
        return None
    with Made.lock:  # one request makes it; others wait for its bytes
        content = make()
    start_response("200 OK", [("Content-Type", server._guess_type(path)), ("Content-Length", str(len(content)))])
    return [content]
