"""Turn PyYAML's syntax errors into an editor's words.

PyYAML reports where its parser gave up, in parser terms ("expected <block
end>"). These rules look at the text around that spot to say what the
editor most likely did (an unclosed quote, a tab, a misaligned field) and
point at where it happened.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def syntax_problem(file: str, err: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = _pos(mark) if mark else (1, 1)
    problem, context = err.problem or "", err.context or ""
    source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "'\\t'" in problem or "\t" in problem:
        before = source[: col - 1]
        if _KEY_ONLY.match(before):
            return Problem(
                file,
                line,
                col,
                "",
                "a tab character separates the field from its value",
                "use a space instead of the tab",
            )
        if before.strip():
            return Problem(
                file,
                line,
                col,
                "",
                "the text contains a tab character",
                "replace the tab with a space, or put the whole text in double quotes and write the tab as \\t",
            )
        return Problem(
            file,
            line,
            col,
            "",
            "a tab character is used for indentation",
            "YAML needs spaces: replace the tab with spaces",
        )
    curly = _CURLY_START.match(source)
    if curly:
        return Problem(
            file,
            line,
            len(curly[1]) + 1,
            "",
            "curly quotes used as YAML quotes",
            f"YAML only reads straight quotes as quotes; write it as {curly[2]}: {straight(curly[3])}",
        )
    if "quoted scalar" in context:
        qline, qcol = _pos(err.context_mark)
        return Problem(
            file,
            qline,
            qcol,
            "",
            "this quoted text is never closed",
            "add the closing quotation mark, or escape quotes inside the text",
        )
    opened = _unclosed_quote(text, line)
    if opened:
        return Problem(
            file,
            *opened,
            "",
            "the quoted text that starts here is never closed",
            'add the closing quotation mark at the end of the text; a " inside double-quoted text is written \\"',
        )
    start = _START_CHAR.search(problem)
    if start or context in ("while scanning an alias", "while scanning an anchor"):
        char = start[1] if start else ("*" if "alias" in context else "&")
        line, col = _pos(err.context_mark) if not start else (line, col)
        return Problem(
            file,
            line,
            col,
            "",
            f"text cannot start with '{char}' unless it is in quotes",
            f'put the whole text in quotes, like "{char}…"',
        )
    indent = _misaligned(text, line)
    if "mapping values are not allowed" in problem and indent:
        return Problem(
            file,
            line,
            indent + 1,
            "",
            "this line is indented differently from the field above it",
            "line it up with the other fields of the record: the same number of spaces",
        )
    inner = _INNER_QUOTE.match(source)
    if ("expected <block end>" in problem or "did not find expected" in problem) and inner and col > 1:
        key, quote_mark, text = inner[2], inner[3], inner[4]
        fix = f"{key}: '{text.replace(chr(39), chr(39) * 2)}'" if quote_mark == '"' else f"{key}: {straight(text)}"
        return Problem(
            file,
            line,
            len(inner[1]) + 1,
            "",
            f"a {quote_mark} inside the text ends the quoted text early",
            f"put the whole text in the other kind of quotes: {fix}",
        )
    if "expected <block end>" in problem and _QUOTED_START.match(source) and col > 1:
        return Problem(
            file,
            line,
            col,
            "",
            "text that starts with a quotation mark must be quoted as a whole",
            "put the whole text in single quotes, like '\"Yes\" was the answer', or reword its start",
        )
    if "mapping values are not allowed" in problem:
        return Problem(
            file,
            line,
            col,
            "",
            "a colon followed by a space is not allowed here",
            "put text that contains ': ' in quotes",
        )
    if "expected <block end>" in problem or "did not find expected" in problem:
        return Problem(
            file,
            line,
            col,
            "",
            "the indentation or structure here is not valid YAML",
            "check that items at the same level start in the same column",
        )
    words = f"{context} {problem}".strip()
    return Problem(
        file,
        line,
        col,
        "",
        f"this is not valid YAML ({words})",
        "check quotes, colons and indentation around this line",
    )


_START_CHAR = re.compile(r"found character '(.)' that cannot start any token")


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """Where a quotation starts that ran over several lines and ended just where the error is.

    A missing closing quotation mark makes YAML read on until the next one, usually the opening
    mark of a later value; the error then shows up there, far from the real mistake."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                last = token
    except yaml.MarkedYAMLError:
        pass
    if last is not None and last.end_mark.line + 1 == error_line:
        return _pos(last.start_mark)
    return None


_KEY_ONLY = re.compile(r"^\s*(- )?[A-Za-z_][\w-]*:\s*$")
# A value opened with a curly quote: (indent and key, key, value).
_CURLY_START = re.compile(r"^(\s*(?:- )?([A-Za-z_][\w-]*): +)([“‘„].*[”’“])\s*$")
# A value quoted from start to end with more quotes of the same kind inside: (prefix, key, mark, text).
_INNER_QUOTE = re.compile(r"""^(\s*(?:- )?([A-Za-z_][\w-]*): +)(["'])((?:(?!\3).)*\3.*?)\3\s*$""")


def straight(text: str) -> str:
    """`text` between straight double quotes, escaped as YAML needs."""
    inner = text[1:-1] if text[:1] in "“‘„" and text[-1:] in "”’“" else text
    return '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'


_KEY_LINE = re.compile(r"^( *)(- )?[A-Za-z_][\w-]*:( |$)")
_QUOTED_START = re.compile(r"""^\s*(- )?[A-Za-z_][\w-]*: +["'][^"']*["'] *\S""")


def _misaligned(text: str, line: int) -> int | None:
    """The indentation of line `line` when it is a field whose indent differs from the field above."""
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    above = next((_KEY_LINE.match(x) for x in reversed(lines[: line - 1]) if x.strip()), None)
    if not here or not above:
        return None

    def indent(m):
        return len(m[1]) + (len(m[2]) if m[2] else 0)

    return len(here[1]) if indent(here) != indent(above) else None
