"""The Docker CLI reference (assets/cli-reference.json) as a typed model, and a checker for command lines.

The file is written by scripts/update_cli_reference.py from Docker's own sources. The checker
understands what the CLI itself understands: management and short command forms, Buildx's
`docker build`, Compose's options before its subcommand (`docker compose -f x.yaml up`), long and
short flags (`--publish 80:80`, `--publish=80:80`, `-p 80:80`, `-itd`), and where a command's own
arguments end (`docker run IMAGE ls -la` passes `-la` to `ls`, not to docker).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from sitekit.data_files import shown

REFERENCE_PATH = Path(__file__).resolve().parent.parent / "assets" / "cli-reference.json"


class ReferenceError(Exception):
    """The reference file cannot be used. str() is one line naming the file."""


class CommandError(ValueError):
    """A command line the Docker CLI would reject. The message names the offending token.

    The same, for programs that explain it (the Explain page, sitekit/explain.py): `kind` is one
    of not-docker, no-command, desktop-arguments, unknown-command, unknown-subcommand,
    unknown-flag, unknown-shorthand, needs-value, too-few-arguments, too-many-arguments (shell:
    the line cannot be read); `token` the word at fault; `where` the command it was given to
    (`docker run`); `word` the whole word a flag was written in (`-rm` for `-r`); `parsed` what was
    read when only the number of arguments is wrong."""

    def __init__(self, message: str, kind: str = "shell", token: str = "", where: str = "",
                 parsed: "ParsedCommand | None" = None, word: str = ""):
        super().__init__(message)
        self.kind, self.token, self.where, self.parsed, self.word = kind, token, where, parsed, word or token


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    short: str | None
    takes_value: bool
    type: str | None
    default: str | None
    description: str


class CommandSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    usage: list[str]
    description: str
    aliases: list[str]
    min_args: int
    max_args: int | None
    free_args_after: int | None
    options: dict[str, Option]
    source: str


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    repository: str
    version: str
    commit: str
    read: str


# Docker's CLI reference online: one page per command, at its words joined by slashes
# (docker image save: .../docker/image/save/).
DOCUMENTATION = "https://docs.docker.com/reference/cli/docker/"


class DesktopCommand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    documentation: str


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid")
    generated_by: str
    sources: dict[str, Source]
    global_options: dict[str, Option]
    group_options: dict[str, dict[str, Option]]
    groups: dict[str, str]  # every spelling of a command group -> its own name (`builder` -> `buildx`)
    desktop_commands: dict[str, DesktopCommand]
    commands: dict[str, CommandSpec]

    _spellings: dict[str, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context) -> None:
        spellings: dict[str, str] = {}
        for key, spec in self.commands.items():
            spellings[key] = key
            for alias in spec.aliases:
                spellings.setdefault(alias.removeprefix("docker "), key)
        # A group's other spellings reach the same commands: `docker builder prune` is `buildx prune`.
        for spelling, group in self.groups.items():
            if spelling != group:
                for key in self.commands:
                    if key.startswith(f"{group} "):
                        spellings.setdefault(f"{spelling} {key.removeprefix(group + ' ')}", key)
        self._spellings = spellings

    @property
    def versions(self) -> dict[str, str]:
        """`cli`, `buildx`, `compose` (and `engine`, released with the CLI under one number)."""
        cli = self.sources["docker-cli"].version.removeprefix("v")
        return {"cli": cli, "engine": cli, "buildx": self.sources["buildx"].version.removeprefix("v"),
                "compose": self.sources["compose"].version.removeprefix("v")}

    @property
    def spellings(self) -> dict[str, str]:
        """Every way to write a command after `docker` (its key, its aliases, its group's other
        names) -> its key: `save` -> `image save`, `builder prune` -> `buildx prune`."""
        return dict(self._spellings)

    def documentation(self, key: str) -> str:
        """The command's page in Docker's CLI reference online."""
        if key in self.desktop_commands:
            return self.desktop_commands[key].documentation
        return f"{DOCUMENTATION}{key.replace(' ', '/')}/"

    def key_of(self, spelling: str) -> str | None:
        """The reference key of a spelling such as `run`, `builder prune` or `container run`."""
        return self._spellings.get(spelling)

    def options_of(self, key: str) -> dict[str, Option]:
        """The flags a command (or a group, or `docker` itself for key "") accepts: its own, then
        those its group accepts before or after the subcommand, then --help. A shorthand means
        the command's own flag where both have it: `docker compose logs -f` is --follow, not the
        group's --file."""
        if key in self.commands:
            own = dict(self.commands[key].options)
            group = self.group_options.get(key.split()[0], {})
        elif key in self.groups.values():
            own, group = {}, self.group_options.get(key.split()[0], {})
        else:
            own, group = dict(self.global_options), {}
        taken = {option.short for option in own.values() if option.short}
        for name, option in group.items():
            if name not in own:
                own[name] = option if option.short not in taken else option.model_copy(update={"short": None})
                taken.add(own[name].short)
        if "--help" not in own:
            # Cobra gives every command --help, and -h when no other flag has taken it.
            own["--help"] = Option(short=None if "-h" in taken else "-h", takes_value=False, type=None,
                                   default=None, description="Print usage")
        return own

    def short_form(self, key: str, flag: str) -> str | None:
        option = self.options_of(key).get(flag) if key in self.commands else None
        return option.short if option else None


