"""The site's name and descriptions come from the data and are escaped exactly once, on every page."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from bs4 import BeautifulSoup

TITLE = 'AT&T\'s "Plan" <b>'


def test_site_name_is_escaped_once_everywhere(project, tmp_path):
    event = project / "data" / "event.yml"
    text = event.read_text(encoding="utf-8")
    event.write_text(re.sub(r"(?m)^  title: .*$", '  title: "AT&T\'s \\"Plan\\" <b>"', text, count=1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode == 0, result.stderr
    for page, heading in (("index.html", None), ("timeline/index.html", "Timeline")):
        raw = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "&amp;amp;" not in raw and "&amp;#39;" not in raw and "&amp;#34;" not in raw, page
        assert "<b>" not in raw.split("</head>")[0] and 'Plan" <b>' not in raw, page
        head = BeautifulSoup(raw, "html.parser")
        site_name = f"Explainer: {TITLE}"
        meta = {m["property"]: m["content"] for m in head.select("meta[property]")}
        expected = site_name if heading is None else f"{heading} - {site_name}"
        assert meta["og:title"] == expected, page
        assert head.title.get_text() == expected, page
        assert meta["og:site_name"] == site_name, page
        assert head.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == site_name, page
        assert head.select_one("label.md-nav__title").get_text(" ", strip=True).endswith(site_name), page
        description = head.select_one("meta[name=description]")["content"]
        assert meta["og:description"] == description, page
        if heading:
            assert description.startswith(f"{TITLE}: "), page
