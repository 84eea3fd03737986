"""The data the Explain page's script reads: what sitekit/explain.py reads, as JSON.

The CLI reference with what Docker accepts unlisted (sitekit/deprecations.py), the deprecations,
assets/explain.yaml, each command's argument slots, the troubleshooting messages as patterns, and
where the site teaches each command and flag (the catalog's explanation blocks, in reading order).
Written by sitekit/hooks/explain_data.py as a script that sets one global, so the page can load
it from file:// (the offline copy), where a fetch of a JSON file is refused.
"""

from __future__ import annotations

import json
import re
from html import unescape

from sitekit.catalog import Catalog
from sitekit.cli_reference import Reference, parse_command
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


def prose(html: str) -> str:
    """A built page's own text, without its code blocks: what its prose says."""
    start, end = html.find("<article"), html.rfind("</article>")
    body = re.sub(r"<pre\b.*?</pre>", " ", html[start:end], flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", "", body))


def teaching(catalog: Catalog, order: list[str], pages: dict[str, tuple[str, str]], reference: Reference,
             texts: dict[str, str]) -> dict:
    """Where the site explains each command and each flag, and every block by the command it is.

    A command's home is the first chapter in reading order whose prose names it, in any of its
    spellings, and that explains it in a block (`docker container exec`: Developing in containers,
    before Networking uses it most) — the rule the search gives a command's entries too. The link
    is that chapter's first block of it. A flag's is the first block in reading order that uses it.
    `order` lists the chapters in reading order, `pages` maps each to its (title, url), `texts` to
    its built HTML."""
    rank = {chapter: index for index, chapter in enumerate(order)}
    entries = sorted((located.entry for located in catalog.commands.values() if located.entry.chapter in pages),
                     key=lambda entry: rank.get(entry.chapter, len(rank)))
    spellings: dict[str, list[str]] = {}
    for spelling, key in reference._spellings.items():
        spellings.setdefault(key, []).append(f"docker {spelling}")
    said = {chapter: prose(texts.get(chapter, "")) for chapter in {entry.chapter for entry in entries}}

    def mentions(entry) -> int:
        return sum(said[entry.chapter].count(f"{spelled} ") + said[entry.chapter].count(f"{spelled}.")
                   for spelled in spellings.get(entry.parsed.key, []))

    commands: dict[str, list[str]] = {}
    for entry in sorted(entries, key=lambda e: (mentions(e) == 0, rank.get(e.chapter, len(rank)))):
        title, url = pages[entry.chapter]
        commands.setdefault(entry.parsed.key, [f"{url}#{anchor(entry.id)}", title])
    flags: dict[str, dict[str, list[str]]] = {}
    blocks = []
    seen: set[str] = set()
    for entry in entries:
        title, url = pages[entry.chapter]
        for flag in entry.flags:
            flags.setdefault(entry.parsed.key, {}).setdefault(flag, [f"{url}#{flag_anchor(entry.id, flag)}", title])
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