_CACHE: dict[tuple, Reference] = {}


def load_reference(path: Path = REFERENCE_PATH) -> Reference:
    """The reference, read and validated once per version of the file."""
    try:
        stat = path.stat()
    except OSError as error:
        raise ReferenceError(f"{shown(path)}: cannot read the CLI reference: {error.strerror} "
                             "(regenerate it with scripts/update_cli_reference.py)") from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        try:
            reference = Reference.model_validate_json(path.read_bytes())
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ReferenceError(f"{shown(path)}: {where + ': ' if where else ''}{first['msg']} "
                                 "(regenerate it with scripts/update_cli_reference.py)") from None
        _CACHE.clear()
        _CACHE[key] = reference
    return _CACHE[key]


@dataclass
class ParsedCommand:
    key: str  # the command's key in the reference, e.g. "container run"
    spelled: str  # how the line spelled it, e.g. "run"
    flags: list[str] = field(default_factory=list)  # long names of the flags used, e.g. ["--publish"]
    arguments: list[str] = field(default_factory=list)
    desktop_only: bool = False  # a Docker Desktop plugin, which no public reference describes
    written: list[str] = field(default_factory=list)  # each flag as written: "-p", "-d" of "-dit", "--rm"
    values: list[str | None] = field(default_factory=list)  # each flag's value; None for a switch


# A redirection at the start of a word: `> file`, `>/dev/null`, `2>`, `< counter.sql`, `>&2`; not
# a placeholder such as `<your-docker-id>/web1`, which the pages write in angle brackets.
_REDIRECT = re.compile(r"^\d*(?:&>>|&>|>>|<<<|<<|<>|>\||>|<(?![a-z][\w-]*>))")


def split_shell(line: str) -> list[str]:
    """The words of the first command of a shell line (pipes, lists, redirections and comments
    cut off), as the shell hands them to the program."""
    return list(_split_shell(line))


@lru_cache(maxsize=4096)
def _split_shell(line: str) -> tuple[str, ...]:
    # Remembered: the same lines are split for the pages, the search index and the Explain data,
    # on every `mkdocs serve` rebuild; shlex is slow.
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = list(lexer)
    except ValueError as error:  # an unclosed quote: the shell would wait for more input
        raise CommandError(f"the shell cannot read this line: {error}") from None
    words, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        redirect = _REDIRECT.match(token)
        if redirect:
            index += 1
            if index < len(tokens) and tokens[index] == "&" and token.endswith((">", "<")):
                index += 2  # `>&2`, `2>&1`: the lexer splits off the & and the descriptor
            elif not token[redirect.end():]:
                index += 1  # `> file`: the file is the next word
            continue
        if token and set(token) <= set(";&|"):
            break
        words.append(token)
        index += 1
    return tuple(words)


def _short_to_long(short: str, options: dict[str, Option]) -> str | None:
    return next((long for long, option in options.items() if option.short == short), None)


def _take_options(tokens: list[str], options: dict[str, Option], where: str) -> list[tuple[str, str, str | None]]:
    """Consume leading options (such as `docker --context x` or `docker compose -f x.yaml`);
    return each one's long name, how it was written and its value."""
    taken: list[tuple[str, str, str | None]] = []
    while tokens and tokens[0].startswith("-") and tokens[0] != "-":
        token = tokens.pop(0)
        written = token.split("=", 1)[0]
        name = written if written.startswith("--") else (_short_to_long(written[:2], options) or written)
        if name not in options:
            kind = "unknown-flag" if written.startswith("--") else "unknown-shorthand"
            raise CommandError(f"unknown flag '{written}' for '{where}'", kind, written, where, word=token)
        value = token.split("=", 1)[1] if "=" in token else None
        if options[name].takes_value and "=" not in token and (written.startswith("--") or len(written) == 2):
            if not tokens:
                raise CommandError(f"flag '{name}' of '{where}' needs a value", "needs-value", written, where)
            value = tokens.pop(0)
        elif options[name].takes_value and value is None:
            value = written[2:]  # -cNAME: the value written against the letter
        taken.append((name, written if written.startswith("--") else written[:2], value))
    return taken


