"""The troubleshooting page's data: the errors beginners hit, loaded from assets/troubleshooting.yaml.

Each entry holds the message exactly as it is printed, so a reader can paste it into search. A
message that Docker prints names the Go format strings of Docker's own source that produce it
(rows of assets/docker-error-strings.tsv), outermost first: the message must be what those
strings print when each one's `%w` (or, without one, its last verb) holds the next. Messages
from the kernel or other programs say where they come from instead.

Any problem is a TroubleshootingError whose message is one line naming the file, the entry and
its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sitekit.data_files import DataFileError, describe, load_yaml, read_text, relative

ROOT = Path(__file__).resolve().parent.parent
ENTRIES_FILE = ROOT / "assets" / "troubleshooting.yaml"
STRINGS_FILE = ROOT / "assets" / "docker-error-strings.tsv"

# Where a message comes from, in the reader's words.
ORIGINS = {
    "docker": "Docker",
    "runc": "runc, the container runtime Docker starts containers with",
    "kernel": "the Linux kernel",
    "docker-hub": "Docker Hub, the registry",
    "logrus": "logrus, the logging library Compose prints warnings with",
}


class TroubleshootingError(DataFileError):
    """Bad troubleshooting input. str() is one readable line naming the file and the entry."""


_relative = relative


# --- Docker's format strings ----------------------------------------------------------------


@dataclass(frozen=True)
class FormatString:
    source: str  # e.g. moby/moby@docker-v29.7.2
    location: str  # file:line in that source, e.g. daemon/errors.go:63
    format: str  # the Go format string as written in the source (escapes included)

    @property
    def text(self) -> str:
        """The string's value: Go's escapes (\\n, \\") resolved."""
        return _GO_ESCAPE.sub(lambda m: _GO_ESCAPES[m.group(1)], self.format)


_GO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}
_GO_ESCAPE = re.compile(r"\\([nt\"\\'])")


def load_format_strings(path: Path = STRINGS_FILE) -> dict[str, FormatString]:
    """The committed format strings, keyed by file:line. Lines starting with # are comments."""
    strings: dict[str, FormatString] = {}
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 3 or not all(c.strip() for c in columns):
            raise TroubleshootingError(
                f"{_relative(path)}:{number}: expected 3 tab-separated columns (source, file:line, "
                f"Go format string), got {len(columns)}")
        source, location, fmt = columns
        if columns == ["source", "file:line", "Go format string"]:
            continue  # the header, as in the upstream list
        if not re.fullmatch(r"[\w./-]+:\d+", location):
            raise TroubleshootingError(f"{_relative(path)}:{number}: '{location}' is not file:line")
        if location in strings:
            raise TroubleshootingError(f"{_relative(path)}:{number}: '{location}' is listed twice")
        strings[location] = FormatString(source, location, fmt)
    return strings


# Go's fmt verbs: %[flags][width][.precision]verb, and %% for a literal percent sign.
_VERB = re.compile(r"%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])")
_VERB_PATTERNS = {
    "d": r"-?\d+",
    "q": r'"(?:[^"\\\n]|\\.)*"|`[^`]*`',
    "x": r"[0-9a-fA-F]+",
    "t": r"true|false",
}
_ANY = r".+?"


def go_format_pattern(text: str, inner: str | None = None, fills: tuple[str | None, ...] = ()) -> str:
    """A regular expression for what a Go format string prints.

    With `inner`, the string wraps another message: it goes where the `%w` is, or in place of the
    last verb when there is no `%w`, or after the text when the string has no verb at all (Go code
    that joins an error to a fixed prefix). `fills` are the exact texts of the other verbs, in
    order, where the source passes constants (`fmt.Errorf("%s: %w", errSetupNetworking, err)`).
    """
    verbs = [m for m in _VERB.finditer(text) if m.group(4) != "%"]
    slot = None
    if inner is not None and verbs:
        wrapping = [m for m in verbs if m.group(4) == "w"]
        slot = wrapping[0].start() if wrapping else verbs[-1].start()
    remaining = list(fills)
    parts: list[str] = []
    position = 0
    for match in _VERB.finditer(text):
        parts.append(re.escape(text[position:match.start()]))
        verb = match.group(4)
        if verb == "%":
            parts.append("%")
        elif match.start() == slot:
            parts.append(f"(?:{inner})")
        elif remaining and remaining[0] is not None:
            parts.append(re.escape(remaining.pop(0)))
        else:
            if remaining:
                remaining.pop(0)
            parts.append(f"(?:{_VERB_PATTERNS.get(verb, _ANY)})")
        position = match.end()
    parts.append(re.escape(text[position:]))
    if inner is not None and not verbs:
        parts.append(f"(?:{inner})")
    return "".join(parts)


