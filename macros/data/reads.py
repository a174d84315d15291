"""The data files read without a problem, kept by their bytes' digest.

The preview (`make serve`) reads data/ again on every save, in the same process, and most files did
not change: a file that comes back byte for byte is not parsed again (load.read asks here first).
Nothing downstream changes what was read except the places flagged with a problem, the one thing a
check adds to it, which start empty in each copy handed out, and the positions, which a copy finds
again for itself when a problem needs them (positions.Loaded.again).
"""

from __future__ import annotations

from dataclasses import replace

from .positions import Loaded

_KEPT: dict[tuple[str, str, str], tuple[bytes, Loaded]] = {}
_KEEP = 256  # files: more than an event has, few enough that a process reading many events stays small
forget_reads = _KEPT.clear  # for a build, which reads data/ once (engine/hooks.py)


def kept(key: tuple[str, str, str], digest: bytes) -> Loaded | None:
    """A fresh copy of the file as last read, if its bytes are the same."""
    found = _KEPT.get(key)
    return _fresh(found[1]) if found is not None and found[0] == digest else None


def keep(key: tuple[str, str, str], digest: bytes, loaded: Loaded) -> None:
    _KEPT.pop(key, None)
    _KEPT[key] = (digest, _fresh(loaded))  # a copy: the build may flag places in the one it is given
    while len(_KEPT) > _KEEP:
        del _KEPT[next(iter(_KEPT))]


def _fresh(loaded: Loaded) -> Loaded:
    """The same values and places, with nothing reported or flagged yet."""
    return replace(loaded, problems=[], flagged=set(), lost=set(loaded.lost))
