"""Stage 1: read one YAML data file strictly, keeping a line for every value.

PyYAML is used only to *compose* the document into nodes; values are then
built here, so that YAML 1.1 surprises (`no` read as false, `12:30` read as
the number 750, `2022-13-45` crashing the date parser) become errors with a
position instead of silent conversions. Anchors, aliases and custom tags are
refused outright: data files never need them and aliases allow "billion
laughs" expansion.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem
from .yamlerrors import syntax_problem

MAX_FILE_BYTES = 2_000_000
Path_ = tuple  # a path into the data: ("statements", 3, "actor")

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
# Characters that change how text looks without being seen.
_INVISIBLE = {
    0x061C: "arabic letter mark", 0x200B: "zero-width space", 0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner", 0x200E: "left-to-right mark", 0x200F: "right-to-left mark",
    0x202A: "bidirectional embedding", 0x202B: "bidirectional embedding", 0x202C: "bidirectional pop",
    0x202D: "bidirectional override", 0x202E: "bidirectional override", 0x2060: "word joiner",
    0x2066: "bidirectional isolate", 0x2067: "bidirectional isolate", 0x2068: "bidirectional isolate",
    0x2069: "bidirectional isolate", 0xFEFF: "zero-width no-break space (BOM)",
}


_CONSTRUCT = yaml.SafeLoader("")  # only its number constructors are used


def field_name(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Loaded:
    """One file's values, with where each value and each key starts."""

    file: str
    data: object = None
    values: dict = field(default_factory=dict)  # path -> (line, col) of the value
    keys: dict = field(default_factory=dict)  # path -> (line, col) of the key naming it
    problems: list = field(default_factory=list)
    flagged: set = field(default_factory=set)  # paths with a problem already reported
    lost: set = field(default_factory=set)  # paths whose value was refused (read as nothing)

    def at(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The best known position for a path: its key, its value or its parent."""
        path = tuple(path)
        while True:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for t in table:
                if path in t:
                    return t[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def is_flagged(self, path: Path_) -> bool:
        """Whether a problem was already reported at this path or around it."""
        path = tuple(path)
        return any(path[:n] in self.flagged for n in range(len(path) + 1))

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> Problem:
        self.flagged.add(tuple(path))
        line, col = self.at(path, key=key)
        return Problem(self.file, line, col, field_name(path), message, hint)


class _Refused(Exception):
    def __init__(self, mark, message, hint=""):
        self.mark, self.message, self.hint = mark, message, hint


class _StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"YAML aliases (*{event.anchor}) are not allowed",
                           "write the value out in full; if this is text starting with '*', put it in quotes")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, f"YAML anchors (&{event.anchor}) are not allowed",
                           "write the value out in full; if this is text starting with '&', put it in quotes")
        return super().compose_node(parent, index)


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


# What YAML accepts in a file (its "printable" characters); anything else is refused by the parser.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _control_characters(label: str, text: str) -> list[Problem]:
    problems = []
    for m in list(_NOT_PRINTABLE.finditer(text))[:10]:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        problems.append(Problem(label, line, col, "",
                                f"the file contains an invisible control character (U+{ord(m[0]):04X})",
                                "delete it; it often comes with text copied from another program"))
    return problems


def read(path: Path, label: str, top: str = "") -> Loaded:
    """Read `path`; `label` is how problems name it (e.g. data/actors.yml), `top` the field it must start with."""
    out = Loaded(label)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        out.problems.append(Problem(label, 1, 1, "", f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                                    "split it or remove unneeded text"))
        return out
    if raw.startswith(b"\xef\xbb\xbf"):
        out.problems.append(Problem(label, 1, 1, "", "the file starts with an invisible byte-order mark (BOM)",
                                    "save the file as UTF-8 without BOM"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8")) + 1
        out.problems.append(Problem(label, line, col, "", "the file is not valid UTF-8 text",
                                    "save the file with the UTF-8 encoding"))
        return out
    control = _control_characters(label, text)
    if control:  # the YAML parser would stop at the first; report them all
        out.problems += control
        return out
    loader = _StrictLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            out.problems.append(Problem(label, 1, 1, "", "the file is empty",
                                        f"start it with the line '{top}:' and write the data under it" if top
                                        else "write the data into it, or delete the file"))
            return out
        node = loader.compose_document()
        if not loader.check_event(yaml.StreamEndEvent):
            line, col = _pos(loader.peek_event().start_mark)
            out.problems.append(Problem(label, line, col, "", "the file holds more than one YAML document",
                                        "remove the '---' line and merge the documents into one"))
            return out
    except _Refused as err:
        line, col = _pos(err.mark)
        out.problems.append(Problem(label, line, col, "", err.message, err.hint))
        return out
    except yaml.MarkedYAMLError as err:
        out.problems.append(syntax_problem(label, err, text))
        return out
    finally:
        loader.dispose()
    out.data = _value(node, (), out)
    return out


def _value(node, path: Path_, out: Loaded):
    out.values[path] = _pos(node.start_mark)
    if node.tag not in _ALLOWED_TAGS:
        out.problems.append(out.problem(path, f"the YAML tag '{node.tag.replace(_STD, '!!')}' is not allowed",
                                        "remove the tag, or put the text in quotes if it starts with '!'"))
        out.lost.add(path)
        return None
    if isinstance(node, yaml.MappingNode):
        result, first = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _STD + "merge" or key_node.value == "<<":
                out.values[path + ("<<",)] = _pos(key_node.start_mark)
                out.problems.append(out.problem(path + ("<<",), "field names must be plain words",
                                                "merge keys (<<) and complex keys are not supported"))
                out.lost.add(path)
                continue
            key = key_node.value
            kpath = path + (key,)
            if key in first:
                out.values[kpath] = _pos(key_node.start_mark)
                out.problems.append(Problem(out.file, *_pos(key_node.start_mark), field_name(kpath),
                                            f"this field appears twice (first on line {first[key]})",
                                            "keep one of the two and delete the other"))
                continue
            first[key] = key_node.start_mark.line + 1
            out.keys[kpath] = _pos(key_node.start_mark)
            result[key] = _value(value_node, kpath, out)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, path + (i,), out) for i, item in enumerate(node.value)]
    return _scalar(node, path, out)


def _scalar(node, path: Path_, out: Loaded):
    raw, tag = node.value, node.tag[len(_STD):]
    if tag == "null":
        return None
    if tag == "bool":
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        out.problems.append(out.problem(path, f"'{raw}' would be read as true/false, not as text",
                                        f"if you meant the word, put it in quotes: \"{raw}\""))
        return raw  # checked further as the text the editor meant
    if tag in ("int", "float"):
        if ":" in raw:
            out.problems.append(out.problem(path, f"'{raw}' would be read as a number, not as a time",
                                            f"put it in quotes: \"{raw}\""))
            return raw
        try:
            return _CONSTRUCT.construct_yaml_int(node) if tag == "int" else _CONSTRUCT.construct_yaml_float(node)
        except ValueError:
            return raw
    # Dates and timestamps stay text; the model parses them with a position.
    _check_visible(node, raw, path, out)
    return raw


def _check_visible(node, raw: str, path: Path_, out: Loaded) -> None:
    for i, ch in enumerate(raw):
        code = ord(ch)
        if code in _INVISIBLE or (unicodedata.category(ch) == "Cc" and ch not in "\n\t"):
            if code in _INVISIBLE:
                what, hint = f"an invisible {_INVISIBLE[code]}", "delete it; retype the text around it if unsure"
            else:
                what, hint = "a control character", "delete it"
            if node.style == '"' and "\\" in node.start_mark.buffer[node.start_mark.index:node.end_mark.index]:
                hint += f"; between double quotes it may be written as an escape, like \\u{code:04x}"
            out.problems.append(out.problem(path, f"the text contains {what} (U+{code:04X}) at character {i + 1}",
                                            hint))
            return
