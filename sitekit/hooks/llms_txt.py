"""MkDocs hook: the site for tools and AI assistants: /llms.txt and a Markdown copy of every page.

- `/<page>.md` (the home page: `/index.md`): the page's content as clean Markdown
  (sitekit/markdown_copy.py), linked from the page (`<link rel="alternate">` and the footer).
- `/llms.txt` in the llmstxt.org format: the site's name, its summary, and a link to the
  Markdown copy of every page, grouped as the navigation groups them, with each page's description.

MkDocs only (Zensical skips `hooks:`): README's Zensical section says so. What a build learns
lives on a `ToolsOutput` made fresh for each build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from sitekit.markdown_copy import to_markdown

COMMANDS_JSON = "commands.json"


def markdown_address(page_url: str) -> str:
    """Where a page's Markdown copy lives: `networking/` (or `networking.html`) -> `networking.md`."""
    path = page_url.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return f"{path or 'index'}.md"


def site_address(config: MkDocsConfig, path: str) -> str:
    base = config.site_url or "/"
    return base.rstrip("/") + "/" + path


@dataclass
class ToolsOutput:
    nav: Navigation | None = None
    copies: dict[str, str] = field(default_factory=dict)  # Markdown address -> text

    def in_nav(self, page: Page) -> bool:
        return self.nav is not None and any(p.file.src_uri == page.file.src_uri for p in self.nav.pages)

    def llms_txt(self, config: MkDocsConfig) -> str:
        lines = [f"# {config.site_name}", "", f"> {config.site_description}", ""]
        lines += [
            "A course in Docker from zero, kept correct for today's Docker: every command is checked against "
            "Docker's own command reference. Each page below is linked as clean Markdown; the HTML page is "
            "at the same address without `.md`. "
            f"[{COMMANDS_JSON}]({site_address(config, COMMANDS_JSON)}) lists every command the site teaches, "
            "with its flags, what each does, and the address of its explanation.",
            "",
        ]
        for item in self.nav.items if self.nav else []:
            # A page outside any section of the navigation is a section of its own.
            pages = _pages_in(item) if isinstance(item, Section) else [item] if isinstance(item, Page) else []
            if pages:
                lines += [f"## {item.title}", "", *(self._entry(config, page) for page in pages), ""]
        return "\n".join(lines).rstrip() + "\n"

    @staticmethod
    def _entry(config: MkDocsConfig, page: Page) -> str:
        description = str(page.meta.get("description") or "").strip()
        link = f"- [{page.title}]({site_address(config, markdown_address(page.url))})"
        return f"{link}: {description}" if description else link


def _pages_in(section: Section) -> list[Page]:
    pages: list[Page] = []
    for child in section.children:
        if isinstance(child, Section):
            pages.extend(_pages_in(child))
        elif isinstance(child, Page):
            pages.append(child)
    return pages


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
    (site / "llms.txt").write_text(_output.llms_txt(config), encoding="utf-8")
