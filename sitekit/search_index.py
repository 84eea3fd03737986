"""What the site's search adds to the index Material's search plugin writes.

Material indexes each page by sections (one entry per heading). The site's search engine
(docs/javascripts/search-engine.js) knows how to read words and rank; everything it knows about
Docker and about this site comes from here, as data in the index:

- one entry per catalog command and per flag, at the block that explains it, so `docker network
  create` or `--volumes-from` leads straight to its explanation; a command's entries other than
  its home rank lower;
- `spellings`: other ways to write an entry's title, searched but not shown. A command's aliases
  and the same lines with short flags and combined switches, from the CLI reference (the one
  place that knows Docker's flags); a flag's short form; a troubleshooting entry's messages;
- each page's description on the page's own entry;
- the synonym table (assets/search-synonyms.yaml) and the stop words, in the index's `config`;
- the pages in reading order, so that of two pages that answer alike, the one that introduces
  the topic comes first.

Anchors come from sitekit/render.py, the one place that makes them. Field weights are plain
configuration: the search plugin's `fields:` in mkdocs.yml. Called once per build from
sitekit/hooks/search_index.py (on_post_build), after the search plugin wrote the index and
before the offline plugin turns it into search_index.js.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypedDict

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitekit.cli_reference import Reference, load_reference, parse_command, split_shell
from sitekit.project import ROOT, nav_entries

SYNONYMS = ROOT / "assets" / "search-synonyms.yaml"


class SearchDoc(TypedDict, total=False):
    location: str
    title: str
    text: str
    spellings: list[str]  # other ways to write the title (aliases, short flags): searched, not shown
    description: str  # a page's own entry: the page's description
    entry: str  # what the build added: "command" or "flag" (the others are the pages' sections)
    boost: float  # how much the engine multiplies its score by


def page_url(stem: str, config: MkDocsConfig) -> str:
    """The URL MkDocs gives docs/<stem>.md, relative to the site root (as the index uses)."""
    if config["use_directory_urls"]:
        return "" if stem == "index" else f"{stem}/"
    return f"{stem}.html"


def reading_order(config: MkDocsConfig) -> list[str]:
    """The pages' stems in the order of the navigation."""
    return [Path(file).stem for _, file in nav_entries(config["nav"]) if file.endswith(".md")]


