"""A page's {{ … }} renders in Jinja's sandbox with the explainer's macros alone (macros/engine/sandbox.py).

`make check` refuses these pages first (tests/inputs/invalid/docs_macro_reaches_python); this is the
guard where the engine renders them, tried on mkdocs-macros' kind of environment directly.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from macros.engine import adapter


@pytest.fixture
def guarded(tmp_path):
    """mkdocs-macros' environment, as it is configured, with the explainer's macros, after the guard."""
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.globals.update({name: (lambda *a, name=name: f"<{name}>") for name in adapter.MACROS})
    jinja.globals["macros_info"] = lambda: "mkdocs-macros' own"
    state = adapter._State(tmp_path, tmp_path / "docs", preview=True)
    state.guard_templates(SimpleNamespace(env=jinja))
    return jinja, state


def attacks(marker) -> list[str]:
    return [
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
        f"{{{{ joiner.__init__.__globals__['os'].system('touch {marker}') }}}}",
        "{{ lipsum.__globals__['os'].environ.get('HOME') }}",
        "{{ cite.__globals__ }}",
        '{{ ""|attr("__class__") }}',
        "{{ ().__class__.__base__.__subclasses__() }}",
        "{{ config['plugins'] }}",
        "{{ macros_info() }}",
        "{{ namespace() }}",
        "{% set x = [] %}{{ x.append(1) }}",
    ]


@pytest.mark.parametrize("n", range(len(attacks(""))))
def test_a_page_cannot_reach_python(guarded, tmp_path, n):
    jinja, state = guarded
    marker = tmp_path / "ran"
    page = attacks(marker)[n]
    # mkdocs-macros hands every page its variables; none of them reaches the page.
    shown = jinja.from_string(page).render(config={"plugins": "a value"}, page=SimpleNamespace(title="x"))
    assert shown == "" and not marker.exists()
    (problem,) = state.pending
    assert problem.message.startswith("this part of the page could not be shown"), problem.message
    assert str(Path.home()) not in problem.message, "nothing the attack read is echoed back"


def test_the_explainers_macros_still_render(guarded):
    jinja, state = guarded
    page = (
        '# {{ title() }}\n\nText. {{ cite("a", "b") }}\n\n{{ timeline() }}\n\n{% raw %}{{ x }}{% endraw %} {{ "{{" }}'
    )
    assert jinja.from_string(page).render(title="front matter") == (
        "# <title>\n\nText. <cite>\n\n<timeline>\n\n{{ x }} {{"
    )
    assert state.pending == []
