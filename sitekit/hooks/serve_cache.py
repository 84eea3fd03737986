"""MkDocs hook: under `mkdocs serve`, a rebuild converts only the pages whose inputs changed
(sitekit/serve_cache.py says what the inputs are). `mkdocs build` converts every page."""

from __future__ import annotations

from sitekit.serve_cache import install


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        install()
