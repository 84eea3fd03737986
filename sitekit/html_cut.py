r"""Cutting elements out of a built page, with the whitespace before each.

`re.sub(r"\s*<script …>…</script>", "", html)` reads naturally but is slow on a big page: a
pattern that starts with `\s*` is tried at every space of the page (the whole site's page is over
a megabyte; a serve rebuild ran such patterns over it and over every page). A pattern that starts
with the element's `<` is found fast; the whitespace before each match is cut once it is found.
"""

from __future__ import annotations

import re


def cut(element: re.Pattern[str], html: str) -> str:
    r"""`html` without each match of `element` (a pattern starting with `<`) and the whitespace
    before it: what `re.sub(r"\s*(?:" + element.pattern + ")", "", html)` gives."""
    kept, end = [], 0
    for match in element.finditer(html):
        kept.append(html[end:match.start()].rstrip())
        end = match.end()
    return "".join(kept) + html[end:] if kept else html