def chain_pattern(chain: list[tuple[FormatString, tuple[str | None, ...]]], value_after: bool = False) -> re.Pattern:
    """The whole message that a chain of format strings prints, outermost first; each link comes
    with the texts of constants it prints (see go_format_pattern). `value_after`: the innermost
    text is followed by a value that the source appends to it."""
    pattern: str | None = _ANY.replace("?", "") if value_after else None
    for string, fills in reversed(chain):
        pattern = go_format_pattern(string.text.rstrip("\n"), pattern, fills)
    return re.compile(pattern or "", re.DOTALL)


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
    origin: Literal["docker", "runc", "kernel", "docker-hub"]
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


def _parse(path: Path) -> tuple[dict, dict[str, yaml.Node]]:
    data, node = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise TroubleshootingError(f"{_relative(path)}:1: expected a mapping with 'groups' and 'entries'")
    nodes = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    for key in ("groups", "entries"):
        if not isinstance(data.get(key), list):
            raise TroubleshootingError(f"{_relative(path)}:1: '{key}' must be a list")
    if unknown := sorted(set(data) - {"groups", "entries"}):
        raise TroubleshootingError(f"{_relative(path)}:1: unknown key '{unknown[0]}' (keys: groups, entries)")
    return data, nodes


def _keys(message: Message) -> list[str]:
    return [key for link in message.formats
            for key in ([link] if isinstance(link, str) else [link.at, *link.fill]) if key is not None]


