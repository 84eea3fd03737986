"""The synonym table and stop words (assets/search-synonyms.yaml), read and checked for the index's
`config`: one clear line for a broken file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from sitekit.data_files import DataFileError, line_of, load_yaml
from sitekit.project import PROJECT, Project

SYNONYMS_FILE = "search-synonyms.yaml"  # under the project's assets/


def _read(path: Path, project: Project) -> tuple[dict, yaml.Node | None]:
    """The file's mapping and its node tree (for lines), through the site's one data-file reader."""
    try:
        data, node = load_yaml(path, project)
    except DataFileError as error:
        raise PluginError(str(error)) from None
    if not isinstance(data, dict) or not isinstance(data.get("synonyms"), list):
        raise PluginError(f"{project.shown(path)}:1: needs a list of groups under 'synonyms:'")
    return data, node


def load_synonyms(path: Path, project: Project = PROJECT) -> list[list[str]]:
    """The synonym table: groups of words or phrases that mean the same to a reader."""
    data, node = _read(path, project)
    shown = project.shown(path)
    for number, group in enumerate(data["synonyms"], start=1):
        if (not isinstance(group, list) or len(group) < 2
                or not all(isinstance(p, str) and p.strip() for p in group)):
            line = line_of(node, ("synonyms", number - 1))
            raise PluginError(f"{shown}:{line}: group {number} ({group!r:.60}) must list two or more words or phrases")
    stopwords = data.get("stopwords", [])
    if not isinstance(stopwords, list) or not all(isinstance(w, str) for w in stopwords):
        raise PluginError(f"{shown}:{line_of(node, ('stopwords',))}: 'stopwords:' must be a list of words")
    return [[" ".join(p.lower().split()) for p in group] for group in data["synonyms"]]


def load_stopwords(path: Path, project: Project = PROJECT) -> list[str]:
    """Words of questions that tell no page apart; checked by load_synonyms."""
    data, _ = _read(path, project)
    return [w.lower() for w in data.get("stopwords", [])]


# Small words an expansion may skip ("Windows Subsystem for Linux": WSL).
_LINKING = {"for", "of", "and", "the", "a", "an", "to"}


def acronym_synonyms(abbreviations: list[tuple[str, str]]) -> list[list[str]]:
    """An abbreviation and the words it stands for, as a synonym group (`vm`, `virtual
    machine`), for every abbreviation whose definition starts with them: the letters of the
    definition's first words, up to its first comma, spell it ("Process ID, the number that..."
    for PID; camel case counts, "JavaScript Object Notation" for JSON). Readers write either."""
    groups = []
    for term, text in abbreviations:
        if not re.fullmatch(r"[A-Z]{2,6}", term):
            continue
        phrase = text.split(",")[0].split(";")[0].rstrip(".")
        letters = ""
        for word in re.split(r"[\s-]+", phrase):
            if word.lower() in _LINKING or not word:
                continue
            letters += word if word.isupper() else word[0] + "".join(re.findall(r"(?<=[a-z])[A-Z]", word))
        if letters.upper() == term and " " in phrase.strip():
            groups.append([term.lower(), " ".join(phrase.lower().split())])
    return groups
