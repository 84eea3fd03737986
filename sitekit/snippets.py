"""pymdownx.snippets includes: the one reader of their syntax, for the build checks and the tests.

pymdownx.snippets with `check_paths: true` already refuses a missing file, but as a traceback.
`check_snippets` finds the same problems first and reports them as `docs/page.md:LINE: …`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# `--8<-- "path"` on its own line, and the block form: `--8<--` lines around one path per line.
_SINGLE = re.compile(r"^\s*-{1,}8<-{1,}\s+([\"'])(?P<target>[^\"']+)\1\s*$")
_BLOCK_FENCE = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
# `file`, `file:3`, `file:3:8`, or a named section `file:name`.
_TARGET = re.compile(r"^(?P<file>.+?)(?::(?P<start>-?\d+)?(?::(?P<end>-?\d+))?|:(?P<name>[\w-]+))?$")


class SnippetError(Exception):
    """A snippet that cannot be included. str() is one line naming the page and line."""


@dataclass(frozen=True)
class Include:
    target: str  # as written, e.g. "examples/counter/app.py:counter"
    file: str  # "examples/counter/app.py"
    section: str | None  # "counter"
    line: int  # 1-based, in the Markdown it was read from


def includes(markdown: str) -> list[Include]:
    """Every include in the Markdown, in order."""
    found: list[Include] = []
    in_block = False
    for number, line in enumerate(markdown.splitlines(), 1):
        if _BLOCK_FENCE.match(line):
            in_block = not in_block
            continue
        if in_block:
            target = line.strip()
            if not target or target.startswith(";"):
                continue
        else:
            match = _SINGLE.match(line)
            if not match:
                continue
            target = match.group("target")
        parts = _TARGET.match(target)
        found.append(Include(target=target, file=parts.group("file") if parts else target,
                             section=parts.group("name") if parts else None, line=number))
    return found


def section_text(path: Path, name: str) -> str | None:
    """The lines between `--8<-- [start:name]` and `--8<-- [end:name]` in a file, as snippets includes them."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if f"--8<-- [start:{name}]" in line), None)
    end = next((i for i, line in enumerate(lines) if f"--8<-- [end:{name}]" in line), None)
    if start is None or end is None or end < start:
        return None
    return "".join(lines[start + 1:end])


def _line_in_source(target: str, source: Path | None, fallback: int) -> int:
    """Where the include is written in the page's source file (the Markdown given may lack its
    front matter, or hold what macros wrote)."""
    if source is not None and source.is_file():
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if target in line:
                return number
    return fallback


def check_snippets(markdown: str, where: str, base: Path, source: Path | None = None) -> None:
    """Raise SnippetError for the first include whose file or section does not exist."""
    for include in includes(markdown):
        line = _line_in_source(include.target, source, include.line)
        if include.target.startswith(("http://", "https://")):
            raise SnippetError(f"{where}:{line}: snippet '{include.target}' is a URL; the site includes local files only")
        path = (base / include.file).resolve()
        if not path.is_relative_to(base.resolve()) or not path.is_file():
            raise SnippetError(f"{where}:{line}: snippet file '{include.file}' not found")
        if include.section and section_text(path, include.section) is None:
            raise SnippetError(
                f"{where}:{line}: snippet section '{include.section}' not marked in '{include.file}' "
                f"(needs --8<-- [start:{include.section}] and --8<-- [end:{include.section}])"
            )
