"""The site the export tests render for: tests/inputs/valid at an example address, its pages as the site has them."""

from __future__ import annotations

from macros.engine.outputs import site_of
from macros.exports import Site
from macros.pages.site import Explainer

from .project import VALID

URL = "https://example.org/explainer/"


def valid_site(name: str = "") -> Site:
    return site_of(Explainer.load(VALID), URL, name)
