"""The site for tools and AI assistants (step 6): what /llms.txt and /commands.json say, and where
each page's Markdown copy lives. Pure functions of the build's data; sitekit/hooks/for_tools.py
writes them.

- `/<page>.md` (the home page: `/index.md`): the page's content as clean Markdown
  (sitekit/markdown_copy.py), linked from the page (`<link rel="alternate">` and the footer).
- `/llms.txt` in the llmstxt.org format: the site's name, its summary, and a link to the
  Markdown copy of every page, grouped as the navigation groups them, with each page's description.
- `/commands.json`: every catalog command as the site teaches it, the Docker command it is
  (`container run`), what it does, every flag with its short form and explanation, aliases,
  notes, the chapter that teaches it and the address of its explanation block
  (`…/running-containers/#cmd-run-web1`). Built from the catalog and the CLI reference the site
  checks it against.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from sitekit.catalog import Catalog
from sitekit.render import anchor, flag_anchor

COMMANDS_JSON = "commands.json"


def markdown_address(page_url: str) -> str:
    """Where a page's Markdown copy lives: `networking/` (or `networking.html`) -> `networking.md`."""
    path = page_url.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return f"{path or 'index'}.md"


def site_address(config: MkDocsConfig, path: str) -> str:
    base = config.site_url or "/"
    return base.rstrip("/") + "/" + path


def _pages_in(section: Section) -> list[Page]:
    pages: list[Page] = []
    for child in section.children:
        if isinstance(child, Section):
            pages.extend(_pages_in(child))
        elif isinstance(child, Page):
            pages.append(child)
    return pages


def _entry(config: MkDocsConfig, page: Page) -> str:
    description = str(page.meta.get("description") or "").strip()
    link = f"- [{page.title}]({site_address(config, markdown_address(page.url))})"
    return f"{link}: {description}" if description else link


def llms_txt(config: MkDocsConfig, nav: Navigation | None) -> str:
    lines = [f"# {config.site_name}", "", f"> {config.site_description}", ""]
    lines += [
        "A course in Docker from zero, kept correct for today's Docker: every command is checked against "
        "Docker's own command reference. Each page below is linked as clean Markdown; the HTML page is "
        "at the same address without `.md`. "
        f"[{COMMANDS_JSON}]({site_address(config, COMMANDS_JSON)}) lists every command the site teaches, "
        "with its flags, what each does, and the address of its explanation.",
        "",
    ]
    for item in nav.items if nav else []:
        # A page outside any section of the navigation is a section of its own.
        pages = _pages_in(item) if isinstance(item, Section) else [item] if isinstance(item, Page) else []
        if pages:
            lines += [f"## {item.title}", "", *(_entry(config, page) for page in pages), ""]
    return "\n".join(lines).rstrip() + "\n"


def commands_json(config: MkDocsConfig, catalog: Catalog, pages: dict[str, tuple[str, str]]) -> dict:
    """The content of /commands.json; `pages` maps each chapter to its (title, url)."""
    reference = catalog.reference
    entries = []
    for located in catalog.commands.values():
        entry = located.entry
        if entry.chapter not in pages:
            continue  # a page left out of the navigation is left out here too, as in llms.txt
        title, url = pages[entry.chapter]
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
            "url": site_address(config, f"{url}#{anchor(entry.id)}"),
        })
    return {
        "site": config.site_name,
        "description": "Every command the site teaches, checked against Docker's command reference.",
        "versions": reference.versions,
        "commands": entries,
    }
