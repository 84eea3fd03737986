"""MkDocs hook: switches Material's search to the site's own worker (docs/javascripts/search-worker.js).

overrides/main.html swaps the worker only when this hook has run, so a build without hooks
(Zensical) keeps its theme's own search.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

SITE_SEARCH_WORKER = "javascripts/search-worker.js"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_search_worker"] = SITE_SEARCH_WORKER
    return env
