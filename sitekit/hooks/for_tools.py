"""MkDocs hook: the site for tools and AI assistants (sitekit/for_tools.py says what each output
holds): a Markdown copy of every page, /llms.txt and /commands.json. The build's navigation is
read here once, at `on_nav`.

MkDocs only (Zensical skips `hooks:`): README's Zensical section says so. What a build learns
lives on a `ToolsOutput` made fresh for each build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitekit.catalog import load_catalog
from sitekit.for_tools import COMMANDS_JSON, commands_json, llms_txt, markdown_address, site_address
from sitekit.markdown_copy import to_markdown
from sitekit.project import Project


@dataclass
class ToolsOutput:
    nav: Navigation | None = None
    copies: dict[str, str] = field(default_factory=dict)  # Markdown address -> text

    def in_nav(self, page: Page) -> bool:
        return self.nav is not None and any(p.file.src_uri == page.file.src_uri for p in self.nav.pages)


_output = ToolsOutput()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _output
    _output = ToolsOutput()
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _output.nav = nav
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _output.in_nav(page):
        _output.copies[markdown_address(page.url)] = to_markdown(html, site_address(config, page.url))
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if _output.in_nav(page):
        context["markdown_copy"] = markdown_address(page.url)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for address, text in _output.copies.items():
        (site / address).write_text(text, encoding="utf-8")
    (site / "llms.txt").write_text(llms_txt(config, _output.nav), encoding="utf-8")
    # Page titles are final only once every page is built.
    pages = {Path(page.file.src_uri).stem: (page.title or "", page.url) for page in _output.nav.pages} \
        if _output.nav else {}
    data = commands_json(config, load_catalog(Project.from_config(config)), pages)
    (site / COMMANDS_JSON).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
