"""Puts the site's entries and settings into search/search_index.json, once per build: after the
search plugin wrote the index, before the offline plugin turns it into search_index.js."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from sitekit.catalog import load_catalog
from sitekit.cli_reference import load_reference
from sitekit.explain import load_settings
from sitekit.render import read_abbreviations
from sitekit.search.entries import (command_entries, describe_pages, drop_labels, mark_glossary_terms,
                                    name_troubleshooting_entries, note_defined_terms, split_sample_output)
from sitekit.search.ranking import file_homes, message_frame
from sitekit.search.settings import SYNONYMS_FILE, acronym_synonyms, load_stopwords, load_synonyms
from sitekit.search.site_pages import built_pages, page_url, reading_order
from sitekit.search.untaught import DOCUMENTATION_SEARCH, untaught_commands
from sitekit.project import Project
from sitekit.troubleshooting import load_troubleshooting


def extend_search_index(config: MkDocsConfig) -> None:
    """Add the site's entries and settings to search/search_index.json (see sitekit/search/)."""
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    project = Project.from_config(config)  # the project this build builds, not necessarily this one
    order = reading_order(config)
    pages = built_pages(config)
    catalog = load_catalog(project)  # every page may be a command's chapter; the entries keep those in the nav
    reference = load_reference(project.reference)
    troubleshooting = load_troubleshooting(project)
    docs = index["docs"]
    describe_pages(docs, pages, config)
    note_defined_terms(docs, pages, config)
    name_troubleshooting_entries(docs, troubleshooting)
    mark_glossary_terms(docs, read_abbreviations(project.abbreviations))
    split_sample_output(docs, pages, config)
    drop_labels(docs)
    docs.extend(command_entries(config, pages, catalog, reference))
    settings = index["config"]
    synonyms = load_synonyms(project.assets / SYNONYMS_FILE, project)
    listed = {phrase for group in synonyms for phrase in group}
    synonyms += [group for group in acronym_synonyms(read_abbreviations(project.abbreviations)) if group[0] not in listed]
    settings["synonyms"] = synonyms
    settings["stopwords"] = load_stopwords(project.assets / SYNONYMS_FILE, project)
    settings["pages"] = [page_url(stem, config) for stem in order]
    # A file's name weighs less on pages other than the one that shows it first (ranking.file_homes).
    settings["files"] = file_homes({stem: scan.files for stem, scan in pages.items() if stem in order},
                                   {stem: rank for rank, stem in enumerate(order)},
                                   lambda stem: page_url(stem, config))
    settings["frame"] = message_frame([message.text.strip().splitlines()[0] for located in troubleshooting.entries
                                       for message in located.entry.messages])
    # A query that names a command the site does not teach, or that nothing answers well, says so
    # and links Docker's own documentation (sitekit/search/untaught.py).
    taught = {located.entry.parsed.key for located in catalog.commands.values()}
    plugins = {name: plugin.source for name, plugin in load_settings(project.explain_settings, project).plugins.items()}
    settings["untaught"] = untaught_commands(reference, taught, plugins)
    # ...and what the reader writes after one it teaches is their own (search-engine.js, argumentsOf).
    settings["taught"] = sorted(spelling for spelling, key in reference.spellings.items() if key in taught)
    settings["elsewhere"] = DOCUMENTATION_SEARCH
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
