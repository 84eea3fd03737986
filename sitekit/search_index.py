"""What the site's search adds to the index Material's search plugin writes.

Material indexes each page by sections (one entry per heading). The site's search engine
(docs/javascripts/search-engine.js) needs a little more, which no plugin setting can express:

- one entry per catalog command and per flag, at the block that explains it, so `docker network
  create` or `--volumes-from` leads straight to its explanation;
- the synonym table (assets/search-synonyms.yaml) and the stop words, in the index's `config`;
- the pages in reading order, so that of two pages that answer alike, the one that introduces
  the topic comes first.

Field weights are plain configuration: the search plugin's `fields:` in mkdocs.yml.
Called once per build from sitekit/hooks.py (on_post_build), after the search plugin wrote the
index and before the offline plugin turns it into search_index.js.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypedDict

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitekit.project import ROOT, nav_entries

SYNONYMS = ROOT / "assets" / "search-synonyms.yaml"


class SearchDoc(TypedDict, total=False):
    location: str
    title: str
    text: str
    boost: float


def page_url(stem: str, config: MkDocsConfig) -> str:
    """The URL MkDocs gives docs/<stem>.md, relative to the site root (as the index uses)."""
    if config["use_directory_urls"]:
        return "" if stem == "index" else f"{stem}/"
    return f"{stem}.html"


def reading_order(config: MkDocsConfig) -> list[str]:
    """The pages' stems in the order of the navigation."""
    return [Path(file).stem for _, file in nav_entries(config["nav"]) if file.endswith(".md")]


class _ProseCode(HTMLParser):
    """Counts inline <code> words in a page's prose: outside code blocks and command blocks, where
    the text talks about a flag rather than only using it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self._skip: list[int] = []  # depth of the command block or <pre> being skipped
        self._depth = 0
        self._code: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        self._depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if not self._skip and (tag == "pre" or "cmd-block" in classes):
            self._skip.append(self._depth)
        elif not self._skip and tag == "code":
            self._code = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        if self._skip and self._skip[-1] == self._depth:
            self._skip.pop()
        elif tag == "code" and self._code is not None:
            self.counts[" ".join("".join(self._code).split())] += 1
            self._code = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)


def prose_mentions(html: str) -> Counter[str]:
    parser = _ProseCode()
    parser.feed(html)
    return parser.counts


def _built_page(site_dir: Path, url: str) -> Path:
    return site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)


def command_entries(config: MkDocsConfig) -> list[SearchDoc]:
    """One search entry per catalog command and per flag, at the block that explains it.

    A flag that several chapters use gets one entry, in the chapter whose prose talks about it
    most (`--rm` is explained in many command blocks, but discussed in Running containers); when
    no prose mentions it, the first chapter in reading order that explains it.
    """
    from sitekit.catalog import load_catalog
    from sitekit.cli_reference import parse_command, short_form
    from sitekit.render import flag_anchor

    site_dir = Path(config["site_dir"])
    order = {stem: rank for rank, stem in enumerate(reading_order(config))}
    catalog = load_catalog(chapters=set(order))
    mentions: dict[str, Counter[str]] = {}
    for stem in order:
        page = _built_page(site_dir, page_url(stem, config))
        mentions[stem] = prose_mentions(page.read_text(encoding="utf-8")) if page.is_file() else Counter()

    docs: list[SearchDoc] = []
    flag_uses: dict[tuple[str, str], list[tuple[Any, str]]] = {}
    for located in catalog.commands.values():
        entry = located.entry
        if entry.chapter not in order:
            continue
        url = page_url(entry.chapter, config)
        also = "".join(f" <code>{html.escape(alias)}</code>" for alias in entry.aliases)
        docs.append({"location": f"{url}#cmd-{entry.id}", "title": entry.command,
                     "text": entry.summary + (f" Also written:{also}" if also else "")})
        key = parse_command(entry.command).key
        for flag, text in entry.flags.items():
            flag_uses.setdefault((key, flag), []).append((entry, text))
    for (key, flag), uses in flag_uses.items():
        chapters = {entry.chapter for entry, _ in uses}
        home = min(chapters, key=lambda c: (-mentions[c][flag], order[c]))
        entry, text = next((e, t) for e, t in uses if e.chapter == home)
        short = short_form(key, flag)
        docs.append({
            "location": f"{page_url(home, config)}#{flag_anchor(entry.id, flag)}",
            "title": f"{flag} (docker {key})",
            "text": f"{text} Short form: <code>{short}</code>." if short else text,
        })
    return docs


def load_synonyms(path: Path = SYNONYMS) -> list[list[str]]:
    """The synonym table: groups of words or phrases that mean the same to a reader."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{where}: {str(error).splitlines()[0]}") from None
    groups = data.get("synonyms") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        raise PluginError(f"{where}: needs a list of groups under 'synonyms:'")
    for number, group in enumerate(groups, start=1):
        if (not isinstance(group, list) or len(group) < 2
                or not all(isinstance(p, str) and p.strip() for p in group)):
            raise PluginError(f"{where}: group {number} ({group!r:.60}) must list two or more words or phrases")
    stopwords = data.get("stopwords", [])
    if not isinstance(stopwords, list) or not all(isinstance(w, str) for w in stopwords):
        raise PluginError(f"{where}: 'stopwords:' must be a list of words")
    return [[" ".join(p.lower().split()) for p in group] for group in groups]


def load_stopwords(path: Path = SYNONYMS) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [w.lower() for w in data.get("stopwords", [])]


def extend_search_index(config: MkDocsConfig) -> None:
    """Add the site's entries and settings to search/search_index.json (see the module doc)."""
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    index["docs"].extend(command_entries(config))
    index["config"]["synonyms"] = load_synonyms()
    index["config"]["stopwords"] = load_stopwords()
    index["config"]["pages"] = [page_url(stem, config) for stem in reading_order(config)]
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


