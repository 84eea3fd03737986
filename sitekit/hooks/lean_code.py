"""MkDocs hook: code blocks without Pygments' whitespace spans.

Pygments wraps each run of spaces between tokens in `<span class="w">`, which no stylesheet
styles (Material's included): some 3,500 of them on the whole site's page alone, 80 KB of
markup (8.6 KiB compressed) that a phone downloads and parses for nothing. The spaces stay.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_WHITESPACE = re.compile(r'<span class="w">([^<]*)</span>')


def without_whitespace_spans(html: str) -> str:
    return _WHITESPACE.sub(r"\1", html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The print-site plugin keeps each page's content before hooks run: the print page hook
    # (print_page.py) applies the same to the whole site's page.
    return without_whitespace_spans(html)
