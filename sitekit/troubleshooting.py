"""The troubleshooting page's data: the errors beginners hit, loaded from assets/troubleshooting.yaml.

Each entry holds the message exactly as it is printed, so a reader can paste it into search. A
message that Docker prints names the Go format strings of Docker's own source that produce it
(rows of assets/docker-error-strings.tsv), outermost first: the message must be what those
strings print when each one's `%w` (or, without one, its last verb) holds the next. Messages
from the kernel or other programs say where they come from instead.

Any problem is a TroubleshootingError whose message is one line naming the file, the entry and
its line. The model and its loading only: what a format string prints is sitekit/go_format.py,
the page's Markdown sitekit/render_troubleshooting.py, the macros sitekit/site_macros.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sitekit.data_files import DataFileError, describe, load_yaml_lists, read_text
from sitekit.go_format import FormatString, chain_pattern
from sitekit.project import PROJECT, Project


class TroubleshootingError(DataFileError):
    """Bad troubleshooting input. str() is one readable line naming the file and the entry."""


# --- Docker's format strings ----------------------------------------------------------------


def load_format_strings(project: Project = PROJECT) -> dict[str, FormatString]:
    """The committed format strings (assets/docker-error-strings.tsv), keyed by file:line. Lines
    starting with # are comments."""
    path = project.error_strings
    shown = project.shown(path)
    strings: dict[str, FormatString] = {}
    for number, line in enumerate(read_text(path, project).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 3 or not all(c.strip() for c in columns):
            raise TroubleshootingError(
                f"{shown}:{number}: expected 3 tab-separated columns (source, file:line, "
                f"Go format string), got {len(columns)}")
        source, location, fmt = columns
        if columns == ["source", "file:line", "Go format string"]:
            continue  # the header, as in the upstream list
        if not re.fullmatch(r"[\w./-]+:\d+", location):
            raise TroubleshootingError(f"{shown}:{number}: '{location}' is not file:line")
        if location in strings:
            raise TroubleshootingError(f"{shown}:{number}: '{location}' is listed twice")
        strings[location] = FormatString(source, location, fmt)
    return strings


# --- entries ------------------------------------------------------------------------------


class Filled(BaseModel):
    """A format string whose other verbs print constants of the source, named by their rows, in
    the order of the verbs; null for a verb that prints a value (a name, an ID)."""

    model_config = ConfigDict(extra="forbid")
    at: str = Field(min_length=1)
    fill: list[str | None] = Field(default_factory=list)
    # The source adds a value after the text: errors.New("No such container: " + name).
    value_after: bool = False


class Documented(BaseModel):
    """Where Docker's documentation quotes a text that a service (Docker Hub) sends, not a program."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(pattern=r"^https://docs\.docker\.com/\S*$")  # the page readers open
    source: str = Field(pattern=r"^docker/docs@[0-9a-f]{40}:content/\S+\.md$")  # the file it is built from


class Message(BaseModel):
    """One block of output, exactly as printed, and where it comes from."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    origin: Literal["docker", "runc", "kernel", "docker-hub", "postgres-image"]
    # For origin docker: rows of docker-error-strings.tsv (file:line), outermost first.
    formats: list[str | Filled] = Field(default_factory=list)
    # For origin docker-hub: the page of Docker's documentation that quotes the text.
    documented: Documented | None = None
    # Printed in front of Docker's own text by a library (logrus' "WARN[0000] "), not by Docker.
    prefix: str = ""
    prefix_origin: Literal["logrus"] | None = None

    @model_validator(mode="after")
    def _sources_fit_the_origin(self) -> "Message":
        if self.origin == "docker" and not self.formats:
            raise ValueError("a message from Docker needs 'formats': the rows of "
                             "assets/docker-error-strings.tsv that print it")
        if self.origin != "docker" and self.formats:
            raise ValueError(f"a message from {self.origin} cannot name Docker's format strings")
        if (self.origin == "docker-hub") != (self.documented is not None):
            raise ValueError("a message from Docker Hub, and only one, needs 'documented': where Docker's "
                             "documentation quotes it")
        if bool(self.prefix) != bool(self.prefix_origin):
            raise ValueError("'prefix' and 'prefix_origin' go together")
        if self.prefix and not self.text.startswith(self.prefix):
            raise ValueError(f"the text does not start with its prefix {self.prefix!r}")
        return self


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")
    page: str = Field(pattern=r"^[a-z0-9-]+$")  # a docs/<page>.md
    anchor: str = Field(default="", pattern=r"^[a-z0-9-]*$")
    text: str = ""  # defaults to the page's title


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    group: str
    when: str = Field(min_length=1)  # what the reader was doing
    messages: list[Message] = Field(min_length=1)
    cause: str = Field(min_length=1)
    fix: str = Field(min_length=1)
    commands: list[str] = Field(default_factory=list)  # catalog ids that carry out the fix
    see: list[Link] = Field(min_length=1)
    history: str = ""  # where the wording or behaviour changed between versions

    @field_validator("title")
    @classmethod
    def _plain_title(cls, value: str) -> str:
        if value != value.strip() or "\n" in value:
            raise ValueError("the title is one line of text")
        return value


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)


