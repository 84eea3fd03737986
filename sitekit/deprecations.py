"""Commands and flags Docker removed, deprecated or still accepts without listing them:
assets/deprecations.yaml, for the Explain page (docs/explain.md).

The CLI reference holds what `--help` lists today. Pasted commands also use what it does not
list: old spellings Docker still accepts (`--net`), flags Buildx and Compose accept and ignore
(`docker build --rm`, `docker compose exec -it`), and what was removed (`docker scan`,
`docker-compose`). `with_accepted_flags` gives the checker a reference that also accepts what
Docker accepts, so the rest of such a command can be checked and explained; the entries say
what to write instead. Any problem in the file is a DeprecationsError: one line naming the file,
the entry and its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sitekit.cli_reference import Option, Reference
from sitekit.data_files import DataFileError, describe, load_yaml
from sitekit.project import PROJECT, Project

DEPRECATIONS_FILE = PROJECT.deprecations

# What each status means for a command that uses it (the Explain page's verdict).
STATUS_VERDICT = {"hidden": "outdated", "deprecated": "outdated", "ignored": "outdated", "removed": "invalid"}
# Where a source may be: Docker's repositories at a tag, Docker's documentation, and the
# repositories of tools Docker retired.
SOURCE = re.compile(r"^https://(github\.com/docker/[\w.-]+/(blob|releases/tag)/v[\d.]+[^\s]*"
                    r"|docs\.docker\.com/\S+|github\.com/docker/machine)$")


class DeprecationsError(DataFileError):
    """Bad deprecations input. str() is one line naming the file and the entry."""


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    program: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9-]*$")
    command: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$")
    flag: str | None = Field(default=None, pattern=r"^--[a-z][a-z0-9-]*$")
    shorthand: str | None = Field(default=None, pattern=r"^-[a-zA-Z]$")
    env: str | None = Field(default=None, pattern=r"^[A-Z_][A-Z0-9_]*=\S*$")
    commands: list[str] = Field(default_factory=list)
    short: str | None = Field(default=None, pattern=r"^-[a-zA-Z]$")
    same_as: str | None = Field(default=None, pattern=r"^--[a-z][a-z0-9-]*$")
    takes_value: bool | None = None
    description: str | None = None
    rewrite: str | None = None
    listed: bool = False  # a flag `--help` still lists, which Docker's documentation deprecates (--link)
    status: Literal["hidden", "deprecated", "ignored", "removed"]
    instead: str = Field(min_length=1)
    text: str = Field(min_length=1)
    source: str

    @model_validator(mode="after")
    def _one_subject(self) -> "Entry":
        subjects = [name for name in ("program", "command", "env") if getattr(self, name)]
        if self.flag and not self.shorthand:
            subjects.append("flag")
        if self.shorthand:
            subjects.append("shorthand")
        if len(subjects) != 1:
            raise ValueError("name exactly one of program, command, flag, shorthand (with flag) or env")
        if not SOURCE.match(self.source):
            raise ValueError(f"source '{self.source}' is not Docker's: a GitHub address of docker/… at a "
                             "tag, or docs.docker.com")
        kind = subjects[0]
        if kind == "flag":
            if not self.commands:
                raise ValueError(f"flag {self.flag}: say which 'commands' it belongs to")
            if self.listed and (self.same_as or self.takes_value is not None or self.status == "removed"):
                raise ValueError(f"flag {self.flag}: a listed flag takes its form from the CLI reference")
            if not self.listed and self.status != "removed" and not self.same_as \
                    and (self.takes_value is None or not self.description):
                raise ValueError(f"flag {self.flag}: an accepted flag needs 'same_as', or 'takes_value' and "
                                 "'description'")
        elif self.commands or self.same_as or self.takes_value is not None or self.short:
            raise ValueError(f"'commands', 'same_as', 'takes_value' and 'short' are for flags, not a {kind}")
        if self.rewrite and kind != "program":
            raise ValueError("'rewrite' is for programs (docker-compose → docker compose)")
        return self

    @property
    def verdict(self) -> str:
        return STATUS_VERDICT[self.status]


@dataclass(frozen=True)
class Deprecations:
    entries: list[Entry]

    def program(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.program == name), None)

    def command(self, words: list[str]) -> Entry | None:
        """The entry for the command these words start with (`scan`, `buildx install`)."""
        return next((e for e in self.entries if e.command and words[:len(e.command.split())] == e.command.split()),
                    None)

    def flag(self, key: str, flag: str) -> Entry | None:
        """The entry for a flag of a command (reference key, or `compose` for Compose's own flags),
        by its long name or its one-letter form."""
        group = key.split()[0] if key else ""
        for entry in self.entries:
            if entry.flag and not entry.shorthand and (key in entry.commands or group in entry.commands) \
                    and flag in (entry.flag, entry.short):
                return entry
        return None

    def shorthand(self, long: str, written: str) -> Entry | None:
        return next((e for e in self.entries if e.shorthand == written and e.flag == long), None)

    def env(self, assignment: str) -> Entry | None:
        return next((e for e in self.entries if e.env == assignment), None)


def load_deprecations(path: Path = DEPRECATIONS_FILE, reference: Reference | None = None,
                      project: Project = PROJECT) -> Deprecations:
    """Read and check the file; with `reference`, also that every command and flag it names exists
    (or, for a removed one, no longer exists) there."""
    data, node = load_yaml(path, project)
    where = project.shown(path)
    if not isinstance(data, dict) or set(data) != {"entries"} or not isinstance(data["entries"], list):
        raise DeprecationsError(f"{where}:1: expected a mapping with one key, 'entries', holding a list")
    nodes = next(value for key, value in node.value if key.value == "entries").value
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, (item, child) in enumerate(zip(data["entries"], nodes), 1):
        line = child.start_mark.line + 1
        label = item.get("id") if isinstance(item, dict) and item.get("id") else f"#{index}"
        try:
            entry = Entry.model_validate(item)
        except ValidationError as error:
            raise DeprecationsError(f"{where}:{line}: entry '{label}': {describe(error)}") from None
        if entry.id in seen:
            raise DeprecationsError(f"{where}:{line}: entry '{entry.id}': duplicate id")
        seen.add(entry.id)
        if reference is not None:
            problem = _against_reference(entry, reference)
            if problem:
                raise DeprecationsError(f"{where}:{line}: entry '{entry.id}': {problem}")
        entries.append(entry)
    return Deprecations(entries)


def _options(reference: Reference, key: str) -> dict[str, Option] | None:
    if key in reference.commands:
        return reference.commands[key].options
    return reference.group_options.get(key)


def _against_reference(entry: Entry, reference: Reference) -> str | None:
    if entry.command:
        listed = reference.key_of(entry.command) is not None or entry.command in reference.groups
        if listed:
            return f"'docker {entry.command}' is in the CLI reference: it is not removed or hidden"
    if entry.flag and not entry.shorthand:
        for key in entry.commands:
            options = _options(reference, key)
            if options is None:
                return f"'{key}' is not a command of the CLI reference (nor a group with flags of its own)"
            if entry.flag in options and not entry.listed:
                return (f"'{key}' lists {entry.flag} in the CLI reference: it is not removed or hidden "
                        "(write 'listed: true' for a deprecated flag that --help still lists)")
            if entry.listed and entry.flag not in options:
                return f"'{key}' has no {entry.flag} in the CLI reference, but the entry says it is listed"
            if entry.same_as and entry.same_as not in options:
                return f"'{key}' has no {entry.same_as} for {entry.flag} to be another name of"
            if entry.status != "removed" and entry.short and any(o.short == entry.short for o in options.values()):
                return f"'{key}' already uses {entry.short} for another flag"
    return None


# Keyed by the objects' ids; the objects themselves are kept, so an id is never reused meanwhile.
_CACHE: dict[tuple, tuple[Reference, Deprecations, Reference]] = {}


def with_accepted_flags(reference: Reference, deprecations: Deprecations) -> Reference:
    """The reference plus every command and flag Docker still accepts without listing it, so the
    checker reads `docker run --net host nginx` as Docker does."""
    key = (id(reference), id(deprecations))
    if key in _CACHE:
        return _CACHE[key][2]
    data = reference.model_dump()
    for entry in deprecations.entries:
        if entry.status == "removed" or entry.listed:
            continue
        if entry.command:
            data["commands"][entry.command] = {
                "usage": [f"docker {entry.command}"], "description": entry.text.split(". ")[0],
                "aliases": [], "min_args": 0, "max_args": 0, "free_args_after": None, "options": {},
                "source": "docker-cli" if not entry.command.startswith("buildx") else "buildx"}
        elif entry.flag and not entry.shorthand:
            for command in entry.commands:
                options = data["commands"][command]["options"] if command in data["commands"] \
                    else data["group_options"][command]
                if entry.same_as:
                    option = dict(options[entry.same_as], short=entry.short)
                else:
                    option = {"short": entry.short, "takes_value": bool(entry.takes_value),
                              "type": "string" if entry.takes_value else None, "default": None,
                              "description": entry.description}
                options[entry.flag] = option
    extended = Reference.model_validate(data)
    _CACHE.clear()
    _CACHE[key] = (reference, deprecations, extended)
    return extended
