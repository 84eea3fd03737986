"""Read the Docker CLI's help text, and check command lines against what it says.

The reference (assets/cli-reference.json) is written by scripts/update_cli_reference.py. The
checker understands what the CLI itself understands: management and short command forms, long
and short flags (`--publish 80:80`, `--publish=80:80`, `-p 80:80`, `-itd`), and where a command's
own arguments end (`docker run IMAGE ls -la` passes `-la` to `ls`, not to docker).
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REFERENCE_PATH = Path(__file__).resolve().parent.parent / "assets" / "cli-reference.json"

_OPTION = re.compile(
    r"^\s{2,}(?:-(?P<short>[A-Za-z0-9]), )?\s*--(?P<long>[\w-]+)(?: (?P<type>[\w-]+))?(?:\s{2,}(?P<desc>.*))?$"
)
_CONTINUATION = re.compile(r"^\s{20,}(?P<desc>\S.*)$")
_COMMAND_ROW = re.compile(r"^\s{2}(?P<name>[a-z][\w-]*)\*?\s{2,}\S")


def parse_command_list(help_text: str) -> list[tuple[str, bool]]:
    """Return (name, is_management_command) for each command listed in a help text."""
    found: list[tuple[str, bool]] = []
    section = ""
    for line in help_text.splitlines():
        if line and not line.startswith(" "):
            section = line.strip().rstrip(":")
            continue
        if "Commands" not in section or section.startswith("Invalid"):
            continue
        match = _COMMAND_ROW.match(line)
        if match:
            found.append((match.group("name"), section == "Management Commands"))
    return found


def _usage_arity(usage: str) -> tuple[int, int | None, int | None]:
    """Minimum and maximum positional arguments, and where free arguments start.

    `docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]` gives (1, None, 1): one required
    argument, no maximum, and everything after the first argument belongs to COMMAND.
    """
    words = usage.split()
    # Drop "docker" and the command words: they are lowercase; arguments are uppercase or brackets.
    while words and re.fullmatch(r"[a-z][\w-]*", words[0]):
        words.pop(0)
    text = " ".join(w for w in words if w != "[OPTIONS]")
    text = re.sub(r"\s*\|\s*", "|", text)  # `PATH | URL | -` is one argument
    required = optional = 0
    unlimited = False
    free_after = None
    for word in text.split():
        bare = word.strip("[]")
        if bare.startswith("COMMAND") and free_after is None:
            free_after = required + optional
        if word.endswith("...]") or word.endswith("..."):
            unlimited = True
            continue
        if word.startswith("["):
            optional += 1
        else:
            required += 1
    return required, (None if unlimited else required + optional), free_after


def parse_help(help_text: str, section: str = "Options") -> dict:
    """Turn one `docker … --help` text into usage, aliases, arity and options."""
    usage: list[str] = []
    aliases: list[str] = []
    options: dict[str, dict] = {}
    current = ""
    last_option: dict | None = None
    description = ""
    for line in help_text.splitlines():
        if line.startswith("Usage:"):
            current = "Usage"
            usage.append(line[len("Usage:"):].strip())
            continue
        if current == "Usage" and line.startswith("\t"):
            usage.append(line.strip())
            continue
        if line and not line.startswith(" "):
            header = line.strip().rstrip(":")
            if header in ("Aliases", "Options", "Global Options", "Commands", "Management Commands",
                          "Common Commands", "Swarm Commands", "Examples"):
                current = header
            elif current == "Usage" and not description:
                description = line.strip()
                current = ""
            else:
                current = ""
            continue
        if current == "Aliases" and line.strip():
            aliases.extend(a.strip() for a in line.split(",") if a.strip())
        elif current == section:
            match = _OPTION.match(line)
            if match:
                last_option = {
                    "short": f"-{match.group('short')}" if match.group("short") else None,
                    "takes_value": bool(match.group("type")),
                    "type": match.group("type"),
                    "description": (match.group("desc") or "").strip(),
                }
                options[f"--{match.group('long')}"] = last_option
            elif last_option is not None and (cont := _CONTINUATION.match(line)):
                last_option["description"] += " " + cont.group("desc")
    arities = [_usage_arity(u) for u in usage] or [(0, 0, None)]
    maxima = [a[1] for a in arities]
    return {
        "usage": usage,
        "description": description,
        "aliases": aliases,
        "min_args": min(a[0] for a in arities),
        "max_args": None if None in maxima else max(maxima),
        "free_args_after": next((a[2] for a in arities if a[2] is not None), None),
        "options": options,
    }


@lru_cache(maxsize=None)
def load_reference(path: Path = REFERENCE_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


_ALIAS_MAPS: dict[int, dict[str, str]] = {}


def alias_map(reference: dict) -> dict[str, str]:
    """Map every spelling of a command ("ps", "container ps") to its key in the reference."""
    cached = _ALIAS_MAPS.get(id(reference))
    if cached is not None:
        return cached
    spellings: dict[str, str] = {}
    for key, spec in reference["commands"].items():
        # The first alias is the command's own name (`docker builder build` names `image build`).
        canonical = spec["aliases"][0].removeprefix("docker ") if spec["aliases"] else key
        canonical = canonical if canonical in reference["commands"] else key
        spellings[key] = canonical
        for alias in spec["aliases"]:
            spellings[alias.removeprefix("docker ").strip()] = canonical
    _ALIAS_MAPS[id(reference)] = spellings
    return spellings


@dataclass
class ParsedCommand:
    key: str  # the command's key in the reference, e.g. "container run"
    spelled: str  # how the line spelled it, e.g. "run"
    flags: list[str]  # long names of the flags used, e.g. ["--publish", "--rm"]
    arguments: list[str]


class CommandError(ValueError):
    """A command line the Docker CLI would reject. The message names the offending token."""


def split_shell(line: str) -> list[str]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    tokens = list(lexer)
    # Only the first command of a pipeline or list is docker's.
    for index, token in enumerate(tokens):
        if token and set(token) <= set(";&|"):
            return tokens[:index]
    return tokens


def _resolve(words: list[str], reference: dict) -> tuple[str, int]:
    spellings = alias_map(reference)
    if len(words) >= 2 and f"{words[0]} {words[1]}" in spellings:
        return spellings[f"{words[0]} {words[1]}"], 2
    if words and words[0] in spellings:
        return spellings[words[0]], 1
    if words and words[0] in reference["groups"]:
        sub = words[1] if len(words) > 1 else ""
        raise CommandError(f"unknown subcommand '{sub}' of 'docker {words[0]}'")
    raise CommandError(f"unknown command '{words[0] if words else ''}'")


def parse_command(line: str, reference: dict | None = None) -> ParsedCommand:
    """Check one `docker …` line; raise CommandError naming the offending token."""
    reference = reference or load_reference()
    tokens = split_shell(line)
    if not tokens or tokens[0] != "docker":
        raise CommandError("not a docker command")
    tokens = tokens[1:]
    # Global options such as --context or -H come before the command.
    global_options = reference["global_options"]
    while tokens and tokens[0].startswith("-"):
        name, needs_value = _lookup_flag(tokens.pop(0), global_options, "docker")
        if needs_value:
            if not tokens:
                raise CommandError(f"flag '{name}' of 'docker' needs a value")
            tokens.pop(0)
    key, used = _resolve(tokens, reference)
    spelled = " ".join(tokens[:used])
    spec = reference["commands"][key]
    rest = tokens[used:]
    flags: list[str] = []
    arguments: list[str] = []
    index = 0
    while index < len(rest):
        token = rest[index]
        free_after = spec["free_args_after"]
        if free_after is not None and len(arguments) >= free_after:
            arguments.extend(rest[index:])
            break
        if token == "--":
            arguments.extend(rest[index + 1:])
            break
        if token.startswith("--") and len(token) > 2:
            name = token.split("=", 1)[0]
            if name not in spec["options"]:
                raise CommandError(f"unknown flag '{name}' for 'docker {spelled}'")
            flags.append(name)
            if spec["options"][name]["takes_value"] and "=" not in token:
                index += 1
                if index >= len(rest):
                    raise CommandError(f"flag '{name}' of 'docker {spelled}' needs a value")
        elif token.startswith("-") and len(token) > 1 and token != "-":
            # Short flags can be combined (-itd) and the last may take a value (-p80:80 or -p 80:80).
            letters = token[1:].split("=", 1)[0]
            for position, letter in enumerate(letters):
                name = _short_to_long(f"-{letter}", spec["options"])
                if name is None:
                    raise CommandError(f"unknown shorthand flag '-{letter}' in '{token}' for 'docker {spelled}'")
                flags.append(name)
                if spec["options"][name]["takes_value"]:
                    if position == len(letters) - 1 and "=" not in token:
                        index += 1
                        if index >= len(rest):
                            raise CommandError(f"flag '-{letter}' of 'docker {spelled}' needs a value")
                    break
        else:
            arguments.append(token)
        index += 1
    if len(arguments) < spec["min_args"]:
        raise CommandError(
            f"'docker {spelled}' needs at least {spec['min_args']} argument(s), got {len(arguments)}"
            f" (usage: {spec['usage'][0]})"
        )
    if spec["max_args"] is not None and len(arguments) > spec["max_args"]:
        raise CommandError(
            f"'docker {spelled}' takes at most {spec['max_args']} argument(s), got {len(arguments)}: "
            f"'{arguments[spec['max_args']]}' is one too many (usage: {spec['usage'][0]})"
        )
    return ParsedCommand(key=key, spelled=spelled, flags=flags, arguments=arguments)


def _lookup_flag(token: str, options: dict, where: str) -> tuple[str, bool]:
    name = token.split("=", 1)[0]
    if not name.startswith("--"):
        long = _short_to_long(name[:2], options)
        if long is None:
            raise CommandError(f"unknown flag '{name}' for '{where}'")
        name = long
    if name not in options:
        raise CommandError(f"unknown flag '{name}' for '{where}'")
    return name, options[name]["takes_value"] and "=" not in token


def _short_to_long(short: str, options: dict) -> str | None:
    for long, spec in options.items():
        if spec["short"] == short:
            return long
    return None


def short_form(key: str, long_flag: str, reference: dict | None = None) -> str | None:
    reference = reference or load_reference()
    option = reference["commands"].get(key, {}).get("options", {}).get(long_flag)
    return option["short"] if option else None


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
