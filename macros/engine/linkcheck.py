"""Every internal link and #anchor of the built site resolves (an MkDocs hook).

Registered under `hooks:` in mkdocs.yml. Each page's final HTML (theme and
raw HTML from the data included) is parsed once with lxml, the C parser,
to collect its ids and its links; after the build, every link that stays on
the site must name a page or a file the build wrote, and every #anchor an
element of that page. External addresses are checked by `make linkcheck`.
A broken link fails the build with the page and the link named.

The reading is done by linkscan.py in a second process, fed each page as
MkDocs writes it, so it costs the build almost no time; this side only
hands over the pages and waits for the answer at the end.

Two more checks make sure nothing goes missing without a word, at any size:
- a page lxml cannot read to its end fails the build with libxml2's reason
  (its default limits once cut a 64 MB page at a 15 MB JSON-LD script, and
  the check then saw a page without ids; `huge_tree` lifts those limits);
- every record has its anchor on the page that `Explainer.holder` says holds
  it, so a record that did not render is named, not just the links to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:  # loaded by MkDocs from its path, as hooks.py is
    sys.path.insert(0, _ROOT)

from macros.engine import linkscan  # noqa: E402  # after the path is set, for the same reason
from macros.engine.build import die_with_parent  # noqa: E402


class _Scanner:
    """The linkscan process, fed from a thread so that a page waiting in the pipe never holds up the
    build. One lives as long as this module: under `mkdocs serve`, across rebuilds."""

    def __init__(self):
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115  # held as long as the process
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "macros.engine.linkscan"],
            cwd=_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            preexec_fn=die_with_parent,
        )
        self._frames: queue.Queue[bytes | None] = queue.Queue()
        self._failed: OSError | None = None
        threading.Thread(target=self._feed, daemon=True).start()

    def alive(self) -> bool:
        return self._proc.poll() is None and self._failed is None

    def _feed(self) -> None:
        pipe = self._proc.stdin
        assert pipe is not None
        while True:
            data = self._frames.get()
            if data is None:  # closing: the process ends at the end of its input
                with contextlib.suppress(OSError):
                    pipe.close()
                return
            try:
                if self._failed is None:
                    pipe.write(data)
                    pipe.flush()
            except OSError as err:  # the process died: `problems` then reads no answer, and says so
                self._failed = err

    def close(self) -> None:
        """Stop the process and wait for it, so it is not left running and its time counts as the build's.
        Nothing here waits on the frames: under `mkdocs serve` a rebuild may still be adding some while
        the server shuts down, and the process ends once it has read up to the closing mark."""
        self._frames.put(None)
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def send(self, kind: bytes, payload: bytes = b"") -> None:
        self._frames.put(linkscan.frame(kind, payload))

    def problems(self, end: dict) -> list[str]:
        """The process answers once it has read every page sent before: the pipe keeps their order."""
        self.send(linkscan.END, json.dumps(end, ensure_ascii=False).encode("utf-8"))
        out = self._proc.stdout
        assert out is not None
        with contextlib.suppress(EOFError):  # the process ended before it answered: said below
            return json.loads(linkscan.read_frame(out)[1])
        self._proc.kill()
        self._proc.wait()
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        raise PluginError(
            f"the link check stopped before it could finish (exit status {self._proc.returncode}"
            + (f": {said[-1]}" if said else "")
            + ")\n  hint: this is a bug in the generator, not in your files; please report it with this message"
        )


_scanner: _Scanner | None = None
_files: set[str] = set()  # every path the build writes, relative to the site root


def on_pre_build(config) -> None:
    global _scanner, _files
    if _scanner is None or not _scanner.alive():
        _scanner = _Scanner()
    _scanner.send(linkscan.BEGIN)  # a fresh record on every rebuild under `mkdocs serve`
    _files = set()


def on_shutdown() -> None:
    global _scanner
    if _scanner is not None:
        _scanner.close()
        _scanner = None


def on_files(files, config):
    _files.update(f.dest_uri for f in files)
    return files


def on_post_page(output: str, page, config) -> str:
    docs = Path(config["docs_dir"])
    root = Path(config["config_file_path"] or ".").parent
    label = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.name
    source = f"{label}/{page.file.src_uri}" if page.file.abs_src_path else f"the generated page {page.file.src_uri}"
    assert _scanner is not None
    _scanner.send(linkscan.PAGE, b"\0".join((page.file.dest_uri.encode(), source.encode(), output.encode("utf-8"))))
    return output


def on_post_build(config) -> None:
    from macros.engine.outputs import record_anchors

    macros = config.plugins.get("macros")
    state = macros.variables.get("_explainer_state") if macros else None
    if getattr(state, "problems", None):  # the preview shows the problem list in place of every page
        return
    explainer = getattr(state, "explainer", None)
    expected = record_anchors(explainer) if explainer is not None else {}
    assert _scanner is not None
    end = {"site_dir": os.fspath(config["site_dir"]), "files": sorted(_files), "expected": expected}
    found = _scanner.problems(end)
    if found:
        count = f"{len(found)} broken link{'s' if len(found) != 1 else ''}"
        raise PluginError("\n" + "\n".join(found) + f"\n{count} in the built pages.")
