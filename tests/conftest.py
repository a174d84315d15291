"""Fixtures only; what they use lives in tests/support/.

Built-site fixtures build fixture events from tests/events/ (never the repository's
data/, except `repo_site`, which only generic checks use). Builds are made once per
session (per xdist worker) and shared. The browser fixtures import Playwright lazily,
so a run of the unit tests (`pytest -m "not browser"`) needs no browser stack.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import NamedTuple

import pytest

from support.project import EVENTS, REPO, build_ok, make_project


class Built(NamedTuple):
    project: Path
    site: Path


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the "sample" fixture event with the code: free to break."""
    return make_project(tmp_path / "project", "sample")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """built(event) -> Built: a fixture event (or REPO) built once with `mkdocs build --strict`."""
    cache: dict = {}

    def get(event) -> Built:
        key = "repo" if event == REPO else str(event)
        if key not in cache:
            base = tmp_path_factory.mktemp(f"built-{key}")
            proj = make_project(base / "project", event)
            cache[key] = Built(proj, build_ok(proj, base / "site"))
        return cache[key]

    return get


@pytest.fixture(scope="session", params=EVENTS)
def event_site(request, built) -> Built:
    """Each fixture event's built site in turn: for assertions that hold for any event."""
    return built(request.param)


@pytest.fixture(scope="session")
def built_site(built) -> Path:
    """The "sample" fixture event's built site."""
    return built("sample").site


@pytest.fixture(scope="session")
def repo_site(built) -> Path:
    """The site of whatever data/ and docs/ hold: only for checks that hold for any valid event."""
    return built(REPO).site


# ---------- the browser tests' fixtures ----------


@pytest.fixture(scope="session")
def served(built):
    """served(event) -> the URL of that event's built site, served on 127.0.0.1 until the session ends."""
    from support.browser import serve

    urls: dict = {}
    with ExitStack() as stack:

        def get(event="sample") -> str:
            if event not in urls:
                urls[event] = stack.enter_context(serve(built(event).site))
            return urls[event]

        yield get


@pytest.fixture(scope="session")
def site_url(served) -> str:
    return served("sample")


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory):
    """The sample site built with site_url set to where it is served.

    Material's instant navigation only takes over links listed in sitemap.xml,
    which is empty without site_url; so this second build, served at the very
    address it names, is where instant navigation (and og:url) can be tested.
    """
    from support.browser import serve

    base = tmp_path_factory.mktemp("instant")
    proj, site = make_project(base / "project", "sample"), base / "site"
    site.mkdir()
    with serve(site) as url:
        build_ok(proj, site, SITE_URL=url)  # mkdocs.yml reads site_url from SITE_URL
        yield url


@pytest.fixture(scope="session")
def browser():
    from support.browser import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def open_context(browser):
    """Make browser contexts (light or dark, any viewport); all are closed after the test."""
    from support.browser import new_context

    made = []

    def make(*args, **kwargs):
        made.append(new_context(browser, *args, **kwargs))
        return made[-1]

    yield make
    for ctx in made:
        ctx.close()
