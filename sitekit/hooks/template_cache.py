"""MkDocs hook: the theme's templates compiled once per process, not once per build.

`mkdocs serve` makes a new Jinja environment for every rebuild, which compiles Material's
templates again (a good part of a rebuild). Jinja's bytecode cache keeps them compiled; it
checks each template's source, so an edited template (overrides/) is compiled anew.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from sitekit.template_cache import COMPILED_TEMPLATES


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = COMPILED_TEMPLATES
    return env
