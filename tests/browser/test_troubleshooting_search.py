"""Pasting a troubleshooting message into the search box puts its entry first (real Chromium).

Readers copy the line Docker printed and paste it whole: with quotes, IDs, ports, paths and
colons in it. Each message of assets/troubleshooting.yaml is pasted as a reader would (its first
line, the one a terminal shows first), and the first result must be the troubleshooting page at
that entry's anchor.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import search_result_links

from sitekit.troubleshooting import load_troubleshooting

pytestmark = pytest.mark.browser


def _shape(line: str) -> str:
    """A line with its names, numbers and quoted values taken out."""
    return re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "_", line)


def _pasted_lines() -> list[tuple[str, str]]:
    """(entry id, what a reader pastes) for the first line of every message block.

    A line that other entries print too, apart from its values, is a preface to the error that
    follows (`Unable to find image 'x' locally` comes before several errors): search cannot
    know which entry it belongs to, so readers are expected to paste the error itself.
    """
    data = load_troubleshooting()
    lines = [(located.entry.id, message.text.strip().splitlines()[0])
             for located in data.entries for message in located.entry.messages]
    entries_of: dict[str, set[str]] = {}
    for entry, line in lines:
        entries_of.setdefault(_shape(line), set()).add(entry)
    return [(entry, line) for entry, line in lines if len(entries_of[_shape(line)]) == 1]


PASTES = _pasted_lines()


def _first_result(page, base: str, query: str) -> tuple[str, str]:
    """Paste a query into the search box; return (path, anchor) of the first result."""
    hrefs = search_result_links(page, base, query)
    assert hrefs, f"no results for {query!r}"
    # Material lists a page's own entry, then its matching sections: the first section link is
    # where the reader lands when the best match is a section.
    first = urlsplit(hrefs[0])
    anchored = [urlsplit(h) for h in hrefs if urlsplit(h).path == first.path and urlsplit(h).fragment]
    return first.path, (anchored[0].fragment if anchored else first.fragment)


def test_every_entry_has_something_to_paste():
    assert len({entry for entry, _ in PASTES}) == len(load_troubleshooting().entries) >= 19


@pytest.mark.parametrize(("entry", "pasted"), PASTES, ids=[f"{e}:{p[:40]}" for e, p in PASTES])
def test_pasted_message_finds_its_entry_first(page, served_site, entry, pasted):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    path, anchor = _first_result(page, served_site, pasted)
    assert (path, anchor) == ("/troubleshooting/", entry), f"{pasted!r} -> {path}#{anchor}"
    assert not [e for e in errors if "QueryParseError" in e or "Invalid query" in e], errors
