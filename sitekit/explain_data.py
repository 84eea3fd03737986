"""The data the Explain page's script reads: what sitekit/explain.py reads, as JSON.

The CLI reference with what Docker accepts unlisted (sitekit/deprecations.py), the deprecations,
assets/explain.yaml, each command's argument slots, the troubleshooting messages as patterns, and
where the site teaches each command and flag (the catalog's explanation blocks, in reading order).
Written by sitekit/hooks/explain_data.py as a script that sets one global, so the page can load
it from file:// (the offline copy), where a fetch of a JSON file is refused.
"""

from __future__ import annotations

import json

from sitekit.catalog import Catalog
from sitekit.cli_reference import parse_command
from sitekit.explain import Data, usage_slots
from sitekit.render import anchor, flag_anchor

GLOBAL_NAME = "DockerExplainData"
SCRIPT_PATH = "javascripts/explain-data.js"


def _options(options: dict) -> dict:
    """Each flag as [short, takes a value (1/0), type, description]: a third of the size of objects."""
    return {name: [o.short, int(o.takes_value), o.type, o.description] for name, o in options.items()}


def reference_data(data: Data) -> dict:
    reference = data.reference
    return {
        "global": _options(reference.global_options),
        "group_options": {group: _options(options) for group, options in reference.group_options.items()},
        "groups": reference.groups,
        "desktop": {name: command.description for name, command in reference.desktop_commands.items()},
        "commands": {key: {"usage": spec.usage[0], "description": spec.description, "aliases": spec.aliases,
                           "min": spec.min_args, "max": spec.max_args, "free": spec.free_args_after,
                           "options": _options(spec.options)}
                     for key, spec in reference.commands.items()},
        "spellings": reference._spellings,
    }


def signature(key: str, flags: list[str], values: list[str | None], arguments: list[str]) -> str:
    """One string for a command as Docker reads it, whichever spelling: the page finds a pasted
    command's own explanation block by it (the same function is in explain-core.js)."""
    written = sorted(flag if value is None else f"{flag}={value}" for flag, value in zip(flags, values))
    return "\n".join([key, *written, "--", *arguments])


def teaching(catalog: Catalog, order: list[str], pages: dict[str, tuple[str, str]]) -> dict:
    """Where the site explains each command (its home chapter) and each flag (the first catalog
    block in reading order that uses it), and every block by the command it is (`signature`).
    `order` lists the chapters in reading order; `pages` maps each to its (title, url)."""
    rank = {chapter: index for index, chapter in enumerate(order)}
    entries = sorted((located.entry for located in catalog.commands.values()),
                     key=lambda entry: rank.get(entry.chapter, len(rank)))
    # A command's home is the chapter with the most blocks of it (`docker container run`: Running
    # containers, not the installation check that runs hello-world first); ties go to the earlier.
    uses: dict[tuple[str, str], int] = {}
    for entry in entries:
        uses[(entry.parsed.key, entry.chapter)] = uses.get((entry.parsed.key, entry.chapter), 0) + 1
    entries_by_home = sorted(entries, key=lambda entry: (-uses[(entry.parsed.key, entry.chapter)],
                                                         rank.get(entry.chapter, len(rank))))
    commands: dict[str, list[str]] = {}
    for entry in entries_by_home:
        if entry.chapter in pages:
            title, url = pages[entry.chapter]
            commands.setdefault(entry.parsed.key, [f"{url}#{anchor(entry.id)}", title])
    flags: dict[str, dict[str, list[str]]] = {}
    blocks = []
    seen: set[str] = set()
    for entry in entries:
        if entry.chapter not in pages:
            continue
        title, url = pages[entry.chapter]
        parsed = entry.parsed
        for flag in entry.flags:
            flags.setdefault(parsed.key, {}).setdefault(flag, [f"{url}#{flag_anchor(entry.id, flag)}", title])
        for line in [entry.command, *entry.aliases]:
            spelled = parse_command(line)
            found = signature(spelled.key, spelled.flags, spelled.values, spelled.arguments)
            if found not in seen:
                seen.add(found)
                blocks.append([found, entry.command, f"{url}#{anchor(entry.id)}", title])
    return {"commands": commands, "flags": flags, "blocks": blocks,
            "pages": {chapter: list(pages[chapter]) for chapter in order if chapter in pages}}


def page_data(data: Data, teach: dict, troubleshooting_url: str) -> dict:
    settings = data.settings.model_dump()
    for warning in settings["warnings"]:
        page, _, section = warning["read"].partition("#")
        title, url = teach["pages"][page]
        warning["read"] = [url + (f"#{section}" if section else ""), title]
    return {
        "versions": data.plain.versions,
        "reference": reference_data(data),
        "deprecations": [entry.model_dump(exclude_none=True) for entry in data.deprecations.entries],
        "settings": settings,
        "slots": {key: usage_slots(spec.usage[0], key) for key, spec in data.reference.commands.items()},
        "troubleshooting": data.troubleshooting,
        "troubleshooting_url": troubleshooting_url,
        "teach": teach,
    }


def page_script(content: dict) -> str:
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"self.{GLOBAL_NAME}={text};\n"