HELP = ("--help", "-h")


@dataclass
class _Resolved:
    key: str  # a command's key; a group's name when the line only asks for its help
    spelled: str
    rest: list[str]
    group_flags: list[tuple[str, str, str | None]]  # flags written between a group and its subcommand


def _resolve(tokens: list[str], reference: Reference) -> _Resolved:
    """The longest spelling of a command the line starts with."""
    words: list[str] = []
    rest = list(tokens)
    group_flags: list[tuple[str, str, str | None]] = []
    # Group options may come between a group and its subcommand: `docker compose -f x.yaml up`.
    while rest and not rest[0].startswith("-"):
        words.append(rest.pop(0))
        group = reference.groups.get(" ".join(words))
        if group in reference.group_options and rest and rest[0].startswith("-") and rest[0] not in HELP:
            group_flags += _take_options(rest, reference.group_options[group], f"docker {' '.join(words)}")
        if len(words) == 4:
            break
    for size in range(len(words), 0, -1):
        spelled = " ".join(words[:size])
        key = reference.key_of(spelled)
        if key is not None:
            return _Resolved(key, spelled, words[size:] + rest, group_flags)
    spelled = " ".join(words)
    if spelled in reference.groups and rest:
        if rest[0] in HELP:
            return _Resolved(reference.groups[spelled], spelled, rest, group_flags)  # `docker container --help`
        flag = rest[0].split("=", 1)[0]
        raise CommandError(f"unknown flag '{flag}' for 'docker {spelled}'",
                           "unknown-flag" if flag.startswith("--") else "unknown-shorthand", flag, f"docker {spelled}",
                           word=rest[0])
    prefix = next((" ".join(words[:n]) for n in range(len(words), 0, -1) if " ".join(words[:n]) in reference.groups),
                  None)
    if prefix is not None:
        sub = words[len(prefix.split())] if len(words) > len(prefix.split()) else ""
        raise CommandError(f"unknown subcommand '{sub}' of 'docker {prefix}'", "unknown-subcommand", sub,
                           f"docker {prefix}")
    first = words[0] if words else ""
    raise CommandError(f"unknown command '{first}'", "unknown-command", first, "docker")


def _read_flags(rest: list[str], options: dict[str, Option], free_after: int | None,
                spelled: str) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    """Split what follows the command into flags (long name, as written, value) and positional arguments."""
    flags: list[tuple[str, str, str | None]] = []
    arguments: list[str] = []
    where = f"docker {spelled}"
    index = 0
    while index < len(rest):
        token = rest[index]
        if free_after is not None and len(arguments) >= free_after:
            return flags, arguments + rest[index:]
        if token == "--":
            return flags, arguments + rest[index + 1:]
        if token.startswith("--") and len(token) > 2:
            name = token.split("=", 1)[0]
            if name not in options:
                raise CommandError(f"unknown flag '{name}' for '{where}'", "unknown-flag", name, where, word=token)
            value = token.split("=", 1)[1] if "=" in token else None
            if options[name].takes_value and "=" not in token:
                index += 1
                if index >= len(rest):
                    raise CommandError(f"flag '{name}' of '{where}' needs a value", "needs-value", name, where)
                value = rest[index]
            flags.append((name, name, value))
        elif token.startswith("-") and token != "-":
            index += _read_short_flags(token, rest, index, options, flags, spelled)
        else:
            arguments.append(token)
        index += 1
    return flags, arguments


def _read_short_flags(token: str, rest: list[str], index: int, options: dict[str, Option],
                      flags: list[tuple[str, str, str | None]], spelled: str) -> int:
    """Short flags can be combined (-itd); the last may take a value (-p80:80 or -p 80:80).
    Returns how many extra tokens the value used (0 or 1)."""
    letters = token[1:].split("=", 1)[0]
    where = f"docker {spelled}"
    for position, letter in enumerate(letters):
        name = _short_to_long(f"-{letter}", options)
        if name is None:
            raise CommandError(f"unknown shorthand flag '-{letter}' in '{token}' for '{where}'",
                               "unknown-shorthand", f"-{letter}", where, word=token)
        last = position == len(letters) - 1
        if options[name].takes_value:
            if last and "=" not in token:
                if index + 1 >= len(rest):
                    raise CommandError(f"flag '-{letter}' of '{where}' needs a value", "needs-value",
                                       f"-{letter}", where)
                flags.append((name, f"-{letter}", rest[index + 1]))
                return 1
            # The value is written against the letter (-p80:80) or after = (-p=80:80).
            attached = token[position + 2:]
            flags.append((name, f"-{letter}", attached[1:] if attached.startswith("=") else attached))
            return 0
        flags.append((name, f"-{letter}", token.split("=", 1)[1] if last and "=" in token else None))
    return 0


