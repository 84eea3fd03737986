"""MkDocs hook: one line per problem in the build's output.

MkDocs logs "Error reading page 'x.md':" with nothing after it before our own error line, which
already names the page and line: this drops that bare header.
"""

from __future__ import annotations

import logging
import re

from mkdocs.config.defaults import MkDocsConfig


class DropBarePageErrorHeader(logging.Filter):
    _BARE = re.compile(r"^Error (reading|building) page '[^']+':$")

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._BARE.match(record.getMessage())


_FILTER = DropBarePageErrorHeader()


def on_startup(command: str, dirty: bool) -> None:
    # addFilter ignores a filter that is already there, so `mkdocs serve` rebuilds add it once.
    logging.getLogger("mkdocs.commands.build").addFilter(_FILTER)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    on_startup("build", False)  # `mkdocs build` called from Python skips on_startup
    return config
