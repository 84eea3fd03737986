"""Placeholders such as `<your-docker-id>` in commands, marked so the reader's own value can fill them.

In every code block, in code in table cells (command tables, the cheat sheet) and in every inline
command (`docker …`, such as the aliases under an explanation block), each `<your-…>` placeholder
becomes `<span class="placeholder" data-placeholder="your-…">`, keeping
its text; so does every placeholder in a catalog command's own prose (its summary, flags and
notes, sitekit/render.py), which describes that command. overrides/partials/placeholders.js puts the reader's value in those spans; without
JavaScript the placeholder shows as written. Prose keeps it as written either way: "replace
`<your-docker-id>` with your Docker ID" must still say so.
"""

from __future__ import annotations

import re

# Pygments may split the angle brackets into tokens of their own (`<` is a shell redirection).
_LT = r'(?:<span class="[^"<>]*">&lt;</span>|&lt;)'
_GT = r'(?:<span class="[^"<>]*">&gt;</span>|&gt;)'
PLACEHOLDER = re.compile(_LT + r"(your-[a-z][a-z0-9]*(?:-[a-z0-9]+)*)" + _GT)
# Where commands are: code blocks, code in table cells, inline code that is a docker command.
_REGIONS = re.compile(r"<pre\b.*?</pre>|<td\b.*?</td>|<code>docker .*?</code>", re.DOTALL)


def _mark(match: re.Match) -> str:
    name = match.group(1)
    return f'<span class="placeholder" data-placeholder="{name}">&lt;{name}&gt;</span>'


def _mark_region(region: re.Match) -> str:
    text = region.group(0)
    if text.startswith("<td"):
        return re.sub(r"<code\b[^>]*>.*?</code>", lambda code: PLACEHOLDER.sub(_mark, code.group(0)), text,
                      flags=re.DOTALL)
    return PLACEHOLDER.sub(_mark, text)


def mark_in_prose(html: str) -> str:
    """Every placeholder in escaped text, for prose that describes one command (its summary and
    flags, next to the command itself): the reader's value shows there too."""
    return PLACEHOLDER.sub(_mark, html)


def mark_placeholders(html: str) -> str:
    return _REGIONS.sub(_mark_region, html) if "your-" in html else html
