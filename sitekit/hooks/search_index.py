"""MkDocs hook: what the search index knows beyond the pages' text.

- Sections that hold a command's explanation block rank above sections that only mention it.
- One entry per catalog command and per flag, at the block that explains it: readers search for
  `docker network create` or `--volumes-from`, and the result links straight to the explanation.

Everything a build learns lives on one `SearchExtras` made fresh for each build, so nothing
carries over between `mkdocs serve` rebuilds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitekit.catalog import load_catalog
from sitekit.cli_reference import short_form
from sitekit.markdown_extension import current_page
from sitekit.render import anchor, flag_anchor

TEACHING_BOOST = 4


def flag_keyword(flag: str) -> str:
    """The index word for a flag: `--volumes-from` is `flagvolumesfrom`, `-p` is `flagp`.

    The search worker (docs/javascripts/search-worker.js) adds the same word to a query that
    contains the flag, so the flag's own explanation outranks every page that merely says "rm".
    """
    return "flag" + re.sub(r"[^a-z0-9]", "", flag.lower())


@dataclass
class SearchExtras:
    page_urls: dict[str, str] = field(default_factory=dict)  # chapter -> url, in reading order
    teaching_sections: dict[str, set[str]] = field(default_factory=dict)  # url -> section ids

    def command_entries(self, docs_dir: Path) -> list[dict]:
        catalog = load_catalog(chapters={p.stem for p in docs_dir.glob("*.md")})
        order = {chapter: index for index, chapter in enumerate(self.page_urls)}
        entries: list[dict] = []
        flag_homes: dict[tuple[str, str], list] = {}
        for located in catalog.commands.values():
            entry = located.entry
            url = self.page_urls.get(entry.chapter)
            if url is None:
                continue
            entries.append({"location": f"{url}#{anchor(entry.id)}", "title": entry.command, "text": entry.summary})
            for flag, text in entry.flags.items():
                flag_homes.setdefault((entry.parsed.key, flag), []).append((entry, text))
        for (key, flag), uses in flag_homes.items():
            # The flag's home is where the reader first meets its explanation, in reading order.
            home = min({e.chapter for e, _ in uses}, key=lambda c: order.get(c, len(order)))
            entry, text = next((e, t) for e, t in uses if e.chapter == home)
            short = short_form(key, flag)
            entries.append({
                "location": f"{self.page_urls[home]}#{flag_anchor(entry.id, flag)}",
                "title": f"{flag} (docker {key})",
                "text": text,
                "keywords": " ".join(flag_keyword(f) for f in (flag, short) if f),
            })
        return entries

    def boost(self, doc: dict) -> None:
        page, _, section = doc["location"].partition("#")
        sections = self.teaching_sections.get(page)
        if sections and (section in sections or not section):
            # The page's first section (its title and intro) has no anchor.
            doc["boost"] = doc.get("boost", 1) * (TEACHING_BOOST if section else 2)


_extras = SearchExtras()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _extras
    _extras = SearchExtras()
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _extras.page_urls = {Path(page.file.src_uri).stem: page.url for page in nav.pages}
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    converted = current_page.get()
    sections = set(converted.command_sections.values()) if converted else set()
    if sections:
        _extras.teaching_sections[page.url] = sections
    return html


def on_post_build(config: MkDocsConfig) -> None:
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        _extras.boost(doc)
    index["docs"].extend(_extras.command_entries(Path(config.docs_dir)))
    index["config"]["fields"]["keywords"] = {"boost": 10000.0}
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
