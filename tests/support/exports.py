"""The site the export tests render for: tests/inputs/valid at an example address, its pages as the site has them."""

from __future__ import annotations

from macros.exports import Site
from macros.outputs import site_of
from macros.site import Explainer

from .project import VALID

URL = "https://example.org/explainer/"


def valid_site(name: str = "") -> Site:
    return site_of(Explainer.load(VALID), URL, name)