class _ProseCode(HTMLParser):
    """Counts inline <code> in a page's prose by its first word, and a command by its first
    words: outside code blocks, command blocks and links, where the text talks about a flag or a
    command rather than only using it (`--publish 5000:5000` counts for `--publish`;
    `docker container run --rm web1` for `docker container run` and no flag)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self.description = ""  # the page's <meta name="description">: its front matter's description
        self._skip: list[int] = []  # depth of the command block or <pre> being skipped
        self._depth = 0
        self._code: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.description = dict(attrs).get("content") or ""
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        self._depth += 1
        classes = (dict(attrs).get("class") or "").split()
        # Code blocks and command blocks use flags; a link (a command table's row, a reference to
        # another page) points at where they are explained; what search leaves out (a chapter's
        # questions, data-search-exclude) is not what the page teaches.
        excluded = any(name == "data-search-exclude" for name, _ in attrs)
        if not self._skip and (tag in ("pre", "a") or "cmd-block" in classes or excluded):
            self._skip.append(self._depth)
        elif not self._skip and tag == "code":
            self._code = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            return
        if self._skip and self._skip[-1] == self._depth:
            self._skip.pop()
        elif tag == "code" and self._code is not None:
            words = "".join(self._code).split()
            if words:
                self.counts[words[0].split("=", 1)[0]] += 1
            if words[:1] == ["docker"]:  # a command the text names: each of its first words
                for size in range(2, min(len(words), 4) + 1):
                    self.counts[" ".join(words[:size])] += 1
            self._code = None
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)


def prose_mentions(html: str) -> Counter[str]:
    return _read_page(html).counts


def _read_page(html: str) -> _ProseCode:
    parser = _ProseCode()
    parser.feed(html)
    return parser


def _built_page(site_dir: Path, url: str) -> Path:
    return site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)


def short_spellings(line: str, reference: Reference) -> list[str]:
    """The same command with short flags, as readers type it: `docker image build --tag web1 .`
    is also `docker image build -t web1 .`, `--interactive --tty` also `-i -t` and `-it`.

    The CLI reference knows each flag's short form and whether it takes a value; the search
    engine knows nothing about flags, so these spellings go into the index as data.
    """
    parsed = parse_command(line, reference)
    spec = reference.commands.get(parsed.key)
    tokens = split_shell(line)
    command = tokens[1:1 + len(parsed.spelled.split())]
    if spec is None or parsed.desktop_only or command != parsed.spelled.split():
        return []  # a help line, a Desktop plugin, or flags before the subcommand: left as written
    options = reference.options_of(parsed.key)
    shorts = {option.short: option for option in options.values() if option.short}
    rest = tokens[1 + len(command):]
    written: list[str] = []
    switches: list[int] = []  # positions in `written` of one-letter flags that take no value
    positional = 0
    index = 0
    while index < len(rest):
        token = rest[index]
        if token == "--" or (spec.free_args_after is not None and positional >= spec.free_args_after):
            written += rest[index:]
            break
        if token.startswith("-") and token != "-":
            name, has_value, value = token.partition("=")
            option = options.get(name) if name.startswith("--") else shorts.get(name[:2])
            if option is None:
                return []
            flag = option.short or name if name.startswith("--") else token
            if option.takes_value and name.startswith("--"):
                written += [flag, value] if has_value else [flag, rest[index + 1]]
                index += 0 if has_value else 1
            else:
                if not option.takes_value and len(flag) == 2:
                    switches.append(len(written))
                written.append(flag)
                if option.takes_value and len(token) == 2:
                    written.append(rest[index + 1])
                    index += 1
        else:
            positional += 1
            written.append(token)
        index += 1
    head = ["docker", *command]
    spellings = [" ".join(head + written)]
    # One-letter switches next to each other combine: -i -t is -it.
    combined, run = list(written), []
    for position in switches + [-2]:
        if run and position == run[-1] + 1:
            run.append(position)
            continue
        if len(run) > 1:
            combined[run[0]] = "-" + "".join(written[p][1] for p in run)
            for p in run[1:]:
                combined[p] = ""
        run = [position]
    spellings.append(" ".join(head + [t for t in combined if t]))
    return [s for s in dict.fromkeys(spellings) if s != line]


# A command's entries other than its home rank lower: they show the command again, for another
# purpose, where its home explains it.
OTHER_USE_BOOST = 0.5


def _command_homes(entries: list, mentions: dict[str, Counter[str]], order: dict[str, int]) -> dict[str, Any]:
    """Each command's home entry: in the first chapter whose prose names the command (as
    `docker container exec` in running text), else in the first that shows it; within the
    chapter, the first it shows. `docker container exec` is explained in Developing in
    containers and used again in later chapters."""
    def rank(position: int) -> tuple:
        entry = entries[position]
        named = mentions[entry.chapter][f"docker {entry.parsed.spelled}"] > 0
        return (not named, order[entry.chapter], position)
    homes: dict[str, Any] = {}
    for position in sorted(range(len(entries)), key=rank):
        homes.setdefault(entries[position].parsed.key, entries[position])
    return homes


def _flag_homes(uses: dict[tuple[str, str], list], mentions: dict[str, Counter[str]],
                order: dict[str, int]) -> dict[tuple[str, str], str]:
    """Each flag's chapter: the first in reading order whose prose talks about it (`--rm` is used
    in many chapters' commands, and explained in words first in Running containers), else the
    first that uses it."""
    homes = {}
    for (key, flag), entries in uses.items():
        chapters = sorted({entry.chapter for entry in entries}, key=order.__getitem__)
        homes[(key, flag)] = next((c for c in chapters if mentions[c][flag]), chapters[0])
    return homes


def built_pages(config: MkDocsConfig) -> dict[str, _ProseCode]:
    """What the site's search needs from each built page, by stem, in reading order."""
    site_dir = Path(config["site_dir"])
    found = {}
    for stem in reading_order(config):
        page = _built_page(site_dir, page_url(stem, config))
        found[stem] = _read_page(page.read_text(encoding="utf-8") if page.is_file() else "")
    return found


def describe_pages(docs: list[SearchDoc], pages: dict[str, _ProseCode], config: MkDocsConfig) -> None:
    """Give each page's own entry (the one without #) the page's description: one sentence
    written to say what the page is for, in the words a reader searching for it would use."""
    descriptions = {page_url(stem, config): built.description for stem, built in pages.items()}
    for doc in docs:
        if descriptions.get(doc["location"]):
            doc["description"] = descriptions[doc["location"]]


