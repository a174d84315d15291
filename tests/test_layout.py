"""The code's layout: stages in folders, dependencies one way, no cycles, no module too long.

Read from the source with `ast`, nothing imported. Each stage's `__init__` declares `MAY_IMPORT`, the
stages it may use; these tests hold every import in macros/ to those declarations.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support.project import ROOT

MACROS = ROOT / "macros"
MAX_LINES = 320
FRAMEWORKS = ("mkdocs", "mkdocs_macros", "material", "zensical")  # only the engine talks to these


def modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py under `package`."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ours that `name` imports, lazy ones in functions and type-only ones included."""
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in known}
    found.discard(name)
    return found


def third_party(path: Path) -> set[str]:
    tops = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            tops.add(node.module.split(".")[0])
    return tops


def graph(package: Path) -> dict[str, set[str]]:
    mods = modules(package)
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the path that closes it (a package importing its own modules aside)."""
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if nxt.startswith(node + "."):
                continue  # a package's __init__ re-exporting its own modules is not a cycle
            if state.get(nxt) == "open":
                found.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def stage(module: str) -> str:
    """macros.data.load -> data; the entry points at the top (macros.main, macros.__main__) -> ""."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (MACROS / parts[1]).is_dir()) else ""


def declared() -> dict[str, tuple[str, ...]]:
    """Each stage's MAY_IMPORT, read from its __init__."""
    out = {}
    for init in sorted(MACROS.glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["MAY_IMPORT"]:
                out[init.parent.name] = ast.literal_eval(node.value)
    return out


STAGES = sorted(p.parent.name for p in MACROS.glob("*/__init__.py"))


def test_macros_has_entry_points_at_the_top_and_stages_below():
    top = sorted(p.name for p in MACROS.glob("*.py"))
    assert len(top) <= 6, top
    assert len(STAGES) >= 3, STAGES


@pytest.mark.parametrize("name", STAGES)
def test_each_stage_says_what_it_holds_and_may_import(name):
    tree = ast.parse((MACROS / name / "__init__.py").read_text(encoding="utf-8"))
    assert len(ast.get_docstring(tree) or "") > 80, f"macros/{name}/__init__.py needs a docstring"
    assert name in declared(), f"macros/{name}/__init__.py must declare MAY_IMPORT"
    assert set(declared()[name]) <= set(STAGES) - {name}, declared()[name]


def test_the_stages_depend_one_way():
    may = declared()
    assert may.get("data") == (), "the data stage uses no other stage"
    stage_edges = {s: set(deps) for s, deps in may.items()}
    assert cycles(stage_edges) == []
    wrong = [
        f"{a} imports {b}"
        for a, targets in graph(MACROS).items()
        for b in targets
        if stage(a) and stage(b) and stage(a) != stage(b) and stage(b) not in may.get(stage(a), ())
    ]
    assert wrong == []
    upward = [f"{a} imports {b}" for a, targets in graph(MACROS).items() for b in targets if stage(a) and not stage(b)]
    assert upward == [], "nothing in a stage imports the entry points"


def test_no_import_cycles_in_macros():
    assert cycles(graph(MACROS)) == []


def test_only_the_engine_imports_mkdocs_or_zensical():
    outside = [
        str(path.relative_to(ROOT))
        for name, path in modules(MACROS).items()
        if stage(name) not in ("engine", "") and third_party(path) & set(FRAMEWORKS)
    ]
    assert outside == []


def test_no_module_is_too_long():
    long = {
        str(p.relative_to(ROOT)): n for p in MACROS.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_checks_catch_a_cycle_and_a_wrong_direction(tmp_path):
    """The checks themselves can fail: a made-up package with both faults."""
    pkg = tmp_path / "macros"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "data" / "__init__.py").write_text("")
    (pkg / "data" / "a.py").write_text("from . import b\n")
    (pkg / "data" / "b.py").write_text("def f():\n    from .a import x\n")  # lazy, still a cycle
    (pkg / "data" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..pages import site\n"
    )
    (pkg / "pages").mkdir()
    (pkg / "pages" / "__init__.py").write_text("")
    (pkg / "pages" / "site.py").write_text("")
    edges = graph(pkg)
    assert cycles(edges) == [["macros.data.a", "macros.data.b", "macros.data.a"]]
    assert edges["macros.data.c"] == {"macros.pages", "macros.pages.site"}  # a type-only import counts too