def check_message(message: Message, strings: dict[str, FormatString]) -> str | None:
    """Why the message is not what its format strings print, or None when it is."""
    missing = [key for key in _keys(message) if key not in strings]
    if missing:
        return (f"format string '{missing[0]}' is not in {_relative(STRINGS_FILE)} "
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


def load_troubleshooting(path: Path = ENTRIES_FILE, strings_path: Path = STRINGS_FILE,
                         pages: set[str] | None = None, commands: set[str] | None = None) -> Troubleshooting:
    """Load and check every entry. `pages` (docs/*.md stems) and `commands` (catalog ids), when
    given, are what links and command ids may name."""
    strings = load_format_strings(strings_path)
    data, nodes = _parse(path)
    where = _relative(path)
    groups: list[Group] = []
    for item, node in zip(data["groups"], nodes["groups"].value):
        try:
            groups.append(Group.model_validate(item))
        except ValidationError as error:
            raise TroubleshootingError(f"{where}:{node.start_mark.line + 1}: group: {describe(error)}") from None
    group_ids = {g.id for g in groups}
    entries: list[Located] = []
    seen: dict[str, int] = {}
    for index, (item, node) in enumerate(zip(data["entries"], nodes["entries"].value), 1):
        line = node.start_mark.line + 1
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
            problem = check_message(message, strings)
            if problem:
                raise TroubleshootingError(f"{prefix}: message {number}: {problem}")
        for link in entry.see:
            if pages is not None and link.page not in pages:
                raise TroubleshootingError(f"{prefix}: 'see' names page '{link.page}', but there is no docs/{link.page}.md")
        for command in entry.commands:
            if commands is not None and command not in commands:
                raise TroubleshootingError(f"{prefix}: unknown command id '{command}'")
        entries.append(Located(entry, line))
    return Troubleshooting(groups=groups, entries=entries, strings=strings)


# --- rendering ------------------------------------------------------------------------------


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    return "`" * max(3, longest + 1)


def _origin_line(message: Message, chain: list[FormatString]) -> str:
    if message.origin == "docker":
        sources = sorted({s.source for s in chain})
        places = ", ".join(f"`{s.location}`" for s in chain)
        text = f"Docker's own wording ({', '.join(sources)}: {places})"
    elif message.origin == "docker-hub":
        text = (f"From {ORIGINS[message.origin]}, not from Docker's programs: its wording as "
                f"[Docker's documentation]({message.documented.url}) quotes it")
    else:
        text = f"From {ORIGINS[message.origin]}, not from Docker"
    if message.prefix_origin:
        text += f"; `{message.prefix.strip()}` in front is added by {ORIGINS[message.prefix_origin]}"
    return text


def render_entry(entry: Entry, data: Troubleshooting, titles: dict[str, str], commands,
                 current_page: str) -> str:
    """One entry as Markdown: heading with its stable anchor, the message, cause, fix, links."""
    lines = [f"### {entry.title} {{#{entry.id}}}", "", f"**When:** {entry.when.strip()}", ""]
    text = "\n".join(message.text.rstrip("\n") for message in entry.messages)
    fence = _fence(text)
    lines += [f"{fence}text", text, fence, ""]
    origins = [_origin_line(m, data.chain(m)) for m in entry.messages]
    if len(origins) == 1:
        lines += [f'<p class="ts-origin" markdown>{origins[0]}.</p>', ""]
    else:
        lines += ['<div class="ts-origin" markdown>', ""]
        lines += [f"- Block {number}: {origin}." for number, origin in enumerate(origins, 1)]
        lines += ["", "</div>", ""]
    lines += [f"**Cause:** {entry.cause.strip()}", "", f"**Fix:** {entry.fix.strip()}", ""]
    if entry.commands:
        lines += [commands(entry.commands), ""]
    if entry.history:
        lines += [f"**History:** {entry.history.strip()}", ""]
    links = []
    for link in entry.see:
        target = "" if link.page == current_page else f"{link.page}.md"
        target += f"#{link.anchor}" if link.anchor else ""
        links.append(f"[{link.text or titles.get(link.page, link.page)}]({target})")
    lines += [f"**Read more:** {', '.join(links)}", ""]
    return "\n".join(lines)


def render_all(data: Troubleshooting, titles: dict[str, str], commands, current_page: str) -> str:
    """Every group as a section with its entries, in the order of the data file."""
    parts: list[str] = []
    for group in data.groups:
        entries = data.in_group(group.id)
        if not entries:
            continue
        parts += [f"## {group.title} {{#{group.id}}}", ""]
        parts += [render_entry(e, data, titles, commands, current_page) for e in entries]
    return "\n".join(parts)


def render_index(data: Troubleshooting) -> str:
    """A table of every entry: its title linked to the entry, and the start of its first message."""
    rows = ["| Problem | Message starts with |", "| --- | --- |"]
    for located in data.entries:
        entry = located.entry
        first = entry.messages[0].text.removeprefix(entry.messages[0].prefix).splitlines()[0]
        start = first if len(first) <= 60 else first[:57].rsplit(" ", 1)[0] + " …"
        start = start.replace("|", "\\|").replace("`", "'")
        rows.append(f"| [{entry.title}](#{entry.id}) | `{start}` |")
    return "\n".join(rows)


def macros(catalog, pages: set[str], titles, current_page) -> list[tuple[str, object, object]]:
    """The troubleshooting page's macros as (name, render, check) for sitekit/site_macros.py.

    `titles()` maps page stems to titles; `current_page()` is the stem of the page rendering.
    A command taught on the page itself gets its explanation block; one taught elsewhere, a link.
    Raises TroubleshootingError on bad input in the data files.
    """
    from sitekit import render

    data = load_troubleshooting(pages=pages, commands=set(catalog.commands))

    def commands(ids: list[str]) -> str:
        """Explanation blocks for this page's own commands; a table of links for the others."""
        entries = [catalog.get(command_id) for command_id in ids]
        parts = [render.command_block(e) for e in entries if e.chapter == current_page()]
        elsewhere = [e for e in entries if e.chapter != current_page()]
        if elsewhere:
            parts.append(render.command_table(elsewhere, current_page()))
        return "\n\n".join(parts)

    def troubleshooting() -> str:
        """Every troubleshooting entry, grouped, each under a heading with its stable anchor."""
        return render_all(data, titles(), commands, current_page())

    def troubleshooting_index() -> str:
        """A table of the troubleshooting entries, linked to each."""
        return render_index(data)

    def nothing_to_check() -> None:
        return None

    return [("troubleshooting", troubleshooting, nothing_to_check),
            ("troubleshooting_index", troubleshooting_index, nothing_to_check)]
