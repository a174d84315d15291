"""The host a browser goes to for an http(s) address, following the WHATWG URL standard.

Python's `urlsplit` and browsers disagree on odd addresses: a browser reads `\\` as `/`, skips
extra slashes after `https:`, takes the host after the *last* `@`, and decodes `%41` and
full-width letters in the host. Checks that compare hosts (is this an archive? the same page
twice?) must see the host the reader's browser will open, so they use `host()`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

# WHATWG "forbidden domain code points", after percent-decoding.
_FORBIDDEN = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
_DOTS = re.compile("[\u3002\uff0e\uff61]")  # ideographic and full-width full stops count as dots
_NUMBER = re.compile(r"(0[xX][0-9a-fA-F]*|[0-9]+)\Z")
_SCHEME = re.compile(r"(?i)(https?):")
_END_OF_HOST = re.compile(r"[/\\?#]")


def authority(url: str) -> tuple[str | None, str] | None:
    """(what comes before the last '@', or None; the host and port) of an http(s) `url`, split as a
    browser splits them; None when it is not an http(s) address."""
    m = _SCHEME.match(url)
    if not m:
        return None
    rest = url[m.end() :].lstrip("/\\")  # special schemes ignore any run of slashes and backslashes
    userinfo, at, hostport = _END_OF_HOST.split(rest, maxsplit=1)[0].rpartition("@")
    return (userinfo if at else None), hostport


def port(hostport: str) -> str | None:
    """The port written after the host, without its ':' ("" when there is a ':' alone), or None."""
    end = hostport.find("]") + 1 if hostport.startswith("[") else 0
    before, colon, after = hostport[end:].partition(":")
    return after if colon else None


def port_ok(text: str | None) -> bool:
    return text is None or text == "" or (text.isascii() and text.isdigit() and int(text) < 65536)


def host(url: str) -> str | None:
    """The host of an http(s) `url` as a browser parses it (lowercase, no trailing dot), or None if invalid."""
    parts = authority(url)
    if parts is None:
        return None
    hostport = parts[1]
    if not port_ok(port(hostport)):
        return None
    if hostport.startswith("["):  # an IPv6 address
        end = hostport.find("]")
        if (
            end < 0
            or hostport[end + 1 : end + 2] not in ("", ":")
            or not re.fullmatch(r"[0-9A-Fa-f:.]+", hostport[1:end])
        ):
            return None
        return hostport[: end + 1].lower()
    name = hostport.partition(":")[0]
    try:
        name = unquote(name, errors="strict") if "%" in name else name
    except UnicodeDecodeError:
        return None
    name = _DOTS.sub(".", unicodedata.normalize("NFKC", name)).lower()
    if not name or _FORBIDDEN.search(name) or any(unicodedata.category(c)[0] == "C" for c in name):
        return None
    if _NUMBER.match(name.removesuffix(".").rsplit(".", 1)[-1]):
        return _ipv4(name)
    return name.removesuffix(".") or None


def _ipv4(name: str) -> str | None:
    """A host whose last label is a number is an IPv4 address in one of the forms browsers accept; None if invalid."""
    labels = name.removesuffix(".").split(".")
    try:
        numbers = [
            int(x, 16) if x[:2] in ("0x", "0X") else int(x, 8) if len(x) > 1 and x[0] == "0" else int(x)
            for x in (lab if lab not in ("0x", "0X") else "0x0" for lab in labels)
        ]
    except ValueError:
        return None
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))
    return ".".join(str(value >> s & 255) for s in (24, 16, 8, 0))
