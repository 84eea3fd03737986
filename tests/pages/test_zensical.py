"""The same sources build on Zensical, Material for MkDocs' successor, with the same page content.

Material reaches end of life on 2027-05-05. Zensical reads mkdocs.yml, runs macros.py and the
Markdown extensions (sitekit.markdown_extension included), but not MkDocs `hooks:` nor MkDocs
plugins such as print-site: README's "Zensical" section lists what still depends on MkDocs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit.project import copy_project

BIN = Path(sys.executable).parent
ONLY_ON_MKDOCS = {"print_page/index.html", "print_questions/index.html"}  # mkdocs-print-site-plugin


def zensical_build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([str(BIN / "zensical"), "build", "--strict"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = zensical_build(project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return project / "site"


def _content(html: str) -> BeautifulSoup:
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    # Theme furniture around the content differs between the two (edit button, permalink signs).
    for element in article.select("a.headerlink, a.md-content__button, .md-source-file"):
        element.decompose()
    return article


def test_every_page_has_the_same_content_on_zensical(site, zensical_site):
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                   if str(p.relative_to(site)) not in ONLY_ON_MKDOCS)
    assert len(pages) >= 15
    different = []
    for page in pages:
        built = zensical_site / page
        if not built.exists():
            different.append(f"{page}: not built by Zensical")
            continue
        ours, theirs = _content((site / page).read_text("utf-8")), _content(built.read_text("utf-8"))
        if ours.get_text(" ", strip=True) != theirs.get_text(" ", strip=True):
            different.append(f"{page}: the text differs")
        # What the Markdown extension and the macros make, element for element.
        for selector in ("table.site-table", "pre > code", "div.cmd-block[id]", "figure.diagram svg",
                         "div.quiz__question", "span[data-placeholder]"):
            if len(ours.select(selector)) != len(theirs.select(selector)):
                different.append(f"{page}: {selector}: {len(ours.select(selector))} vs {len(theirs.select(selector))}")
    assert not different, "\n".join(different)


def test_bad_input_fails_the_zensical_build_too(project_copy):
    page = project_copy / "docs" / "glossary.md"
    page.write_text(page.read_text("utf-8") + '\n{@ command("no-such-command") @}\n', encoding="utf-8")
    result = zensical_build(project_copy)
    assert result.returncode != 0
    assert "unknown command id 'no-such-command'" in result.stdout + result.stderr