def _check_arity(spec: CommandSpec, spelled: str, arguments: list[str], parsed: ParsedCommand) -> None:
    where = f"docker {spelled}"
    if len(arguments) < spec.min_args:
        raise CommandError(f"'{where}' needs at least {spec.min_args} argument(s), got {len(arguments)}"
                           f" (usage: {spec.usage[0]})", "too-few-arguments", "", where, parsed)
    if spec.max_args is not None and len(arguments) > spec.max_args:
        raise CommandError(f"'{where}' takes at most {spec.max_args} argument(s), got {len(arguments)}: "
                           f"'{arguments[spec.max_args]}' is one too many (usage: {spec.usage[0]})",
                           "too-many-arguments", arguments[spec.max_args], where, parsed)


def _parsed(key: str, spelled: str, flags: list[tuple[str, str, str | None]], arguments: list[str] | None = None,
            desktop_only: bool = False) -> ParsedCommand:
    return ParsedCommand(key=key, spelled=spelled, flags=[f[0] for f in flags], arguments=arguments or [],
                         desktop_only=desktop_only, written=[f[1] for f in flags], values=[f[2] for f in flags])


def parse_command(line: str, reference: Reference | None = None) -> ParsedCommand:
    """Check one `docker …` line; raise CommandError naming the offending token."""
    tokens = split_shell(line)
    if not tokens or tokens[0] != "docker":
        raise CommandError("not a docker command", "not-docker", tokens[0] if tokens else "")
    return parse_words(tokens[1:], reference)


def parse_words(words: list[str], reference: Reference | None = None) -> ParsedCommand:
    """Check the words after `docker`, as a shell hands them over; raise CommandError naming the
    offending word."""
    reference = reference or load_reference()
    tokens = list(words)
    global_flags = _take_options(tokens, reference.options_of(""), "docker")
    if not tokens:
        if {"--help", "--version"} & {flag[0] for flag in global_flags}:
            return _parsed("", "", global_flags)
        raise CommandError("no command after 'docker'", "no-command", "", "docker")
    if tokens[0] in reference.desktop_commands:
        if len(tokens) > 1:
            raise CommandError(f"'docker {tokens[0]}' is a Docker Desktop plugin without a public reference: "
                               "show it without flags or arguments", "desktop-arguments", tokens[1],
                               f"docker {tokens[0]}")
        return _parsed(tokens[0], tokens[0], global_flags, desktop_only=True)
    found = _resolve(tokens, reference)
    options = reference.options_of(found.key)
    if found.key not in reference.commands:  # a group, asked for its help
        flags, _ = _read_flags(found.rest, options, None, found.spelled)
        return _parsed(found.key, found.spelled, global_flags + found.group_flags + flags)
    spec = reference.commands[found.key]
    flags, arguments = _read_flags(found.rest, options, spec.free_args_after, found.spelled)
    parsed = _parsed(found.key, found.spelled, global_flags + found.group_flags + flags, arguments)
    if "--help" not in parsed.flags:  # help prints the usage and runs nothing: the arguments are not needed
        _check_arity(spec, found.spelled, arguments, parsed)
    return parsed


def short_form(key: str, long_flag: str, reference: Reference | None = None) -> str | None:
    return (reference or load_reference()).short_form(key, long_flag)


def docker_lines(code: str) -> list[tuple[int, str]]:
    """The `docker …` command lines in a code block, continuation lines joined, with line numbers."""
    found: list[tuple[int, str]] = []
    pending = ""
    start = 0
    for number, raw in enumerate(code.splitlines(), 1):
        line = raw.strip()
        if pending:
            pending += " " + line.rstrip("\\").strip()
            if not line.endswith("\\"):
                found.append((start, pending))
                pending = ""
            continue
        if re.match(r"^(sudo\s+)?docker\s", line + " ") and not line.startswith("docker-"):
            line = re.sub(r"^sudo\s+", "", line)
            if line.endswith("\\"):
                pending, start = line.rstrip("\\").strip(), number
            else:
                found.append((number, line))
    if pending:
        found.append((start, pending))
    return found
