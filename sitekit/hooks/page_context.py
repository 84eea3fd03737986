"""MkDocs hook: tells the site's Markdown extension which page it is converting.

Zensical registers its page on the Markdown instance itself; MkDocs does not, so this hands the
page over at `on_page_markdown`, the last event before conversion. It stays set until the next
page, so later hooks (sitekit/hooks/search_index.py) read what the conversion recorded.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitekit.markdown_extension import PageSource, current_page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    current_page.set(PageSource(path=page.file.src_path, source=Path(page.file.abs_src_path), meta=page.meta,
                                project=Path(config.config_file_path).parent))
    return markdown

