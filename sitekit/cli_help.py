"""Read Docker's own descriptions of its commands: `docker … --help` text and Compose's generated YAML.

Both turn into the same plain dictionaries (usage, description, aliases, arity, options), which
scripts/update_cli_reference.py writes to assets/cli-reference.json and sitekit.cli_reference
loads as a typed model.
"""

from __future__ import annotations

import re

_OPTION = re.compile(
    r"^\s{2,}(?:-(?P<short>[A-Za-z0-9]), )?\s*--(?P<long>[\w-]+)(?: (?P<type>[\w-]+))?(?:\s{2,}(?P<desc>.*))?$"
)
_CONTINUATION = re.compile(r"^\s{20,}(?P<desc>\S.*)$")
_COMMAND_ROW = re.compile(r"^\s{2}(?P<name>[a-z][\w-]*)\*?\s{2,}\S")
_DEFAULT = re.compile(r'\s*\(default (?P<value>"[^"]*"|\[[^\]]*\]|\S+)\)$')
_SECTIONS = ("Aliases", "Options", "Global Options", "Commands", "Management Commands", "Common Commands",
             "Swarm Commands", "Examples")


def parse_command_list(help_text: str) -> list[str]:
    """The commands a help text lists (`Commands:`, `Management Commands:` …), in order."""
    found: list[str] = []
    section = ""
    for line in help_text.splitlines():
        if line and not line.startswith(" "):
            section = line.strip().rstrip(":")
            continue
        if "Commands" not in section or section.startswith("Invalid"):
            continue
        match = _COMMAND_ROW.match(line)
        if match:
            found.append(match.group("name"))
    return found


def usage_arity(usage: str) -> tuple[int, int | None, int | None]:
    """Minimum and maximum positional arguments, and where free arguments start.

    `docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]` gives (1, None, 1): one required
    argument, no maximum, and everything after the first argument belongs to COMMAND.
    """
    words = usage.split()
    # Drop "docker" and the command words: they are lowercase; arguments are uppercase or brackets.
    while words and re.fullmatch(r"[a-z][\w-]*", words[0]):
        words.pop(0)
    text = " ".join(w for w in words if w not in ("[OPTIONS]", "[OPTION]", "--"))
    text = re.sub(r"\s*\|\s*", "|", text)  # `PATH | URL | -` is one argument
    required = optional = 0
    unlimited = False
    free_after = None
    for word in text.split():
        bare = word.strip("[]")
        if bare.startswith("COMMAND") and free_after is None:
            free_after = required + optional
        # `[ARG...]`, and Compose's plural names (`[SERVICES]`): any number.
        if word.endswith("...]") or word.endswith("...") or re.fullmatch(r"\[?[A-Z_]+S\]?", word):
            unlimited = True
            continue
        if word.startswith("["):
            optional += 1
        else:
            required += 1
    return required, (None if unlimited else required + optional), free_after


def _arity(usages: list[str]) -> dict:
    arities = [usage_arity(u) for u in usages] or [(0, 0, None)]
    maxima = [a[1] for a in arities]
    return {
        "min_args": min(a[0] for a in arities),
        "max_args": None if None in maxima else max(maxima),
        "free_args_after": next((a[2] for a in arities if a[2] is not None), None),
    }


def _option(short: str | None, value_type: str | None, description: str) -> dict:
    default = None
    match = _DEFAULT.search(description)
    if match:
        default = match.group("value").strip('"')
        description = description[:match.start()]
    return {
        "short": f"-{short}" if short else None,
        "takes_value": value_type not in (None, "bool"),
        "type": value_type if value_type != "bool" else None,
        "default": default,
        "description": description.strip(),
    }


def parse_help(help_text: str, section: str = "Options") -> dict:
    """Turn one `docker … --help` text into usage, description, aliases, arity and options."""
    usage: list[str] = []
    aliases: list[str] = []
    options: dict[str, dict] = {}
    raw: dict[str, tuple[str | None, str | None, str]] = {}
    current = ""
    last: str | None = None
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
            if header in _SECTIONS:
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
                last = f"--{match.group('long')}"
                raw[last] = (match.group("short"), match.group("type"), (match.group("desc") or "").strip())
            elif last is not None and (cont := _CONTINUATION.match(line)):
                short, value_type, text = raw[last]
                raw[last] = (short, value_type, f"{text} {cont.group('desc')}")
    for name, (short, value_type, text) in raw.items():
        options[name] = _option(short, value_type, text)
    return {"usage": usage, "description": description, "aliases": aliases, **_arity(usage), "options": options}


def parse_compose_yaml(document: dict) -> dict:
    """One command of Compose's generated reference (docs/reference/docker_compose_*.yaml)."""
    usage = [line.strip() for line in str(document.get("usage", "")).splitlines() if line.strip()]
    options: dict[str, dict] = {}
    for option in document.get("options") or []:
        if option.get("hidden"):
            continue
        value_type = option.get("value_type")
        default = option.get("default_value")
        options[f"--{option['option']}"] = {
            "short": f"-{option['shorthand']}" if option.get("shorthand") else None,
            "takes_value": value_type != "bool",
            "type": value_type if value_type != "bool" else None,
            "default": None if default in (None, "", "false", "[]", "0") else str(default),
            "description": " ".join(str(option.get("description", "")).split()),
        }
    aliases = [a.strip() for a in str(document.get("aliases", "")).split(",") if a.strip()]
    return {
        "usage": usage,
        "description": " ".join(str(document.get("short", "")).split()),
        "aliases": aliases or [document["command"]],
        **_arity(usage),
        "options": dict(sorted(options.items())),
    }
