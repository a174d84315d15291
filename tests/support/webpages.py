"""Made-up web pages on 127.0.0.1 for `make verify`'s tests, hostile ones included.

`serve_routes({path: route})` serves each path with its route, a function that writes the whole
answer through the request handler; `html_page(...)` makes an ordinary article; the other helpers
make the answers a broken or hostile server gives. Nothing here reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import html
import http.server
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from .local_server import serving

Route = Callable[[http.server.BaseHTTPRequestHandler], None]
STOP = threading.Event()  # set when a server stops, so a route that stalls gives up at once


def html_page(*paragraphs: str, title: str = "A made-up article", filler: int = 3) -> bytes:
    """An article with a menu and a footer around it, each paragraph escaped; `filler` plain paragraphs
    before and after, so the page has the length of a real one."""
    words = "The council met on Tuesday and discussed the budget for the coming year in some detail."
    pad = [f"<p>{words} Paragraph {n}.</p>" for n in range(filler)]
    body = "\n".join(pad + [f"<p>{html.escape(p)}</p>" for p in paragraphs] + pad)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{html.escape(title)}</h1>"
        f"{body}</article><footer>© Example News</footer></body></html>"
    ).encode()


def send(
    h: http.server.BaseHTTPRequestHandler,
    body: bytes = b"",
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.end_headers()
    h.wfile.write(body)


def page(body: bytes, **kw) -> Route:
    return lambda h: send(h, body, **kw)


def redirect(location: str, status: int = 302) -> Route:
    return lambda h: send(h, b"", status, headers={"Location": location})


def stall(seconds: float) -> Route:
    """Accepts the request, then says nothing for `seconds` (or until the server stops)."""

    def route(h):
        STOP.wait(seconds)

    return route


def endless(total: int, chunk: int = 65_536) -> Route:
    """`total` bytes of HTML without a Content-Length, made as they are sent: the server holds one chunk."""

    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        block = b"<p>" + b"word " * (chunk // 5) + b"</p>"
        sent = 0
        try:
            while sent < total and not STOP.is_set():
                h.wfile.write(block)
                sent += len(block)
        except OSError:
            pass  # the client hung up at its limit, as it should

    return route


@cache
def gzip_bomb(expanded: int = 200_000_000) -> bytes:
    """A gzip stream of `expanded` zero bytes, about a thousandth of that size."""
    deflate, zeros, out = zlib.compressobj(9, zlib.DEFLATED, 31), bytes(1_000_000), []
    for _ in range(expanded // len(zeros)):
        out.append(deflate.compress(zeros))
    out.append(deflate.flush())
    return b"".join(out)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}

    def do_GET(self) -> None:
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            send(self, b"<!doctype html><title>Not found</title><p>No such page.</p>", 404)
        else:
            route(self)

    def log_message(self, *args) -> None:  # keep pytest's output clean
        pass


@contextmanager
def serve_routes(routes: dict[str, Route]) -> Iterator[str]:
    """Serve the routes on 127.0.0.1 at a free port; yields the base URL (no trailing slash)."""
    STOP.clear()
    with serving(type("Handler", (_Handler,), {"routes": routes}), "pages-server") as base:
        try:
            yield base
        finally:
            STOP.set()  # before the server shuts down, so a handler waiting on it lets go
