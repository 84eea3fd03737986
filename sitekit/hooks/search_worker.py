"""MkDocs hook: the file name of Material's search worker, for the site's worker wrapper.

docs/javascripts/search-worker.js loads Material's own worker; its name carries a content hash
that changes with every Material release, so templates get it from here.
"""

from __future__ import annotations

from pathlib import Path

import material
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def material_search_worker() -> str:
    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    found = sorted(workers.glob("search.*.min.js"))
    if len(found) != 1:
        raise PluginError(f"expected one Material search worker in {workers}, found {len(found)}")
    return f"assets/javascripts/workers/{found[0].name}"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["material_search_worker"] = material_search_worker()
    return env
