"""MkDocs hook: the site's additions to the search index (sitekit/search/): command and flag
entries, glossary terms, sample output apart from prose, synonyms, stop words, reading order and
the commands the site does not teach, written after the search plugin's index and before the
offline plugin turns it into search_index.js."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from sitekit.search.index_file import extend_search_index


def on_post_build(config: MkDocsConfig) -> None:
    extend_search_index(config)
