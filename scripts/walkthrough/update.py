"""`--update`: rewrite the pages' sample outputs that no longer match, from what really printed.

The pattern of pytest-examples' `--update-examples`: a sample output is a recorded snapshot. When
a run finds one that does not match, this writes the recorded output into the page's ```text
block in `docs/<chapter>.md`, keeping the fence and its indentation. Values a macro writes into a
sample (`{@ versions.cli @}`) stay macros: where the old block rendered a macro to a value, the
same value in the new output is written as that macro again. Never by hand, never for blocks that
matched: a person reviews the diff (IDs, dates and the lines the page chose to show).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.walkthrough.registry import ACCOUNT
from sitekit.project import ROOT

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})text\b.*$")
MACRO = re.compile(r"\{@.*?@\}")


@dataclass(frozen=True)
class Rewrite:
    chapter: str
    sample: str  # the block as the built page shows it
    recorded: str  # what the command printed
    occurrence: int = 0  # how many output blocks before it on the page show the same text


class UpdateError(Exception):
    pass


def _text_fences(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first body line, line after the body, indentation) of every ```text fence."""
    found, i = [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        end = next((j for j in range(i + 1, len(lines))
                    if lines[j].startswith(indent) and lines[j].strip() == fence), len(lines))
        found.append((i + 1, end, indent))
        i = end + 1
    return found


def _pattern(body: str) -> tuple[re.Pattern, list[str]]:
    """The block's source as a pattern of what it renders to: each macro call is a group."""
    macros = MACRO.findall(body)
    parts = MACRO.split(body)
    regex = "(.+?)".join(re.escape(part) for part in parts)
    return re.compile(regex + r"\Z", re.DOTALL), macros


def _retemplate(text: str, values: dict[str, str]) -> str:
    for value, macro in sorted(values.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"(?<![\w.]){re.escape(value)}(?![\w])", lambda _: macro, text)
    return text


def keep_known(sample: str, recorded: str, known) -> str:
    """The recorded output with the page's own lines kept where a known difference explains them:
    a line the run printed differently (a stand-in's Python 3.11 for the real image's 3.14) goes
    back to the page's line, and a line the run cannot print at all (a pull's progress, where a
    stand-in was loaded) stays where the page had it."""
    page_lines = sample.rstrip("\n").split("\n")
    lines = recorded.rstrip("\n").split("\n")
    for difference in known:
        if difference.recorded is None:
            continue
        shown = [line for line in page_lines if difference.page.search(line)]
        for index, line in enumerate(lines):
            if shown and difference.recorded.search(line):
                lines[index] = shown.pop(0)
    for position, line in enumerate(page_lines):
        if any(d.recorded is None and d.page.search(line) for d in known) and line not in lines:
            lines.insert(min(position, len(lines)), line)
    return "\n".join(lines) + "\n"


def rewrite_page(path: Path, rewrites: list[Rewrite], known=()) -> int:
    """Rewrite the page's blocks; returns how many changed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = 0
    for rewrite in rewrites:
        occurrence = rewrite.occurrence
        matches = []
        for start, end, indent in _text_fences(lines):
            body = "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                             for line in lines[start:end]) + "\n"
            pattern, macros = _pattern(body)
            found = pattern.match(rewrite.sample)
            if found:
                matches.append((start, end, indent, dict(zip(found.groups(), macros))))
        if len(matches) <= occurrence:
            raise UpdateError(f"{path.relative_to(ROOT)}: no ```text block shows {rewrite.sample.splitlines()[0]!r}")
        start, end, indent, values = matches[occurrence]
        recorded = keep_known(rewrite.sample, rewrite.recorded, known)
        # The stand-in account's name is the reader's own Docker ID on the page.
        recorded = re.sub(rf"(?<=ghcr\.io/){re.escape(ACCOUNT)}(?=/)", "<your-github-user>", recorded)
        recorded = re.sub(rf"(?<![\w-]){re.escape(ACCOUNT)}(?=/)", "<your-docker-id>", recorded)
        new = _retemplate(recorded.rstrip("\n"), values).split("\n")
        lines[start:end] = [f"{indent}{line}" if line else "" for line in new]
        changed += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return changed


def rewrite(rewrites: list[Rewrite], known=(), docs_dir: Path = ROOT / "docs") -> list[str]:
    """Rewrite every page named; returns the pages changed, for the person who reviews the diff."""
    pages: dict[str, list[Rewrite]] = {}
    for item in rewrites:
        pages.setdefault(item.chapter, []).append(item)
    changed = []
    for chapter, items in pages.items():
        if rewrite_page(docs_dir / f"{chapter}.md", items, known):
            changed.append(f"docs/{chapter}.md")
    return changed


def from_results(results) -> list[Rewrite]:
    """The rewrites a run's results ask for: output blocks whose comparison failed."""
    rewrites, seen = [], {}
    for result in results:
        if result.kind != "output" or result.sample is None:
            continue
        key = (result.chapter, result.sample)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        if result.status == "failed" and result.output.strip():
            rewrites.append(Rewrite(result.chapter, result.sample, result.output, occurrence))
    return rewrites
