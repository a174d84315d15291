"""data/verified.yml: what `make verify-record` found verbatim, and which of it still holds.

The file is machine-written. Per quote it keeps the statement's id, the SHA-256 of the quote as
checked, and per source the address read and the day. A record counts only while the quote's text
still has that hash: an edited quote loses its reader note at once, and `make check` warns.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..data import model

FILE = "data/verified.yml"
HEADER = (
    "# yaml-language-server: $schema=schemas/verified.schema.json\n"
    "# Written by `make verify-record`: the quotes it found verbatim in their sources. Do not edit by hand;\n"
    '# see "Checking quotes against their sources" in README.md.\n'
)


def merged(ds, found: dict[str, dict[str, str]], unreadable: dict[str, set[str]], today: date) -> list[dict]:
    """The records to write. `found`: statement id -> {source id: address} found verbatim today;
    `unreadable`: statement id -> sources that could not be read, whose earlier check is kept while the
    quote is unchanged (an outage is no evidence against it)."""
    out = []
    for st in ds.statements.values():
        if st.quote is None:
            continue
        digest = model.quote_sha256(st.quote)
        old = ds.records.get("verification", {}).get(st.id)
        kept = {}
        if old is not None and old.quote_sha256 == digest:
            kept = {c.source: c for c in old.sources if c.source in unreadable.get(st.id, set())}
        sources = []
        for sid in st.sources:
            if sid in found.get(st.id, {}):
                sources.append({"source": sid, "url": found[st.id][sid], "checked": today.isoformat()})
            elif sid in kept:
                c = kept[sid]
                sources.append({"source": sid, "url": c.url, "checked": c.checked.isoformat()})
        if sources:
            out.append({"id": st.id, "quote_sha256": digest, "sources": sources})
    return out


def dump(records: list[dict]) -> str:
    """The file's text: ids and days plain, addresses and hashes in double quotes (JSON's escapes are YAML's)."""
    if not records:
        return HEADER + "verified: []\n"
    lines = [HEADER + "verified:"]
    for r in records:
        lines += [f"  - id: {r['id']}", f"    quote_sha256: {json.dumps(r['quote_sha256'])}", "    sources:"]
        for s in r["sources"]:
            lines += [f"      - source: {s['source']}", f"        url: {json.dumps(s['url'])}"]
            lines.append(f"        checked: {s['checked']}")
    return "\n".join(lines) + "\n"


def write(root: Path, records: list[dict]) -> Path:
    path = root / FILE
    tmp = path.with_suffix(".yml.tmp")
    tmp.write_text(dump(records), encoding="utf-8")
    tmp.replace(path)
    return path
