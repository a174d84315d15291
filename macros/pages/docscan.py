"""Read the prose pages before anything renders.

Each page in docs/ is parsed as a Jinja template (never rendered here) to
find which page hosts which data block, which sources its prose cites, and
any call to an unknown macro or source. Finding these up front means a bad
page fails the build with its name and line, before a single file is
written, and lets the sources page list every place a source is cited.

A page that cites anything ends with `{{ references() }}`, its reference list.
The list is a macro rather than something a page hook appends, so it renders
the same in every engine that runs the macros (MkDocs, Zensical); Jinja renders
top to bottom, so by then every marker of the page has its number.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from ..data import kinds
from ..data.errors import Problem, did_you_mean
from . import pagesyntax

REFERENCES = "references"
_LINES = re.compile(r"\r\n|\r|\n")
HOME = "index.md"  # the explainer, and the site's home page
# Blocks whose records cite sources: those of a kind that refers to sources.
CITING_BLOCKS = frozenset(k.block for k in kinds.KINDS if any(r.kind == "source" for r in k.refs))
_REFERENCES_HINT = "end the page with {{ references() }} on a line of its own: it shows the page's reference list"


@dataclass
class PageInfo:
    src: str  # path inside docs/, e.g. "timeline.md"
    title: str
    blocks: list[str] = field(default_factory=list)  # data blocks the page shows, in order
    cited: list[str] = field(default_factory=list)  # source ids its prose cites, in order


@dataclass
class Pages:
    pages: dict[str, PageInfo]
    hosts: dict[str, str]  # block name -> the page that shows it
    unread: list[str] = field(default_factory=list)  # pages not valid UTF-8 or whose macros cannot be read

    def host(self, block: str) -> str | None:
        return self.hosts.get(block)


def scan(
    docs_dir: Path, docs_label: str, blocks: set[str], source_ids: set[str] | None, page_macros: Set[str] = frozenset()
) -> tuple[Pages, list[Problem]]:
    """`page_macros`: the macros a page may call besides its blocks, cite and references (a generic page's title)."""
    problems: list[Problem] = []
    pages: dict[str, PageInfo] = {}
    hosts: dict[str, str] = {}
    unread: list[str] = []
    env = jinja2.Environment()
    allowed = blocks | {"cite", REFERENCES} | page_macros  # the explainer's macros, and nothing else (pagesyntax.py)
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        label = f"{docs_label}/{src}"
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as err:
            problems.append(_not_utf8(label, path.read_bytes(), err))
            unread.append(src)
            continue
        info = pages[src] = PageInfo(src, _title(text, src))
        lines = _lines(text)
        try:
            tree = env.parse(text)
        except jinja2.TemplateSyntaxError as err:
            unread.append(src)
            problems.append(
                Problem(
                    label,
                    err.lineno or 1,
                    1,
                    "",
                    f"the macro syntax is broken: {err.message}",
                    'macros look like {{ cite("source-id") }}',
                )
            )
            continue
        problems += pagesyntax.refused(tree, label, lines, allowed)
        for name in sorted(meta.find_undeclared_variables(tree) - allowed - pagesyntax.looked_into(tree)):
            line = next((n.lineno for n in tree.find_all(nodes.Name) if n.name == name), 1)
            problems.append(
                Problem(
                    label,
                    line,
                    _col(lines, line, name),
                    name,
                    f"unknown macro '{name}'",
                    did_you_mean(name, blocks | {"cite", REFERENCES} | page_macros, listed="known macros"),
                )
            )
        problems += _repeated_groups(tree, label, lines)
        problems += _references(tree, label, lines)
        for call in tree.find_all(nodes.Call):
            called = call.node.name if isinstance(call.node, nodes.Name) else None
            if called == "cite":
                problems += _cite_args(call, label, source_ids, info, lines)
            elif called in blocks:
                info.blocks.append(called)
                if called in hosts and hosts[called] != src:
                    problems.append(
                        Problem(
                            label,
                            call.lineno,
                            _col(lines, call.lineno, called),
                            called,
                            f"'{called}' is already shown on {docs_label}/{hosts[called]}",
                            "show each data block on one page only, so its links have one target",
                        )
                    )
                hosts.setdefault(called, src)
    if docs_dir.is_dir() and HOME not in pages:  # a moved or renamed home page: every page links to it
        problems.append(
            Problem(
                f"{docs_label}/{HOME}",
                1,
                1,
                "",
                f"{docs_label}/{HOME} is missing: the explainer needs it, as the site's home page",
                f"put it back, or rename the page you moved back to {HOME}",
            )
        )
    return Pages(pages, hosts, unread), problems


def _repeated_groups(tree: nodes.Template, label: str, lines: list[str]) -> list[Problem]:
    """The same citation group after two sentences in a row of one paragraph: readers see [1][2] … [1][2].
    Citing once, after the last sentence the sources back, says the same with less clutter."""
    paragraph, n = [], 0
    for line in lines:  # which paragraph (run of non-blank lines) each line is in
        n += not line.strip()
        paragraph.append(n)
    problems: list[Problem] = []
    before, on_line = None, {}  # type: tuple | None, dict[int, int]
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "cite"):
            continue
        nth = on_line[call.lineno] = on_line.get(call.lineno, -1) + 1
        group = tuple(sorted(a.value for a in call.args if isinstance(a, nodes.Const)))
        here = (paragraph[call.lineno - 1] if call.lineno <= len(paragraph) else -1, group)
        if before is not None and before[1] == here and group:
            found = [m.start() + 1 for m in re.finditer(r"cite\(", lines[call.lineno - 1])]
            problems.append(
                Problem(
                    label,
                    call.lineno,
                    found[nth] if nth < len(found) else 1,
                    "cite",
                    f"the same sources ({', '.join(group)}) are cited for the sentence before (line {before[0]})",
                    "cite them once, after the last sentence of the run they back",
                )
            )
        before = (call.lineno, here)
    return problems


