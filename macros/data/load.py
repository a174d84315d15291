"""Stage 1: read one YAML data file strictly, keeping a line for every value.

PyYAML is used only to *parse* the text into events; values are then
built here, so that YAML 1.1 surprises (`no` read as false, `12:30` read as
the number 750, `2022-13-45` crashing the date parser) become errors with a
position instead of silent conversions. Anchors, aliases and custom tags are
refused outright: data files never need them and aliases allow "billion
laughs" expansion.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

import yaml

from . import reads
from .errors import Problem
from .positions import Loaded, Path_, editor_lines, field_name, pos, to_editor
from .rawfile import read_bytes
from .visible import check_visible, control_characters
from .yamlerrors import straight, syntax_problem

MAX_DEPTH = 20  # the data needs 7 levels; deeper nesting is a mistake or an attack on the parser

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_CONSTRUCT = yaml.SafeLoader("")  # only its resolver and number constructors are used
# The first characters of the plain scalars that may be something other than text (true, 12, ~, …);
# the rest are text without asking the resolver, which would try its patterns one by one.
_RESOLVED = {first for first in yaml.SafeLoader.yaml_implicit_resolvers if first}
_ALWAYS = None in yaml.SafeLoader.yaml_implicit_resolvers  # a pattern for any first character (PyYAML has none)


def read(path: Path, label: str, top: str = "") -> Loaded:
    """Read `path`; `label` is how problems name it (e.g. data/actors.yml), `top` the field it must start with."""
    out = Loaded(label)
    raw = read_bytes(path, label, out.problems)
    if raw is None:
        return out
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    key = (str(path), label, top)
    kept = reads.kept(key, digest)
    if kept is not None:
        return kept
    # First without the positions: most of the memory a big event's data took, and only a problem needs them.
    out = _read(raw, out, label, top, where=False)
    if out.problems:
        return _positioned(raw, label, top)
    out.again = functools.partial(_positioned, raw, label, top)  # the same bytes give the same positions
    reads.keep(key, digest, out)
    return out


def _positioned(raw: bytes, label: str, top: str) -> Loaded:
    out = _read(raw, Loaded(label), label, top, where=True)
    to_editor(out)  # every position as the editor's tools count lines
    return out


def _read(raw: bytes, out: Loaded, label: str, top: str, where: bool) -> Loaded:
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # "UTF-8 with BOM", as Notepad saves it, is still UTF-8
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        out.problems.append(
            Problem(label, line, col, "", "the file is not valid UTF-8 text", "save the file with the UTF-8 encoding")
        )
        return out
    control = control_characters(label, text)
    if control:  # the YAML parser would stop at the first; report them all (already in editors' lines)
        out.problems += control
        return out
    # libyaml parses ten times faster than PyYAML's Python parser, with the same marks. Where they
    # disagree (tabs, some escapes), PyYAML's rules apply: the same on every machine, and its error
    # messages are the ones yamlerrors.py knows.
    editor = out.editor = editor_lines(text)
    fast = "\t" not in text
    while True:
        try:
            return _build(text, label, top, _FAST if fast else yaml.SafeLoader, editor, where)
        except yaml.MarkedYAMLError as err:
            if fast:
                fast = False
                continue
            out.problems.append(syntax_problem(label, err, text))
            return out


_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NODE = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_MAP, _SEQ, _DOC = 0, 1, 2  # what a frame builds: a mapping, a list, the document
_KEY, _VALUE, _SKIP = 0, 1, 2  # what a mapping expects next: a key, the value of its key, a value not read


class _Frame:
    __slots__ = ("kind", "path", "into", "expect", "key", "first")

    def __init__(self, kind: int, path: Path_, into):
        self.kind, self.path, self.into, self.expect = kind, path, into, _KEY
        self.key: str | None = None  # a mapping's key whose value comes next
        self.first: dict[str, object] = {}  # a mapping's keys: the mark where each was first written


def _build(text: str, label: str, top: str, loader_class, editor, where: bool) -> Loaded:
    """One pass over the parser's events. The stream's shape (one document, no anchors or aliases,
    bounded depth) is checked on every event; meanwhile the values are built (with `where`, their positions).
    A shape problem drops what was built: only that problem is reported. (Composing nodes first would
    parse the file twice, and compose recursively what may be too deep.)"""
    out = Loaded(label, editor=editor)
    depth = documents = skipping = 0  # skipping: how deep inside a subtree that is not read
    stack = [_Frame(_DOC, (), [])]
    loader = loader_class(text)
    try:
        while (event := loader.get_event()) is not None and type(event) is not yaml.StreamEndEvent:
            problem = None
            if type(event) in _NODE:
                if event.anchor:
                    problem = (
                        f"YAML anchors (&{event.anchor}) are not allowed",
                        "write the value out in full; if this is text starting with '&', put it in quotes",
                    )
                elif type(event) is not yaml.ScalarEvent:
                    depth += 1
                    if depth > MAX_DEPTH:
                        problem = (
                            f"the data is nested more than {MAX_DEPTH} levels deep here",
                            "check the indentation and the brackets: records never need this many levels",
                        )
                if problem is None:
                    if skipping:
                        skipping += type(event) is not yaml.ScalarEvent
                    else:
                        skipping = _node(event, stack, out, text, where)
            elif type(event) in _END:
                depth -= 1
                if skipping:
                    skipping -= 1
                else:
                    stack.pop()
            elif type(event) is yaml.AliasEvent:
                problem = (
                    f"YAML aliases (*{event.anchor}) are not allowed",
                    "write the value out in full; if this is text starting with '*', put it in quotes",
                )
            elif type(event) is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problem = (
                        "the file holds more than one YAML document",
                        "remove the '---' line and merge the documents into one",
                    )
            if problem:
                return Loaded(label, problems=[Problem(label, *pos(event.start_mark), "", *problem)], editor=editor)
    finally:
        loader.dispose()
    if documents == 0:
        hint = (
            f"start it with the line '{top}:' and write the data under it"
            if top
            else "write the data into it, or delete the file"
        )
        return Loaded(label, problems=[Problem(label, 1, 1, "", "the file is empty", hint)], editor=editor)
    out.data = stack[0].into[0]
    return out


def _node(event, stack: list[_Frame], out: Loaded, text: str, where: bool) -> int:
    """Take one node (a scalar, or the start of a mapping or a list) into the frame it belongs to;
    returns 1 when its subtree is not to be read."""
    frame = stack[-1]
    container = type(event) is not yaml.ScalarEvent
    if frame.kind == _MAP:
        if frame.expect == _KEY:
            frame.expect = _VALUE if _key(event, frame, out, text, where) else _SKIP
            return int(container)
        if frame.expect == _SKIP:
            frame.expect = _KEY
            return int(container)
        frame.expect = _KEY
        path = frame.path + (frame.key,)
    else:
        path = frame.path + (len(frame.into),) if frame.kind == _SEQ else ()
    if where:
        out.values[path] = pos(event.start_mark)
    tag = event.tag
    if tag is None or tag == "!":  # no tag, or "!" alone: resolved as the composer would
        if container:
            tag = _STD + ("map" if type(event) is yaml.MappingStartEvent else "seq")
        elif event.implicit[0] and (_ALWAYS or not event.value or event.value[0] in _RESOLVED):
            tag = _plain_tag(event.value)
        else:
            tag = _STD + "str"
    skip = 0
    value: object = None
    if tag not in _ALLOWED_TAGS:
        out.problems.append(
            out.problem(
                path,
                f"the YAML tag '{tag.replace(_STD, '!!')}' is not allowed",
                "remove the tag, or put the text in quotes if it starts with '!'",
            )
        )
        out.lost.add(path)
        skip = int(container)
    elif container:
        value = {} if type(event) is yaml.MappingStartEvent else []
        stack.append(_Frame(_MAP if type(event) is yaml.MappingStartEvent else _SEQ, path, value))
    else:
        value = _scalar(event, tag, path, out, text)
    if frame.kind == _MAP:
        frame.into[frame.key] = value
    else:
        frame.into.append(value)
    return skip


def _key(event, frame: _Frame, out: Loaded, text: str, where: bool) -> bool:
    """Take a mapping's key; False when the value that follows is not to be read."""
    path = frame.path
    if type(event) is not yaml.ScalarEvent or event.tag == _STD + "merge" or event.value == "<<":
        out.values[path + ("<<",)] = pos(event.start_mark)
        out.problems.append(
            out.problem(
                path + ("<<",), "field names must be plain words", "merge keys (<<) and complex keys are not supported"
            )
        )
        out.lost.add(path)
        return False
    key = sys.intern(event.value)  # the same few field names in every record: one string for each
    kpath = path + (key,)
    if not (key.isascii() and key.isprintable()):  # else nothing to see, and keys[kpath] is set below
        out.keys.setdefault(kpath, pos(event.start_mark))  # where the problem points (the first of two such keys)
        if check_visible(event, key, kpath, out, text, key=True):
            out.lost.add(path)
            return False
    if key in frame.first:
        out.values[kpath] = at = pos(event.start_mark)
        first = (out.editor or (lambda *at: at))(*pos(frame.first[key]))[0]  # an editor's line
        out.problems.append(
            Problem(
                out.file,
                *at,
                field_name(kpath),
                f"this field appears twice (first on line {first})",
                "keep one of the two and delete the other",
            )
        )
        return False
    frame.first[key] = event.start_mark
    if where:
        out.keys[kpath] = pos(event.start_mark)
    frame.key = key
    return True


