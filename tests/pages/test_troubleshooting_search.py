"""Pasting a troubleshooting message into the search box puts its entry first.

Readers copy the line Docker printed and paste it whole: with quotes, IDs, ports, paths and
colons in it. Each message of assets/troubleshooting.yaml is pasted as a reader would (its first
line, the one a terminal shows first), and the site's search engine, run in Node on the built
index (scripts/search_quality/engine.py), must put the troubleshooting page first with that
entry's section as its best match. tests/browser/test_search_browser.py pastes one in Chromium too.
"""

from __future__ import annotations

import re

import pytest

from scripts.search_quality.engine import node, run_in_node
from scripts.search_quality.quality_set import QualityQuery
from sitekit.troubleshooting import load_troubleshooting
from tooling import missing


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


def test_every_entry_has_something_to_paste():
    assert len({entry for entry, _ in PASTES}) == len(load_troubleshooting().entries) >= 19


def test_pasted_messages_find_their_entries_first(site):
    if node() is None:
        missing("no node: install Node.js 20 or newer")
    queries = [QualityQuery(query=line, kind="error", page="troubleshooting.md", section=entry, part="troubleshooting")
               for entry, line in PASTES]
    report = run_in_node(site, queries)
    wrong = [f"{o.query.query!r} -> {o.describe()} #{o.best_anchor}" for o in report.outcomes
             if o.rank != 1 or not o.section_ok]
    assert not wrong, "\n".join(wrong)