def name_troubleshooting_entries(docs: list[SearchDoc]) -> None:
    """Give each troubleshooting entry's section the messages it explains as other names for it
    (`spellings`): a reader pastes the message, not the entry's title. The section is the one
    with the entry's id that shows the message (assets/troubleshooting.yaml)."""
    from sitekit.troubleshooting import load_troubleshooting

    for located in load_troubleshooting().entries:
        entry = located.entry
        lines = [message.text.strip().splitlines()[0] for message in entry.messages]
        for doc in docs:
            if (doc["location"].endswith(f"#{entry.id}")
                    and all(html.escape(line, quote=False) in doc["text"] for line in lines)):
                doc["spellings"] = lines


def command_entries(config: MkDocsConfig, pages: dict[str, _ProseCode]) -> list[SearchDoc]:
    """One search entry per catalog command and per flag, at the block that explains it.

    An entry's `spellings` are other ways to write its title, which the engine treats as titles
    too: a command's aliases and the same lines with short flags, a flag's short form. A flag
    that several chapters use gets one entry, in its home chapter (_flag_homes).
    """
    from sitekit.catalog import load_catalog
    from sitekit.render import anchor, flag_anchor

    order = {stem: rank for rank, stem in enumerate(reading_order(config))}
    catalog = load_catalog(chapters=set(order))
    reference = load_reference()
    mentions = {stem: built.counts for stem, built in pages.items()}

    docs: list[SearchDoc] = []
    uses: dict[tuple[str, str], list] = {}
    combined: dict[tuple[str, str], set[str]] = {}  # (command, flag) -> `-it` where -i is written so
    entries = [located.entry for located in catalog.commands.values() if located.entry.chapter in order]
    homes = _command_homes(entries, mentions, order)
    for entry in entries:
        also = "".join(f" <code>{html.escape(alias)}</code>" for alias in entry.aliases)
        # Titles are HTML in Material's index: `<your-docker-id>` must show, not vanish as a tag.
        written = [entry.command, *entry.aliases]
        spellings = [*entry.aliases, *(s for line in written for s in short_spellings(line, reference))]
        doc: SearchDoc = {"location": f"{page_url(entry.chapter, config)}#{anchor(entry.id)}",
                          "title": html.escape(entry.command), "text": entry.summary + (f" Also written:{also}" if also else ""),
                          "entry": "command"}
        if spellings:
            doc["spellings"] = list(dict.fromkeys(s for s in spellings if s != entry.command))
        if homes[entry.parsed.key] is not entry:
            doc["boost"] = OTHER_USE_BOOST
        docs.append(doc)
        for flag, token in _combined_switches(entry.parsed.key, spellings, reference):
            combined.setdefault((entry.parsed.key, flag), set()).add(token)
        for flag in entry.flags:
            uses.setdefault((entry.parsed.key, flag), []).append(entry)
    for (key, flag), home in _flag_homes(uses, mentions, order).items():
        entry = next(e for e in uses[(key, flag)] if e.chapter == home)
        short = reference.short_form(key, flag)
        spelled = f"docker {entry.parsed.spelled}"
        text = f"<code>{html.escape(spelled)}</code>: {entry.flags[flag]}"
        doc = {"location": f"{page_url(home, config)}#{flag_anchor(entry.id, flag)}", "title": flag,
               "text": f"{text} Short form: <code>{short}</code>." if short else text, "entry": "flag"}
        if short:
            doc["spellings"] = [short, *sorted(combined.get((key, flag), ()))]
        docs.append(doc)
    return docs


def _combined_switches(key: str, lines: list[str], reference: Reference) -> list[tuple[str, str]]:
    """(long flag, token) for each one-letter switch written combined with others in `lines`:
    `-it` names both --interactive and --tty, so the flags' entries answer to it too."""
    shorts = {option.short: name for name, option in reference.options_of(key).items() if option.short}
    found = []
    for line in lines:
        for token in line.split():
            letters = token[1:]
            if (token.startswith("-") and not token.startswith("--") and len(letters) > 1
                    and all(f"-{letter}" in shorts for letter in letters)):
                found += [(shorts[f"-{letter}"], token) for letter in letters]
    return found


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
    pages = built_pages(config)
    describe_pages(index["docs"], pages, config)
    name_troubleshooting_entries(index["docs"])
    index["docs"].extend(command_entries(config, pages))
    index["config"]["synonyms"] = load_synonyms()
    index["config"]["stopwords"] = load_stopwords()
    index["config"]["pages"] = [page_url(stem, config) for stem in reading_order(config)]
    index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


