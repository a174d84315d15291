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
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem
from .yamlerrors import straight, syntax_problem

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 20  # the data needs 7 levels; deeper nesting is a mistake or an attack on the parser
Path_ = tuple  # a path into the data: ("statements", 3, "actor")

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
# Characters that change how text looks without being seen, by name; `invisible()` adds whole classes.
_INVISIBLE = {
    0x061C: "arabic letter mark",
    0x200B: "zero-width space",
    0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner",
    0x200E: "left-to-right mark",
    0x200F: "right-to-left mark",
    0x202A: "bidirectional embedding",
    0x202B: "bidirectional embedding",
    0x202C: "bidirectional pop",
    0x202D: "bidirectional override",
    0x202E: "bidirectional override",
    0x2060: "word joiner",
    0x2066: "bidirectional isolate",
    0x2067: "bidirectional isolate",
    0x2068: "bidirectional isolate",
    0x2069: "bidirectional isolate",
    0xFEFF: "zero-width no-break space (BOM)",
    0x00AD: "soft hyphen",
    0x180E: "Mongolian vowel separator",
    0x115F: "Hangul filler",
    0x1160: "Hangul filler",
    0x3164: "Hangul filler",
    0xFFA0: "Hangul filler",
}


def invisible(ch: str) -> str | None:
    """What an invisible or unshowable character is, in words; None for an ordinary one."""
    code = ord(ch)
    if code in _INVISIBLE:
        return f"an invisible {_INVISIBLE[code]}"
    if 0xE0000 <= code <= 0xE007F:
        return "an invisible tag character"
    category = unicodedata.category(ch)
    if category == "Cf":
        return "an invisible formatting character"
    if category == "Cs":
        return "a broken character (half of a surrogate pair)"
    if category == "Co":
        return "a private-use character, which shows differently on every device"
    return None


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


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


# What YAML accepts in a file (its "printable" characters); anything else is refused by the parser.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _control_characters(label: str, text: str) -> list[Problem]:
    problems = []
    for m in list(_NOT_PRINTABLE.finditer(text))[:10]:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        problems.append(
            Problem(
                label,
                line,
                col,
                "",
                f"the file contains an invisible control character (U+{ord(m[0]):04X})",
                "delete it; it often comes with text copied from another program",
            )
        )
    return problems


def _bytes(path: Path, label: str, out: Loaded) -> bytes | None:
    """The file's bytes, or None with a problem: the size is checked before anything is read."""
    root = path
    for _ in Path(label).parts:
        root = root.parent
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            out.problems.append(
                Problem(
                    label,
                    1,
                    1,
                    "",
                    "the file is a link to a file outside the project",
                    "copy the file into the project instead of linking to it",
                )
            )
            return None
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a pipe would make open() wait forever
            out.problems.append(
                Problem(
                    label, 1, 1, "", "this is not a file that can be read", f"{label} must be an ordinary text file"
                )
            )
            return None
        with open(path, "rb", buffering=0) as fh:
            raw = fh.read(MAX_FILE_BYTES + 1) if info.st_size <= MAX_FILE_BYTES else b""
    except IsADirectoryError:
        out.problems.append(
            Problem(
                label,
                1,
                1,
                "",
                "this is a folder, not a file",
                f"{label} must be a text file: rename or move the folder",
            )
        )
        return None
    except PermissionError:
        out.problems.append(
            Problem(
                label,
                1,
                1,
                "",
                "the file cannot be read: permission denied",
                f"let your user read it, for example with: chmod a+r {label}",
            )
        )
        return None
    except OSError as err:
        out.problems.append(
            Problem(
                label,
                1,
                1,
                "",
                f"the file cannot be read ({err.strerror or 'system error'})",
                "check that it is an ordinary file you can open in your editor",
            )
        )
        return None
    if info.st_size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        out.problems.append(
            Problem(
                label,
                1,
                1,
                "",
                f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                "split it or remove unneeded text",
            )
        )
        return None
    return raw


def read(path: Path, label: str, top: str = "") -> Loaded:
    """Read `path`; `label` is how problems name it (e.g. data/actors.yml), `top` the field it must start with."""
    out = Loaded(label)
    raw = _bytes(path, label, out)
    if raw is None:
        return out
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
    control = _control_characters(label, text)
    if control:  # the YAML parser would stop at the first; report them all
        out.problems += control
        return out
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
            out.problems.append(Problem(label, *_pos(event.start_mark), "", *problem))
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
    out.values[path] = _pos(node.start_mark)
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
                out.values[path + ("<<",)] = _pos(key_node.start_mark)
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
            out.keys.setdefault(kpath, _pos(key_node.start_mark))
            if _check_visible(key_node, key, kpath, out, text, key=True):
                out.lost.add(path)
                continue
            if key in first:
                out.values[kpath] = _pos(key_node.start_mark)
                out.problems.append(
                    Problem(
                        out.file,
                        *_pos(key_node.start_mark),
                        field_name(kpath),
                        f"this field appears twice (first on line {first[key]})",
                        "keep one of the two and delete the other",
                    )
                )
                continue
            first[key] = key_node.start_mark.line + 1
            out.keys[kpath] = _pos(key_node.start_mark)
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
    if _check_visible(node, raw, path, out, text):
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


def _check_visible(node, raw: str, path: Path_, out: Loaded, text: str, key: bool = False) -> bool:
    """Report the first invisible or control character in a value or a field name; True if there was one."""
    if raw.isascii() and raw.isprintable():
        return False
    for i, ch in enumerate(raw):
        what = invisible(ch)
        if what:
            hint = "delete it; retype the text around it if unsure"
        elif unicodedata.category(ch) == "Cc" and (key or ch not in "\n\t"):
            what, hint = "a control character", "delete it"
        else:
            continue
        if node.style == '"' and "\\" in text[node.start_mark.index : node.end_mark.index]:
            hint += f"; between double quotes it may be written as an escape, like \\u{ord(ch):04x}"
        where = "field name" if key else "text"
        out.problems.append(
            out.problem(path, f"the {where} contains {what} (U+{ord(ch):04X}) at character {i + 1}", hint, key=key)
        )
        return True
    return False