def _called(call: nodes.Call) -> str | None:
    return call.node.name if isinstance(call.node, nodes.Name) else None


def _references(tree: nodes.Template, label: str, lines: list[str]) -> list[Problem]:
    """A page that cites must end with {{ references() }}: once, taking nothing, after every citation."""
    calls = [c for c in tree.find_all(nodes.Call) if _called(c)]  # in page order
    refs = [c for c in calls if _called(c) == REFERENCES]

    def problem(lineno: int, needle: str, message: str, hint: str) -> Problem:
        return Problem(label, lineno, _col(lines, lineno, needle) if needle else 1, REFERENCES, message, hint)

    problems = [
        problem(
            extra.lineno,
            REFERENCES,
            "the reference list is shown more than once on this page",
            "keep only the {{ references() }} at the end of the page",
        )
        for extra in refs[:-1]  # the last one is the one to keep
    ]
    problems += [
        problem(
            c.lineno,
            REFERENCES,
            "references() takes nothing between its brackets",
            "write it as {{ references() }}; it lists every source the page cites",
        )
        for c in refs
        if c.args or c.kwargs
    ]
    if not any(_called(c) == "cite" or _called(c) in CITING_BLOCKS for c in calls):
        return problems
    if not refs:
        problems.append(
            problem(
                len(lines) or 1,
                "",
                "the page cites sources but does not end with {{ references() }}, so its "
                "citation numbers point at nothing",
                _REFERENCES_HINT,
            )
        )
    elif calls[-1] is not refs[-1]:
        after = calls[calls.index(refs[-1]) + 1]
        name = _called(after) or ""
        problems.append(
            problem(
                after.lineno,
                name,
                f"{{{{ {name}() }}}} comes after {{{{ references() }}}} (line {refs[-1].lineno}), "
                "so the reference list is not the last thing on the page",
                "move {{ references() }} to the end of the page, after every citation and block",
            )
        )
    return problems


def _col(lines: list[str], lineno: int, needle: str) -> int:
    """The column where `needle` first appears on a line, not inside a word (1 when it cannot be found)."""
    text = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    found = re.search(r"(?<![\w-])" + re.escape(needle), text)
    return found.start() + 1 if found else 1


def _not_utf8(label: str, raw: bytes, err: UnicodeDecodeError) -> Problem:
    before = raw[: err.start]
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
    return Problem(
        label,
        before.count(b"\n") + 1,
        col,
        "",
        "the page is not valid UTF-8 text",
        "save the file with the UTF-8 encoding",
    )


def _cite_args(
    call: nodes.Call, label: str, source_ids: set[str] | None, info: PageInfo, lines: list[str]
) -> list[Problem]:
    """`source_ids` is None when data/sources.yml could not be read: its problems say enough."""

    def problem(lineno: int, message: str, hint: str, col: int | None = None) -> Problem:
        return Problem(label, lineno, col or _col(lines, lineno, "cite("), "cite", message, hint)

    example = 'write it like {{ cite("news-site-2024-01-31") }}'
    problems = []
    if not call.args or call.kwargs:
        problems.append(problem(call.lineno, "cite() needs one or more source ids", example))
    call_ids: set[str] = set()
    for arg in call.args:
        if not isinstance(arg, nodes.Const) or not isinstance(arg.value, str):
            problems.append(problem(call.lineno, "cite() takes source ids in quotes", example))
        elif arg.value in call_ids:  # cite("a", "a") would show [4][4]
            line = lines[arg.lineno - 1] if arg.lineno <= len(lines) else ""
            quoted = [m.start() + 1 for m in re.finditer(f"[\"']{re.escape(arg.value)}[\"']", line)]
            problems.append(
                problem(
                    arg.lineno,
                    f"cite() names the source '{arg.value}' twice",
                    "name each source once in a citation",
                    quoted[1] if len(quoted) > 1 else None,
                )
            )
        elif source_ids is not None and arg.value not in source_ids:
            col = _col(lines, arg.lineno, f'"{arg.value}"')
            col = col if col > 1 else _col(lines, arg.lineno, f"'{arg.value}'")
            problems.append(
                problem(
                    arg.lineno,
                    f"unknown source '{arg.value}'",
                    did_you_mean(arg.value, source_ids, "Sources are defined in data/sources.yml.", "known sources"),
                    col,
                )
            )
        else:
            info.cited.append(arg.value)
        if isinstance(arg, nodes.Const):
            call_ids.add(arg.value)
    return problems


def _lines(text: str) -> list[str]:
    """A page's lines as Jinja and editors' tools count them: not split at U+2028, U+0085 or a form feed."""
    lines = _LINES.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def _title(text: str, src: str) -> str:
    for line in _lines(text):
        if line.startswith("# "):
            return line[2:].strip()  # "{{ title() }}" is resolved by the site, which knows the event
    return Path(src).stem.replace("-", " ").capitalize()
