"""MkDocs hook: the site's additions to the search index (sitekit/search_index.py): command and
flag entries, synonyms, stop words and reading order, written after the search plugin's index and
before the offline plugin turns it into search_index.js."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from sitekit.search_index import extend_search_index


def on_post_build(config: MkDocsConfig) -> None:
    extend_search_index(config)
