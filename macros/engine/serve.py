"""`python -m macros serve [HOST:PORT | --port PORT]`: the preview behind `make serve`.

It runs MkDocs' own `mkdocs serve` in this process, with two differences from
running that directly: a busy port is a one-line message instead of a
traceback after a full build, and the terminal stays quiet apart from the
address and the problem list (MkDocs' per-rebuild INFO lines are dropped).
Broken data never stops the preview: every page shows the problem list
(see macros/engine/adapter.py) and comes back by itself once the files are fixed.
A build that fails outright (a Python error in macros/, say) shows its error
on every page instead of hanging (failsafe.py). SIGTERM and SIGHUP stop the
server as Ctrl+C does, and so does the end of the process that started it.
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from . import failsafe

USAGE = """usage: python -m macros serve [HOST:PORT] [--port PORT]   (make serve [ADDR=HOST:PORT] [PORT=PORT])

Preview the site at http://HOST:PORT/ (default 127.0.0.1:8000), rebuilding on every save.
While the data or the pages are broken, every page shows the list of problems, and the
terminal prints it; the page reloads by itself once the files are fixed. Ctrl+C stops it."""
DEFAULT = ("127.0.0.1", 8000)


class UsageError(Exception):
    pass


def parse(args: list[str]) -> tuple[str, int]:
    host, port = DEFAULT
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in ("--port", "-p") and rest:
            port = _port(rest.pop(0))
        elif arg.startswith("--port="):
            port = _port(arg.split("=", 1)[1])
        elif not arg.startswith("-") and arg:
            host, _, text = arg.rpartition(":") if ":" in arg else (arg, "", str(port))
            host, port = host or DEFAULT[0], _port(text)
        else:
            raise UsageError(f"unknown option '{arg}'")
    return host, port


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise UsageError(f"'{text}' is not a port number (1-65535)")
    return int(text)


def port_problem(host: str, port: int) -> str | None:
    """Why the preview could not listen there, in one line, or None if it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f"'{host}' is not an address this computer has; try 127.0.0.1"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' own server does
        try:
            s.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                return (
                    f"Port {port} is already in use (another preview may be running). "
                    f"Try another port: make serve PORT={_free_port(host, port)}"
                )
            if err.errno == errno.EACCES:
                return f"Port {port} needs administrator rights; try a port above 1023: make serve PORT=8001"
            return f"Cannot listen on {host}:{port} ({(err.strerror or str(err)).lower()}); try ADDR=127.0.0.1:8001"
    return None


def _free_port(host: str, port: int) -> int:
    for candidate in range(port + 1, min(port + 100, 65535)):
        with socket.socket() as s:
            try:
                s.bind((host, candidate))
                return candidate
            except OSError:
                continue
    return port + 1


class _OnlyAddress(logging.Filter):
    """MkDocs' livereload logs every change, rebuild and browser; keep the address and anything worse than INFO."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or "Serving on" in record.getMessage()


def _quiet() -> None:
    logging.getLogger("mkdocs.livereload").addFilter(_OnlyAddress())
    for name in ("mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.plugins.mkdocs_macros"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _watch_events() -> None:
    """MkDocs 1.6 polls for changes every 0.5 s, then waits 0.1 s before it rebuilds, so a save waits up to
    0.6 s before any work starts. The operating system's file events (inotify, FSEvents, …) through
    watchdog, which MkDocs already uses, start the rebuild within milliseconds; a short settle time still
    merges the several events one save makes."""
    import mkdocs.commands.serve as mkdocs_serve
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    class Edits(FileSystemEventHandler):
        """Only changes count: the build itself opens and reads the watched files, and writes bytecode into
        macros/__pycache__; reacting to those would rebuild for ever."""

        def __init__(self, inner) -> None:
            self.inner = inner

        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write") or "__pycache__" in str(event.src_path):
                return
            self.inner.on_any_event(event)

    class EditsObserver(Observer):  # type: ignore[valid-type,misc]
        def schedule(self, handler, path, *, recursive=False, event_filter=None):
            return super().schedule(Edits(handler), path, recursive=recursive, event_filter=event_filter)

    from . import ondemand

    class EventServer(mkdocs_serve.LiveReloadServer):
        explainer_serves_on_request = True  # the downloads: made when asked for (ondemand.py)

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.observer = EditsObserver()  # any watchdog observer will do
            self.build_delay = 0.02
            # A rebuild reads the config first (hooks included), outside the build itself.
            self.builder = failsafe.guarded(self.builder, Path.cwd(), settles=False)

        def _serve_request(self, environ, start_response):
            """While the last build failed, every page is the failure page (livereload script included)."""
            made = ondemand.serve(self, environ, start_response)
            if made is not None:
                return made
            page, path = failsafe.Failure.page, environ["PATH_INFO"]
            if path.startswith("/livereload/") or not path.endswith(("/", ".html")):
                return super()._serve_request(environ, start_response)
            if page is None:
                served = super()._serve_request(environ, start_response)
                if served is not None or failsafe.Failure.missing is None:
                    return served
                page = failsafe.Failure.missing  # a page the broken build could not write: its problems
            content = self._inject_js_into_html(page, self._visible_epoch)
            start_response(
                "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))]
            )
            return [content]

    mkdocs_serve.LiveReloadServer = EventServer  # type: ignore[misc]
    # The first build too. The guard inside: a failure's place is found in the frames under it.
    mkdocs_serve.build = ondemand.keeping(failsafe.guarded(mkdocs_serve.build, Path.cwd()))


def _stop_with_the_terminal() -> None:
    """End cleanly (MkDocs removes its temporary site) on SIGTERM, as an IDE's stop button sends, and on
    SIGHUP, as a closed terminal sends; and when the process that started this one is gone: GNU make
    passes SIGTERM on to the recipe's shell only, which dies and leaves this process to init."""

    def stop(signum, frame):
        raise KeyboardInterrupt  # what MkDocs' serve loop handles as Ctrl+C

    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def serve(root: Path, args: list[str]) -> int:
    if any(a in ("-h", "--help", "help") for a in args):
        print(USAGE)
        return 0
    try:
        host, port = parse(args)
    except UsageError as err:
        print(f"{err}\n\n{USAGE}", file=sys.stderr)
        return 2
    problem = port_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(root)
    from mkdocs.__main__ import cli  # MkDocs' own command line, so the preview is exactly `mkdocs serve`

    _quiet()
    _watch_events()
    _stop_with_the_terminal()
    try:
        cli.main(["serve", "--dev-addr", f"{host}:{port}"], prog_name="mkdocs")
    except SystemExit as done:  # click ends with sys.exit, 0 after Ctrl+C
        return done.code if isinstance(done.code, int) else 1
    return 0
