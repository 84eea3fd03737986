"""Check pymdownx.snippets includes before Markdown runs.

pymdownx.snippets with `check_paths: true` already refuses a missing file, but as a traceback.
This finds the same problems first and reports them as `docs/page.md:LINE: …`.
"""

from __future__ import annotations

import re
from pathlib import Path

# `--8<-- "path"` on its own line, and the block form: `--8<--` lines around one path per line.
_SINGLE = re.compile(r"^\s*(?:-{1,}8<-{1,})\s+([\"'])(?P<path>[^\"']+)\1\s*$")
_BLOCK_FENCE = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
_SECTION = re.compile(r"^(?P<file>.+?)(?::(?P<start>-?\d+)?(?::(?P<end>-?\d+))?|:(?P<name>[\w-]+))?$")


class SnippetError(Exception):
    """A snippet that cannot be included. str() is one line naming the page and line."""


def _line_of(text: str, source: str) -> int:
    for number, line in enumerate(source.splitlines(), 1):
        if text.strip() and text.strip() in line:
            return number
    return 0


def _targets(markdown: str) -> list[str]:
    targets: list[str] = []
    in_block = False
    for line in markdown.splitlines():
        if _BLOCK_FENCE.match(line):
            in_block = not in_block
            continue
        if in_block:
            if line.strip() and not line.strip().startswith(";"):
                targets.append(line.strip())
            continue
        match = _SINGLE.match(line)
        if match:
            targets.append(match.group("path"))
    return targets


def check_snippets(markdown: str, source: str, where: str, base: Path) -> None:
    for target in _targets(markdown):
        if target.startswith(("http://", "https://")):
            raise SnippetError(f"{where}:{_line_of(target, source)}: snippet '{target}' is a URL; "
                               "the site includes local files only")
        match = _SECTION.match(target)
        file = match.group("file") if match else target
        path = (base / file).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            raise SnippetError(f"{where}:{_line_of(target, source)}: snippet file '{file}' not found")
        name = match.group("name") if match else None
        if name:
            text = path.read_text(encoding="utf-8")
            if f"--8<-- [start:{name}]" not in text or f"--8<-- [end:{name}]" not in text:
                raise SnippetError(
                    f"{where}:{_line_of(target, source)}: snippet section '{name}' not marked in '{file}' "
                    f"(needs --8<-- [start:{name}] and --8<-- [end:{name}])"
                )
