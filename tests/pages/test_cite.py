"""Citation numbering: per page, in order of first use, reused on repeat."""

from types import SimpleNamespace

import jinja2
import pytest

from macros.engine import adapter
from macros.pages.cite import Citations
from macros.pages.site import Explainer
from support.project import EVENTS, event_dir
from support.render import MacrosEnv


def test_numbers_follow_first_use():
    c = Citations()
    assert [c.use(s).number for s in ("b", "a", "c")] == [1, 2, 3]


def test_a_source_cited_again_keeps_its_number_and_gets_a_new_anchor():
    c = Citations()
    first, _, again = c.use("a"), c.use("b"), c.use("a")
    assert (first.number, again.number) == (1, 1)
    assert (first.anchor, again.anchor) == ("cite-a-1", "cite-a-2")
    assert first.target == again.target == "ref-a"


def test_references_list_every_use_in_order():
    c = Citations()
    for s in ("x", "y", "x", "x"):
        c.use(s)
    refs = c.references()
    assert [(r.number, r.source_id) for r in refs] == [(1, "x"), (2, "y")]
    assert refs[0].uses == ["cite-x-1", "cite-x-2", "cite-x-3"]
    assert refs[1].uses == ["cite-y-1"]


def test_each_page_starts_again_from_one():
    one, two = Citations(), Citations()
    one.use("a")
    one.use("b")
    assert two.use("b").number == 1


@pytest.mark.parametrize("event", EVENTS)
def test_page_view_numbers_prose_and_data_blocks_together(event):
    ex = Explainer.load(event_dir(event))
    page = ex.page("index.md")
    first_fact_source = ex.data.event.key_facts[0].sources[0]
    page.cite(first_fact_source)
    page.block("key_facts")
    refs = page.references()
    assert f'id="ref-{first_fact_source}" value="1"' in refs
    assert 'href="#cite-' + first_fact_source + '-2"' in refs


@pytest.mark.parametrize("event", EVENTS)
def test_macros_number_per_page_without_page_hooks(event):
    """Zensical runs define_env but no page hooks: the macros alone still restart numbering per page."""
    root = event_dir(event)
    env = MacrosEnv(root)
    adapter.define_env(env)
    sources = list(adapter.Explainer.load(root).data.sources)[:2]
    numbers = []
    for src in ("index.md", "timeline.md"):
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=src), meta={})
        numbers.append([str(env.macros["cite"](s)).count("&#91;1&#93;") for s in (sources[1], sources[0])])
    assert numbers == [[1, 0], [1, 0]]


def test_a_source_s_citation_is_made_once_and_without_the_page():
    ex = Explainer.load(event_dir("sample"))
    source = next(iter(ex.data.sources.values()))
    made = ex.once("_citation.html.j2", "citation", source)
    assert source.publisher in made and ex.once("_citation.html.j2", "citation", source) is made
    # A macro that links to a page (its links depend on the page) cannot be made once for every page.
    actor = next(iter(ex.data.actors))
    with pytest.raises(jinja2.UndefinedError):
        ex.once("_macros.html.j2", "actor_link", actor)
