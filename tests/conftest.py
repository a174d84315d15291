"""Shared fixtures: a copy of the project to break, and one built site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser_support import DESKTOP, LAUNCH_ARGS, find_chromium, palette_script, serve

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "data", "macros", "overrides")


def copy_project(dest: Path, names=COPIED) -> Path:
    """A throwaway copy of everything a build reads (or of just `names`, paths inside the project)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def mkdocs_build(project: Path, site: Path, **env_vars: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_vars)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict` from a copy of the project."""
    base = tmp_path_factory.mktemp("built")
    proj = copy_project(base / "project")
    result = mkdocs_build(proj, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


# ---------- the browser tests' fixtures ----------

@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory):
    """The site built with site_url set to where it is served.

    Material's instant navigation only takes over links listed in sitemap.xml,
    which is empty without site_url; so this second build, served at the very
    address it names, is where instant navigation (and og:url) can be tested.
    """
    base = tmp_path_factory.mktemp("instant")
    project, site = copy_project(base / "project"), base / "site"
    site.mkdir()
    with serve(site) as url:
        result = mkdocs_build(project, site, SITE_URL=url)  # mkdocs.yml reads site_url from SITE_URL
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


@pytest.fixture(scope="session")
def browser():
    path, problem = find_chromium()
    if path is None:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


@pytest.fixture
def open_context(browser):
    """Make browser contexts (light or dark, any viewport); all are closed after the test."""
    made = []

    def make(scheme: str = "light", viewport=DESKTOP, **kwargs):
        ctx = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce", **kwargs)
        if kwargs.get("java_script_enabled", True):
            ctx.add_init_script(palette_script(scheme))
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()

