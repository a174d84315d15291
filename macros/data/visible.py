"""What an editor cannot see: control characters, which YAML refuses, and invisible or unshowable
characters (zero-width, bidirectional controls, private use), which would change how text reads
without showing. Each is refused with its code point and column, so it can be found and deleted.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import Problem
from .positions import Loaded, Path_

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
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:  # XML, and so the Atom feed, refuses these
        return "a noncharacter, one reserved for programs' internal use"
    category = unicodedata.category(ch)
    if category == "Cf":
        return "an invisible formatting character"
    if category == "Cs":
        return "a broken character (half of a surrogate pair)"
    if category == "Co":
        return "a private-use character, which shows differently on every device"
    return None


# What YAML accepts in a file (its "printable" characters); anything else is refused by the parser.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def control_characters(label: str, text: str) -> list[Problem]:
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


def check_visible(node, raw: str, path: Path_, out: Loaded, text: str, key: bool = False) -> bool:
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
