"""Fetching a source's page, bounded in every way a hostile or broken server could stretch it.

Only http and https, at most MAX_REDIRECTS redirects (each to http or https again), one deadline
for the whole fetch, redirects included, and at most MAX_BYTES read, counted again after gzip or
deflate is undone, so a small compressed "bomb" cannot expand in memory. Non-HTML (a PDF, an
image) is refused from its headers, before its body is read. Pages that were read are cached in
.cache/verify/ (git-ignored: they are other people's copyright) and reused until `--refresh`.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import ssl
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

TIMEOUT = 20.0  # seconds for the whole fetch, redirects included
MAX_BYTES = 5_000_000  # of the page as received and again after decompression
MAX_REDIRECTS = 5
CHUNK = 65_536
USER_AGENT = "explainer-verify/1 (checks that quoted words appear in the cited page)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)


class Unreadable(Exception):
    """The page could not be read; the message is the reason, in an editor's words."""


@dataclass(frozen=True)
class Limits:
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Page:
    url: str  # the address asked for
    final_url: str  # after redirects
    content_type: str
    body: bytes  # decompressed

    def text(self) -> str:
        """The body as text: the charset the server named, else the page's own <meta>, else UTF-8."""
        charset = _charset(self.content_type) or _meta_charset(self.body[:4096]) or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def fetch(url: str, cache: Path | None = None, refresh: bool = False, limits: Limits = DEFAULT_LIMITS) -> Page:
    """The page at `url` (from the cache unless `refresh`), or Unreadable with the reason."""
    if cache is not None and not refresh and (hit := _cached(cache, url)):
        return hit
    deadline = time.monotonic() + limits.timeout
    seen, current = {url}, url
    for _ in range(limits.max_redirects + 1):
        status, headers, body = _get(current, deadline, limits)
        if status in REDIRECTS:
            target = urljoin(current, headers.get("location", ""))
            if urlsplit(target).scheme not in ("http", "https"):
                raise Unreadable(f"redirected to a {urlsplit(target).scheme or 'missing'} address, not http(s)")
            if target in seen:
                raise Unreadable("redirect loop")
            seen.add(target)
            current = target
            continue
        page = Page(url, current, headers.get("content-type", ""), body)
        if cache is not None:
            _store(cache, page)
        return page
    raise Unreadable(f"more than {limits.max_redirects} redirects")


def _get(url: str, deadline: float, limits: Limits) -> tuple[int, dict[str, str], bytes]:
    """One request; the body only for a 200 HTML answer (redirects and refusals need none)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Unreadable(f"not an http(s) address: {url}")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise Unreadable(f"timed out after {limits.timeout:g} s")
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=remaining)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(
            "GET",
            path,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml", "Accept-Encoding": "gzip"},
        )
        resp = conn.getresponse()
        headers = {k.lower(): v for k, v in resp.getheaders()}
        if resp.status in REDIRECTS and "location" in headers:
            return resp.status, headers, b""
        if resp.status != 200:
            raise Unreadable(f"HTTP {resp.status}")
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind and kind not in HTML_TYPES:
            raise Unreadable(f"not HTML ({kind})")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise Unreadable(f"too large ({int(declared):,} bytes; the limit is {limits.max_bytes:,})")
        return resp.status, headers, _read(conn, resp, headers.get("content-encoding", ""), deadline, limits)
    except TimeoutError:
        raise Unreadable(f"timed out after {limits.timeout:g} s") from None
    except ssl.SSLError as err:
        raise Unreadable(f"secure connection failed ({err.reason or err})") from None
    except (OSError, http.client.HTTPException) as err:
        raise Unreadable(f"could not connect ({type(err).__name__}: {err})") from None
    finally:
        conn.close()


def _read(
    conn: http.client.HTTPConnection, resp: http.client.HTTPResponse, encoding: str, deadline: float, limits: Limits
) -> bytes:
    """The body, decompressed as it arrives; stops as soon as either size passes the limit or time runs out.
    read1 returns whatever has arrived, so a server that drips a byte at a time still meets the deadline."""
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflate = zlib.decompressobj(wbits=47 if encoding != "deflate" else 15)  # 47: gzip or zlib header
    elif encoding in ("", "identity"):
        inflate = None
    else:
        raise Unreadable(f"unsupported content encoding ({encoding})")
    out, received = bytearray(), 0
    too_large = f"too large (more than {limits.max_bytes:,} bytes)"
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise Unreadable(f"timed out after {limits.timeout:g} s")
        if conn.sock is not None:
            conn.sock.settimeout(left)  # no single wait may outlast the deadline
        chunk = resp.read1(CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > limits.max_bytes:
            raise Unreadable(too_large)
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, limits.max_bytes - len(out) + 1)
            except zlib.error:
                raise Unreadable("the compressed page is corrupt") from None
        out += chunk
        if len(out) > limits.max_bytes:
            raise Unreadable(too_large + (" once decompressed" if inflate is not None else ""))
    return bytes(out)


def _charset(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return ""


def _meta_charset(head: bytes) -> str:
    text = head.decode("ascii", errors="ignore").lower()
    at = text.find("charset=")
    if at < 0:
        return ""
    value = text[at + 8 :].lstrip("\"' ")
    return "".join(ch for ch in value[:40] if ch.isalnum() or ch in "-_")


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]


def _cached(cache: Path, url: str) -> Page | None:
    meta, body = cache / f"{_key(url)}.json", cache / f"{_key(url)}.body"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("url") != url:
            return None
        return Page(url, info["final_url"], info["content_type"], body.read_bytes())
    except (OSError, ValueError, KeyError):
        return None


def _store(cache: Path, page: Page) -> None:
    """Body first, then the metadata that makes it count, each replaced in one step."""
    cache.mkdir(parents=True, exist_ok=True)
    key = _key(page.url)
    for name, data in (
        (f"{key}.body", page.body),
        (
            f"{key}.json",
            json.dumps({"url": page.url, "final_url": page.final_url, "content_type": page.content_type}).encode(),
        ),
    ):
        tmp = cache / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        tmp.replace(cache / name)
