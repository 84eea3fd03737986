"""MkDocs hook: /commands.json, every catalog command for tools and AI assistants.

Each entry: the command as the site teaches it, the Docker command it is (`container run`), what
it does, every flag with its short form and explanation, aliases, notes, the chapter that teaches
it and the address of its explanation block (`…/running-containers/#cmd-run-web1`). Built from
the catalog (assets/commands/) and the CLI reference the site checks it against.

MkDocs only (Zensical skips `hooks:`): README's Zensical section says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from sitekit.catalog import load_catalog
from sitekit.cli_reference import load_reference
from sitekit.hooks.llms_txt import COMMANDS_JSON, site_address
from sitekit.render import anchor, flag_anchor

_nav: list[Navigation] = []  # this build's navigation; replaced by every build


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _nav[:] = [nav]
    return nav


def commands(config: MkDocsConfig, pages: dict[str, tuple[str, str]]) -> dict:
    """The file's content; pages maps each chapter to its (title, url)."""
    reference = load_reference()
    catalog = load_catalog(chapters={p.stem for p in Path(config.docs_dir).glob("*.md")})
    entries = []
    for located in catalog.commands.values():
        entry = located.entry
        title, url = pages[entry.chapter]
        block = site_address(config, f"{url}#{anchor(entry.id)}")
        key = entry.parsed.key
        entries.append({
            "id": entry.id,
            "command": entry.command,
            **({"stdin": entry.stdin} if entry.stdin else {}),
            "docker_command": f"docker {key}",
            "summary": entry.summary,
            "flags": [
                {"flag": flag, "short": None if entry.parsed.desktop_only else reference.short_form(key, flag),
                 "explanation": text, "url": site_address(config, f"{url}#{flag_anchor(entry.id, flag)}")}
                for flag, text in entry.flags.items()
            ],
            "aliases": entry.aliases,
            "notes": [note.model_dump() for note in entry.notes],
            "topic": entry.topic,
            "chapter": {"title": title, "url": site_address(config, url)},
            "url": block,
        })
    return {
        "site": config.site_name,
        "description": "Every command the site teaches, checked against Docker's command reference.",
        "versions": reference.versions,
        "commands": entries,
    }


def on_post_build(config: MkDocsConfig) -> None:
    # Page titles are final only once every page is built.
    pages = {Path(page.file.src_uri).stem: (page.title or "", page.url) for nav in _nav for page in nav.pages}
    data = commands(config, pages)
    (Path(config.site_dir) / COMMANDS_JSON).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                                      encoding="utf-8")
