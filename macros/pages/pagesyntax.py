"""What a page's `{{ … }}` and `{% … %}` may hold: the explainer's macros, called by name.

Pages in docs/ are prose; reviewers read them as prose, and pull requests build in CI. Jinja's
full language would let a page reach Python (`{{ cycler.__init__.__globals__.os.popen(…) }}`), so
the check allows only what a page needs and refuses the rest with its line and column:

- a macro called by its own name: `{{ cite("source-id") }}` with quoted ids (docscan.py checks
  them), the blocks and `{{ references() }}` with nothing between the brackets;
- quoted text, `{{ "{{" }}`, and `{% raw %}…{% endraw %}`, to show braces as they are;
- comments, `{# … #}`.

Refused: looking inside a value (`x.y`, `x["y"]`), a macro under another name (`{% set c = cite %}`),
filters, statements such as `{% set %}`, `{% for %}` or `{% include %}`, and any other expression.
Names that are not macros are docscan's "unknown macro". The build renders pages in Jinja's sandbox
too (macros/engine/sandbox.py), so what slips past here still cannot run.
"""

from __future__ import annotations

from jinja2 import nodes

from ..data.errors import Problem

_HINT = (
    'a page can only call the explainer\'s macros by name, like {{ cite("source-id") }} or {{ timeline() }}; '
    "to show braces as text, put {% raw %} and {% endraw %} around them"
)
# How editors know each statement: by the word that opens it.
_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.For: "for",
    nodes.If: "if",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.With: "with",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from",
    nodes.Extends: "extends",
    nodes.Block: "block",
    nodes.ExprStmt: "do",
}


def refused(tree: nodes.Template, label: str, lines: list[str], macros: set[str]) -> list[Problem]:
    """One problem for each part of the page that is neither text nor a macro called by name."""
    problems: list[Problem] = []

    def problem(node: nodes.Node, field: str, needle: str, message: str) -> None:
        problems.append(Problem(label, node.lineno, _find(lines, node.lineno, needle), field, message, _HINT))

    def expression(node: nodes.Node) -> None:
        if isinstance(node, nodes.Const):
            return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            name = node.node.name
            if name in macros:
                if node.dyn_args or node.dyn_kwargs:
                    problem(node, name, "*", f"{name}() takes quoted values only")
                elif name not in ("cite", "references") and (node.args or node.kwargs):  # docscan words those
                    problem(node, name, f"{name}(", f"{name}() takes nothing between its brackets")
                return
            for arg in [*node.args, *(k.value for k in node.kwargs)]:  # the name itself is docscan's
                expression(arg)
            return
        if isinstance(node, nodes.Name):
            if node.name in macros:
                problem(node, node.name, node.name, f"{node.name} is used without being called here")
            return  # another name: an unknown macro, which docscan.py reports
        look = _first_look(node)
        if look is not None:
            start, needle, shown = _describe(look)
            problem(look, start, needle, f"the page looks inside a value ({shown}), which pages cannot do")
        elif isinstance(node, nodes.Filter):
            problem(node, node.name, "|", f"filters such as '|{node.name}' cannot be used in a page")
        else:
            problem(node, "", "{{", "only the explainer's macros can be used inside {{ … }}")

    def statement(node: nodes.Node) -> None:
        word = _STATEMENTS.get(type(node), type(node).__name__.lower())
        aliased = [n.name for n in node.find_all(nodes.Name) if n.name in macros]
        if aliased:  # `{% set c = cite %}`: the check could no longer see which sources the page cites
            problem(
                node,
                aliased[0],
                aliased[0],
                f"{aliased[0]} is given another name with {{% {word} %}}, which hides what the page cites or shows",
            )
        else:
            problem(node, "", "{%", f"{{% {word} %}} cannot be used in a page")

    for node in tree.body:
        if isinstance(node, nodes.Output):
            for part in node.nodes:
                if not isinstance(part, nodes.TemplateData):
                    expression(part)
        else:
            statement(node)
    return problems


_LOOKS = (nodes.Getattr, nodes.Getitem)


def looked_into(tree: nodes.Template) -> set[str]:
    """Names a page looks inside: refused here, so docscan.py need not call them unknown macros too."""
    bases = (look.node for look in tree.find_all(_LOOKS))  # type: ignore[attr-defined]  # both have .node
    return {base.name for base in bases if isinstance(base, nodes.Name)}


def _first_look(node: nodes.Node) -> nodes.Getattr | nodes.Getitem | None:
    """The innermost `x.y` or `x[y]` of an expression, the one nearest the value it starts from."""
    looks = ([node] if isinstance(node, _LOOKS) else []) + list(node.find_all(_LOOKS))
    for look in looks:
        if not isinstance(look.node, _LOOKS) and not any(True for _ in look.node.find_all(_LOOKS)):
            return look
    return None


def _describe(look: nodes.Getattr | nodes.Getitem) -> tuple[str, str, str]:
    """The name a look starts from, what to find on the line, and how to show it (".__init__")."""
    start = look.node.name if isinstance(look.node, nodes.Name) else ""
    if isinstance(look, nodes.Getattr):
        return start, "." + look.attr, "." + look.attr
    key = look.arg.value if isinstance(look.arg, nodes.Const) else "…"
    return start, "[", f"[{key!r}]"


def _find(lines: list[str], lineno: int, needle: str) -> int:
    """The column of `needle` on the line, or 1."""
    text = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    return text.find(needle) + 1 if needle in text else 1
