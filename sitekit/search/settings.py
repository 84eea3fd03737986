"""The synonym table and stop words (assets/search-synonyms.yaml), read and checked for the index's
`config`: one clear line for a broken file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from sitekit.project import ROOT

SYNONYMS_FILE = "search-synonyms.yaml"  # under the project's assets/
SYNONYMS = ROOT / "assets" / SYNONYMS_FILE


def _read(path: Path) -> object:
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{where}: {str(error).splitlines()[0]}") from None


def load_synonyms(path: Path = SYNONYMS) -> list[list[str]]:
    """The synonym table: groups of words or phrases that mean the same to a reader."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    data = _read(path)
    groups = data.get("synonyms") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise PluginError(f"{where}: needs a list of groups under 'synonyms:'")
    for number, group in enumerate(groups, start=1):
        if (not isinstance(group, list) or len(group) < 2
                or not all(isinstance(p, str) and p.strip() for p in group)):
            raise PluginError(f"{where}: group {number} ({group!r:.60}) must list two or more words or phrases")
    stopwords = data.get("stopwords", [])
    if not isinstance(stopwords, list) or not all(isinstance(w, str) for w in stopwords):
        raise PluginError(f"{where}: 'stopwords:' must be a list of words")
    return [[" ".join(p.lower().split()) for p in group] for group in groups]


def load_stopwords(path: Path = SYNONYMS) -> list[str]:
    data = _read(path)
    return [w.lower() for w in (data.get("stopwords", []) if isinstance(data, dict) else [])]


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