@functools.lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar; asked once per value, as dates and numbers repeat.
    (For a plain scalar the answer depends on its text alone.)"""
    return _CONSTRUCT.resolve(yaml.ScalarNode, value, (True, False))


def _scalar(node, tag: str, path: Path_, out: Loaded, text: str):
    raw, tag = node.value, tag[len(_STD) :]
    if tag == "null":
        return None
    if tag == "bool":
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        out.problems.append(
            out.problem(
                path,
                f"'{raw}' would be read as true/false, not as text",
                f'if you meant the word, put it in quotes: "{raw}"',
            )
        )
        return raw  # checked further as the text the editor meant
    if tag in ("int", "float"):
        if ":" in raw:
            out.problems.append(
                out.problem(path, f"'{raw}' would be read as a number, not as a time", f'put it in quotes: "{raw}"')
            )
            return raw
        try:
            number = yaml.ScalarNode(_STD + tag, raw)
            return _CONSTRUCT.construct_yaml_int(number) if tag == "int" else _CONSTRUCT.construct_yaml_float(number)
        except (ValueError, IndexError):  # IndexError: PyYAML's answer to an empty `!!int` or `!!float`
            return raw
    # Dates and timestamps stay text; the model parses them with a position.
    if check_visible(node, raw, path, out, text):
        return raw
    if not node.style and len(raw) > 1 and raw[0] in "“‘„" and raw[-1] in "”’“":
        # Word processors turn typed quotes into curly ones; YAML then keeps them as part of the text.
        name = path[-1] if path and isinstance(path[-1], str) else ""
        out.problems.append(
            out.problem(
                path,
                "curly quotes used as YAML quotes: they would be shown as part of the text",
                "YAML only reads straight quotes as quotes; write it as "
                + (f"{name}: " if name else "")
                + straight(raw),
            )
        )
    return raw
