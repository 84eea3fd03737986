"""MkDocs hook: the site's additions to the search index (sitekit/search/): command and flag
entries, glossary terms, sample output apart from prose, synonyms, stop words, reading order and
the commands the site does not teach, written after the search plugin's index and before the
offline plugin turns it into search_index.js."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitekit.cli_reference import ReferenceError
from sitekit.data_files import DataFileError
from sitekit.search.index_file import extend_search_index


def on_post_build(config: MkDocsConfig) -> None:
    try:
        extend_search_index(config)
    except (DataFileError, ReferenceError) as error:  # the data it reads: one line naming the file
        raise PluginError(str(error)) from None
