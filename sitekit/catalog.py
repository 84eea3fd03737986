"""The command catalog: every command the site teaches, loaded from assets/commands/*.yaml.

Loading validates each entry with pydantic and against the Docker CLI reference, and turns any
problem into a CatalogError whose message is one line naming the file, the entry and its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo, field_validator

from sitekit.cli_reference import CommandError, ParsedCommand, Reference, load_reference, parse_command
from sitekit.data_files import DataFileError, describe, load_yaml_list, stamp
from sitekit.project import PROJECT, Project


class CatalogError(DataFileError):
    """Bad catalog input. str() is one readable line naming the file and the entry."""


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["legacy", "deprecated", "platform", "tip"]
    text: str = Field(min_length=1)


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    command: str = Field(pattern=r"^docker \S")
    # A shell command whose output the docker command reads (a token for --password-stdin): the
    # block shows `STDIN | COMMAND`, so the secret never appears in the command line or history.
    stdin: str | None = Field(default=None, pattern=r"^[^|\n]+$")
    summary: str = Field(min_length=1)
    chapter: str
    topic: str
    flags: dict[str, str] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)

    _parsed: ParsedCommand | None = PrivateAttr(default=None)

    @property
    def shown(self) -> str:
        """The line the explanation block shows: the command, with what it reads piped in first."""
        return f"{self.stdin} | {self.command}" if self.stdin else self.command

    @property
    def parsed(self) -> ParsedCommand:
        """The command line as the CLI reads it; parsed once, when the catalog is checked."""
        if self._parsed is None:
            self._parsed = parse_command(self.command)
        return self._parsed

    @field_validator("chapter")
    @classmethod
    def _known_chapter(cls, value: str, info: ValidationInfo) -> str:
        chapters = (info.context or {}).get("chapters")
        if chapters is not None and value not in chapters:
            raise ValueError(f"unknown chapter '{value}' (no docs/{value}.md)")
        return value

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str, info: ValidationInfo) -> str:
        topics = (info.context or {}).get("topics")
        if topics is not None and value not in topics:
            raise ValueError(f"unknown topic '{value}' (topics: {', '.join(sorted(topics))})")
        return value

    @field_validator("flags")
    @classmethod
    def _flags_explained(cls, value: dict[str, str]) -> dict[str, str]:
        for flag, text in value.items():
            if not re.fullmatch(r"--?[\w-]+", flag):
                raise ValueError(f"'{flag}' is not a flag name (write it like --publish)")
            if not text or not str(text).strip():
                raise ValueError(f"flag '{flag}' has no explanation")
            if re.search(r"short form|\bshort: -", str(text), re.IGNORECASE):
                raise ValueError(f"flag '{flag}': leave the short form out of the explanation; "
                                 "the page adds it from the CLI reference")
        return value


@dataclass(frozen=True)
class Located:
    """A catalog entry and where it was written."""

    entry: Command
    where: str  # file:line, e.g. assets/commands/networking.yaml:12


@dataclass
class Catalog:
    topics: list[Topic]
    commands: dict[str, Located]
    reference: Reference  # what every command was checked against

    def get(self, command_id: str) -> Command:
        if command_id not in self.commands:
            raise KeyError(command_id)
        return self.commands[command_id].entry

    def for_chapter(self, chapter: str) -> list[Command]:
        return [c.entry for c in self.commands.values() if c.entry.chapter == chapter]

    def for_topic(self, topic: str) -> list[Command]:
        return [c.entry for c in self.commands.values() if c.entry.topic == topic]


def load_topics(project: Project = PROJECT) -> list[Topic]:
    topics = []
    for item, line in load_yaml_list(project.topics, project):
        try:
            topics.append(Topic.model_validate(item))
        except ValidationError as error:
            raise CatalogError(f"{project.shown(project.topics)}:{line}: topic: {describe(error)}") from None
    return topics


def _check_against_cli(entry: Command, where: str, reference: Reference) -> None:
    try:
        parsed = parse_command(entry.command, reference)
    except CommandError as error:
        raise CatalogError(f"{where}: entry '{entry.id}': command: {error}") from None
    entry._parsed = parsed
    if parsed.desktop_only and not any(n.kind == "platform" and "Docker Desktop" in n.text for n in entry.notes):
        raise CatalogError(f"{where}: entry '{entry.id}': 'docker {parsed.key}' comes only with Docker Desktop: "
                           "add a platform note that says so")
    used = set(parsed.flags)
    explained = set(entry.flags)
    if missing := sorted(used - explained):
        raise CatalogError(f"{where}: entry '{entry.id}': flag '{missing[0]}' is used but not explained in 'flags'")
    if extra := sorted(explained - used):
        raise CatalogError(f"{where}: entry '{entry.id}': 'flags' explains '{extra[0]}', which the command does not use")
    for alias in entry.aliases:
        try:
            other = parse_command(alias, reference)
        except CommandError as error:
            raise CatalogError(f"{where}: entry '{entry.id}': alias '{alias}': {error}") from None
        if other.key != parsed.key:
            raise CatalogError(
                f"{where}: entry '{entry.id}': alias '{alias}' is 'docker {other.key}', not 'docker {parsed.key}'"
            )


_CACHE: dict[tuple, Catalog] = {}


def load_catalog(project: Project = PROJECT, chapters: set[str] | None = None, check_cli: bool = True) -> Catalog:
    """Load and validate the catalog. `chapters`: what an entry's `chapter` may name (default: the
    project's pages). The same files with the same checks are read only once per process (macros
    and hooks both need it, and `mkdocs serve` rebuilds often)."""
    chapters = project.chapters() if chapters is None else chapters
    files = [project.topics, project.reference, *sorted(project.commands.glob("*.yaml"))]
    key = (tuple(stamp(f) or (str(f),) for f in files), frozenset(chapters), check_cli)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _load_catalog(project, chapters, check_cli)
    return _CACHE[key]


def _load_catalog(project: Project, chapters: set[str], check_cli: bool) -> Catalog:
    reference = load_reference(project.reference)
    topics = load_topics(project)
    context = {"chapters": chapters, "topics": {t.id for t in topics}}
    commands: dict[str, Located] = {}
    for path in sorted(project.commands.glob("*.yaml")):
        for index, (item, line) in enumerate(load_yaml_list(path, project), 1):
            label = item.get("id") if isinstance(item, dict) and item.get("id") else f"#{index}"
            where = f"{project.shown(path)}:{line}"
            try:
                entry = Command.model_validate(item, context=context)
            except ValidationError as error:
                raise CatalogError(f"{where}: entry '{label}': {describe(error)}") from None
            if entry.id in commands:
                raise CatalogError(
                    f"{where}: entry '{entry.id}': duplicate id, first defined at {commands[entry.id].where}")
            same = next((c for c in commands.values() if c.entry.command == entry.command), None)
            if same is not None:
                raise CatalogError(
                    f"{where}: entry '{entry.id}': same command as entry '{same.entry.id}' at "
                    f"{same.where}; show that entry on both pages instead"
                )
            if check_cli:
                _check_against_cli(entry, where, reference)
            commands[entry.id] = Located(entry, where)
    return Catalog(topics=topics, commands=commands, reference=reference)
