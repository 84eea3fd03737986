"""Fenced code blocks in a page's Markdown, read as pymdownx.superfences reads them: which lines
are outside code (for headings), and a fence that never closes, which Markdown would not report:
the page would show the rest of itself as text, or as one long code block."""

from __future__ import annotations

import re
from typing import Iterator

# A fence line: ``` or ~~~ (three or more), an info string after an opening one.
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")


class UnclosedFence(Exception):
    def __init__(self, index: int):
        super().__init__(index)
        self.index = index  # the opening fence's line, from 0


def outside_code(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Each line outside fenced code, with its index. Raises UnclosedFence for a fence that never
    closes (a closing fence is the same character, at least as long, with nothing after it), or
    that a new block's opening (```bash) follows before it closed: Markdown would read that line
    as code, but on this site a block that shows fences opens with a longer fence (````markdown)."""
    opened: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if match:
            fence, rest = match.groups()
            if opened is None and not (fence[0] == "`" and "`" in rest):  # ```x``` is inline code
                opened = (index, fence)
                continue
            if opened is not None and fence[0] == opened[1][0] and len(fence) >= len(opened[1]):
                if rest.strip():
                    raise UnclosedFence(opened[0])
                opened = None
                continue
        if opened is None:
            yield index, line
    if opened is not None:
        raise UnclosedFence(opened[0])


def unclosed_fence(lines: list[str]) -> int | None:
    """The line (from 0) of the first fence that never closes, or None."""
    try:
        for _ in outside_code(lines):
            pass
    except UnclosedFence as unclosed:
        return unclosed.index
    return None


def unclosed_fence_problem(where: str, text: str) -> str | None:
    """One line naming the page and the fence's line, or None when every fence closes."""
    line = unclosed_fence(text.splitlines())
    if line is None:
        return None
    return (f"{where}:{line + 1}: a code block opens here and never closes, so the rest of the page "
            "would show as text (close it with the same fence)")