@dataclass(frozen=True)
class Located:
    entry: Entry
    line: int


@dataclass
class Troubleshooting:
    groups: list[Group]
    entries: list[Located]
    strings: dict[str, FormatString]

    def in_group(self, group: str) -> list[Entry]:
        return [located.entry for located in self.entries if located.entry.group == group]

    def chain(self, message: Message) -> list[FormatString]:
        """The format strings a message names, outermost first, constants included."""
        found = []
        for link in message.formats:
            keys = [link] if isinstance(link, str) else [link.at, *link.fill]
            found += [self.strings[key] for key in keys if key is not None]
        return found


def _keys(message: Message) -> list[str]:
    return [key for link in message.formats
            for key in ([link] if isinstance(link, str) else [link.at, *link.fill]) if key is not None]


def check_message(message: Message, strings: dict[str, FormatString], strings_file: str = "assets/docker-error-strings.tsv") -> str | None:
    """Why the message is not what its format strings print, or None when it is."""
    missing = [key for key in _keys(message) if key not in strings]
    if missing:
        return (f"format string '{missing[0]}' is not in {strings_file} "
                "(copy its row from Docker's source first)")
    if message.origin != "docker":
        return None
    chain = []
    for link in message.formats:
        if isinstance(link, str):
            chain.append((strings[link], ()))
        else:
            chain.append((strings[link.at], tuple(strings[key].text if key else None for key in link.fill)))
    last = message.formats[-1]
    value_after = not isinstance(last, str) and last.value_after
    # A printed line's own newline is not part of what a reader copies.
    text = message.text.removeprefix(message.prefix).rstrip("\n")
    if chain_pattern(chain, value_after).fullmatch(text) is None:
        return ("the message is not what Docker's format strings print: "
                + " wrapping ".join(repr(string.text) for string, _ in chain))
    return None


_CACHE: dict[tuple, Troubleshooting] = {}


def load_troubleshooting(project: Project = PROJECT, commands: set[str] | None = None) -> Troubleshooting:
    """Load and check every entry. `commands` (catalog ids), when given, are what entries may
    name; links may name the project's pages. The same files with the same checks are read only
    once per process (the macros, the search index and the Explain data all read them, and
    `mkdocs serve` rebuilds often)."""
    files = [project.troubleshooting, project.error_strings]
    try:
        stats = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    except OSError:
        return _load_troubleshooting(project, commands)  # says which file, in one line
    key = (stats, frozenset(project.chapters()), None if commands is None else frozenset(commands))
    if key not in _CACHE:
        if len(_CACHE) >= 4:
            _CACHE.clear()
        _CACHE[key] = _load_troubleshooting(project, commands)
    return _CACHE[key]


def _load_troubleshooting(project: Project, commands: set[str] | None) -> Troubleshooting:
    strings = load_format_strings(project)
    path = project.troubleshooting
    where = project.shown(path)
    try:
        data = load_yaml_lists(path, ("groups", "entries"), project)
    except DataFileError as error:
        raise TroubleshootingError(str(error)) from None
    pages = project.chapters()
    groups: list[Group] = []
    for item, line in data["groups"]:
        try:
            groups.append(Group.model_validate(item))
        except ValidationError as error:
            raise TroubleshootingError(f"{where}:{line}: group: {describe(error)}") from None
    group_ids = {g.id for g in groups}
    entries: list[Located] = []
    seen: dict[str, int] = {}
    for index, (item, line) in enumerate(data["entries"], 1):
        label = item.get("id") if isinstance(item, dict) and item.get("id") else f"#{index}"
        prefix = f"{where}:{line}: entry '{label}'"
        try:
            entry = Entry.model_validate(item)
        except ValidationError as error:
            raise TroubleshootingError(f"{prefix}: {describe(error)}") from None
        if entry.id in seen:
            raise TroubleshootingError(f"{prefix}: duplicate id, first defined at {where}:{seen[entry.id]}")
        seen[entry.id] = line
        if entry.group not in group_ids:
            raise TroubleshootingError(f"{prefix}: unknown group '{entry.group}' (groups: {', '.join(sorted(group_ids))})")
        for number, message in enumerate(entry.messages, 1):
            problem = check_message(message, strings, project.shown(project.error_strings))
            if problem:
                raise TroubleshootingError(f"{prefix}: message {number}: {problem}")
        for link in entry.see:
            if link.page not in pages:
                raise TroubleshootingError(f"{prefix}: 'see' names page '{link.page}', but there is no docs/{link.page}.md")
        for command in entry.commands:
            if commands is not None and command not in commands:
                raise TroubleshootingError(f"{prefix}: unknown command id '{command}'")
        entries.append(Located(entry, line))
    return Troubleshooting(groups=groups, entries=entries, strings=strings)
