"""Stage 1: read one YAML data file strictly, keeping a line for every value.

PyYAML is used only to *compose* the document into nodes; values are then
built here, so that YAML 1.1 surprises (`no` read as false, `12:30` read as
the number 750, `2022-13-45` crashing the date parser) become errors with a
position instead of silent conversions. Anchors, aliases and custom tags are
refused outright: data files never need them and aliases allow "billion
laughs" expansion.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import yaml

from .errors import Problem
from .positions import Loaded, Path_, editor_lines, field_name, pos, to_editor
from .rawfile import read_bytes
from .visible import check_visible, control_characters
from .yamlerrors import straight, syntax_problem

MAX_DEPTH = 20  # the data needs 7 levels; deeper nesting is a mistake or an attack on the parser

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_CONSTRUCT = yaml.SafeLoader("")  # only its number constructors are used


def read(path: Path, label: str, top: str = "") -> Loaded:
    """Read `path`; `label` is how problems name it (e.g. data/actors.yml), `top` the field it must start with."""
    out = Loaded(label)
    raw = read_bytes(path, label, out.problems)
    if raw is None:
        return out
    key, digest = (str(path), label, top), hashlib.blake2b(raw, digest_size=16).digest()
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == digest:
        return _fresh(kept[1])
    out = _read(raw, out, label, top)
    to_editor(out)  # every position as the editor's tools count lines
    if not out.problems:
        _KEPT.pop(key, None)
        _KEPT[key] = (digest, _fresh(out))  # a copy: the build may flag places in the one it is given
        while len(_KEPT) > _KEEP:
            del _KEPT[next(iter(_KEPT))]
    return out


# The files read without a problem, by their bytes' digest: the preview (`make serve`) reads data/ again on
# every save, in the same process, and most files did not change. A file that comes back byte for byte is
# not parsed again; nothing downstream changes what was read (the places flagged with a problem, the one
# thing a check adds to it, start empty in each copy).
_KEPT: dict[tuple[str, str, str], tuple[bytes, Loaded]] = {}
_KEEP = 256  # files: more than an event has, few enough that a process reading many events stays small


def _fresh(loaded: Loaded) -> Loaded:
    """The same values and places, with nothing reported or flagged yet."""
    return replace(loaded, problems=[], flagged=set(), lost=set(loaded.lost))


def _read(raw: bytes, out: Loaded, label: str, top: str) -> Loaded:
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
    out.editor = editor_lines(text)
    # libyaml parses ten times faster than PyYAML's Python parser, with the same marks. Where they
    # disagree (tabs, some escapes), PyYAML's rules apply: the same on every machine, and its error
    # messages are the ones yamlerrors.py knows.
    fast = "\t" not in text
    while True:
        loader = _FAST if fast else yaml.SafeLoader
        try:
            if not _structure(text, label, top, out, loader):
                return out
            node = _compose(text, loader)
            break
        except yaml.MarkedYAMLError as err:
            if fast:
                fast = False
                continue
            out.problems.append(syntax_problem(label, err, text))
            return out
    out.data = _value(node, (), out, text)
    return out


_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, loader_class):
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _structure(text: str, label: str, top: str, out: Loaded, loader) -> bool:
    """Check the stream's shape (one document, no anchors or aliases, bounded depth) before building
    anything from it: composing nodes recurses, and aliases can make a small file huge."""
    depth, documents = 0, 0
    for event in yaml.parse(text, Loader=loader):
        problem = None
        if isinstance(event, yaml.AliasEvent):
            problem = (
                f"YAML aliases (*{event.anchor}) are not allowed",
                "write the value out in full; if this is text starting with '*', put it in quotes",
            )
        elif anchor := getattr(event, "anchor", None):
            problem = (
                f"YAML anchors (&{anchor}) are not allowed",
                "write the value out in full; if this is text starting with '&', put it in quotes",
            )
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problem = (
                    "the file holds more than one YAML document",
                    "remove the '---' line and merge the documents into one",
                )
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problem = (
                    f"the data is nested more than {MAX_DEPTH} levels deep here",
                    "check the indentation and the brackets: records never need this many levels",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if problem:
            out.problems.append(Problem(label, *pos(event.start_mark), "", *problem))
            return False
    if documents == 0:
        out.problems.append(
            Problem(
                label,
                1,
                1,
                "",
                "the file is empty",
                f"start it with the line '{top}:' and write the data under it"
                if top
                else "write the data into it, or delete the file",
            )
        )
        return False
    return True


def _value(node, path: Path_, out: Loaded, text: str):
    out.values[path] = pos(node.start_mark)
    if node.tag not in _ALLOWED_TAGS:
        out.problems.append(
            out.problem(
                path,
                f"the YAML tag '{node.tag.replace(_STD, '!!')}' is not allowed",
                "remove the tag, or put the text in quotes if it starts with '!'",
            )
        )
        out.lost.add(path)
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _STD + "merge" or key_node.value == "<<":
                out.values[path + ("<<",)] = pos(key_node.start_mark)
                out.problems.append(
                    out.problem(
                        path + ("<<",),
                        "field names must be plain words",
                        "merge keys (<<) and complex keys are not supported",
                    )
                )
                out.lost.add(path)
                continue
            key = key_node.value
            kpath = path + (key,)
            out.keys.setdefault(kpath, pos(key_node.start_mark))
            if check_visible(key_node, key, kpath, out, text, key=True):
                out.lost.add(path)
                continue
            if key in first:
                out.values[kpath] = pos(key_node.start_mark)
                out.problems.append(
                    Problem(
                        out.file,
                        *pos(key_node.start_mark),
                        field_name(kpath),
                        f"this field appears twice (first on line {first[key]})",  # an editor's line
                        "keep one of the two and delete the other",
                    )
                )
                continue
            first[key] = (out.editor or (lambda *at: at))(*pos(key_node.start_mark))[0]
            out.keys[kpath] = pos(key_node.start_mark)
            result[key] = _value(value_node, kpath, out, text)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, path + (i,), out, text) for i, item in enumerate(node.value)]
    return _scalar(node, path, out, text)


def _scalar(node, path: Path_, out: Loaded, text: str):
    raw, tag = node.value, node.tag[len(_STD) :]
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
            return _CONSTRUCT.construct_yaml_int(node) if tag == "int" else _CONSTRUCT.construct_yaml_float(node)
        except ValueError:
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
