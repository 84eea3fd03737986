"""The ranking policy the build decides, as data for the engine: which chapter is the home of a
command or a flag, how much lower the other entries rank, and which words of a pasted message
are only its frame.

The engine multiplies a section's score by its `boost`; these are the only boosts."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable

# A command's entries other than its home rank lower: they show the command again, for another
# purpose, where its home explains it.
OTHER_USE_BOOST = 0.5


def command_homes(entries: list, mentions: dict[str, Counter[str]], order: dict[str, int]) -> dict[str, Any]:
    """Each command's home entry: in the first chapter whose prose names the command (as
    `docker container exec` in running text), else in the first that shows it; within the
    chapter, the first it shows. `docker container exec` is explained in Developing in
    containers and used again in later chapters."""
    def rank(position: int) -> tuple:
        entry = entries[position]
        named = mentions[entry.chapter][f"docker {entry.parsed.spelled}"] > 0
        return (not named, order[entry.chapter], position)
    homes: dict[str, Any] = {}
    for position in sorted(range(len(entries)), key=rank):
        homes.setdefault(entries[position].parsed.key, entries[position])
    return homes


def flag_homes(uses: dict[tuple[str, str], list], mentions: dict[str, Counter[str]],
               order: dict[str, int]) -> dict[tuple[str, str], str]:
    """Each flag's chapter: the first in reading order whose prose talks about it (`--rm` is used
    in many chapters' commands, and explained in words first in Running containers), else the
    first that uses it."""
    homes = {}
    for (key, flag), entries in uses.items():
        chapters = sorted({entry.chapter for entry in entries}, key=order.__getitem__)
        homes[(key, flag)] = next((c for c in chapters if mentions[c][flag]), chapters[0])
    return homes


def file_homes(files: dict[str, dict[str, list[str]]], order: dict[str, int],
               url: Callable[[str], str]) -> dict[str, str]:
    """Each file the site shows whole, and the page that shows it first in reading order: the
    page whose subject it is (compose.yaml: Docker Compose). A code block titled with more than
    the file's name (`compose.yaml (the web2 service's ports)`) shows an excerpt, for another
    subject. The engine weighs the file's name less on every other page."""
    homes: dict[str, str] = {}
    for stem in sorted(files, key=order.__getitem__):
        for titles in files[stem].values():
            for title in titles:
                if title and not any(c.isspace() for c in title):
                    homes.setdefault(title.lower(), url(stem))
    return homes


# A word is what the engine reads as one (docs/javascripts/search-engine.js, WORD and clean()).
_WORD = re.compile(r"[^\s\"'`()\[\]{}<>,;!?|*\\]+")


def message_frame(messages: list[str], share: float = 1 / 3) -> list[str]:
    """The words that a third or more of Docker's messages share (`Error response from daemon`):
    in a pasted message they tell no message apart, so the engine weighs them as little as an ID.
    Taken from the troubleshooting entries' messages, the site's collection of Docker's errors."""
    counts: Counter[str] = Counter()
    for message in messages:
        counts.update({word.lower().rstrip(".:=").lstrip(":=") for word in _WORD.findall(message)} - {""})
    return sorted(word for word, count in counts.items() if count >= share * len(messages))
