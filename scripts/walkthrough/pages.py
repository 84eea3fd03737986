"""The code blocks and walkthrough notes of the built pages, in page order: what a reader sees and
copies, and what the page's author wrote beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

from sitekit.project import ROOT, nav_entries

# Blocks a walkthrough accounts for. Other languages (dockerfile, yaml, css, sh, powershell) show
# files or other platforms' spellings; the example tests check those.
LANGUAGES = ("bash", "text", "python")
NOTE_PREFIX = "walkthrough"


@dataclass(frozen=True)
class Block:
    language: str
    text: str  # exactly as the page shows it, newline-terminated
    command_id: str | None  # set when the block is a catalog command's explanation block
    title: str | None  # the block's title bar (a file name, or a prompt such as redis-cli)
    tab: str | None  # the content tab the block sits in ("Linux", "macOS and Linux")
    heading: str | None = None  # the id of the heading the block sits under

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")


@dataclass(frozen=True)
class NoteText:
    """A `<!-- walkthrough … -->` comment: its YAML text, and the heading it sits under."""

    yaml: str
    heading: str | None = None


def nav_chapters(config_file: Path = ROOT / "mkdocs.yml") -> list[str]:
    """Page stems in nav order, from MkDocs' own reading of the configuration."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return [Path(file).with_suffix("").as_posix() for _, file in nav_entries(config["nav"]) if file.endswith(".md")]


def page_html(site: Path, chapter: str) -> Path:
    return site / "index.html" if chapter == "index" else site / chapter / "index.html"


def _tab_label(block: Tag) -> str | None:
    content = block.find_parent("div", class_="tabbed-block")
    if content is None:
        return None
    tabbed = content.find_parent("div", class_="tabbed-set")
    contents = tabbed.select(":scope > div.tabbed-content > div.tabbed-block")
    labels = tabbed.select(":scope > div.tabbed-labels > label")
    index = contents.index(content)
    return labels[index].get_text(strip=True) if index < len(labels) else None


def _note_yaml(comment: str) -> str | None:
    """The YAML of a walkthrough comment, or None for any other comment."""
    text = comment.strip()
    if not text.startswith(NOTE_PREFIX):
        return None
    rest = text[len(NOTE_PREFIX):]
    if rest[:1] not in ("", ":", "\n", " "):
        return None  # another word that starts with "walkthrough"
    return rest[1:] if rest.startswith(":") else rest


def read_items(html: str) -> list[Block | NoteText]:
    """Blocks and notes in document order; questions' blocks are left out (they are to think about)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    items: list[Block | NoteText] = []
    heading = None
    for node in article.descendants:
        if isinstance(node, Comment):
            text = _note_yaml(str(node))
            if text is not None and node.find_parent(class_="quiz") is None:
                items.append(NoteText(text, heading))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = node.get("id") or heading
            continue
        if node.name != "div" or "highlight" not in node.get("class", []):
            continue
        language = next((c.removeprefix("language-") for c in node.get("class", []) if c.startswith("language-")), "")
        code = node.select_one("pre code")
        if language not in LANGUAGES or code is None or node.find_parent(class_="quiz") is not None:
            continue
        owner = node.find_parent("div", class_="cmd-block")
        title = node.select_one("span.filename")
        items.append(Block(
            language=language,
            text=code.get_text(),
            command_id=owner["id"].removeprefix("cmd-") if owner is not None else None,
            title=title.get_text(strip=True) if title is not None else None,
            tab=_tab_label(node),
            heading=heading,
        ))
    return items


def read_blocks(html: str) -> list[Block]:
    return [item for item in read_items(html) if isinstance(item, Block)]


def chapter_items(site: Path, chapter: str) -> list[Block | NoteText]:
    return read_items(page_html(site, chapter).read_text(encoding="utf-8"))


def chapter_blocks(site: Path, chapter: str) -> list[Block]:
    return [item for item in chapter_items(site, chapter) if isinstance(item, Block)]


def site_config(config_file: Path = ROOT / "mkdocs.yml"):
    from mkdocs.config import load_config

    return load_config(str(config_file))
