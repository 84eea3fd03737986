"""The code blocks of the built pages, in nav order: what a reader sees and copies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from sitekit.project import ROOT, nav_entries

# Blocks a walkthrough accounts for. Other languages (dockerfile, yaml, css, sh, powershell) show
# files or other platforms' spellings; the example tests check those.
LANGUAGES = ("bash", "text", "python")


@dataclass(frozen=True)
class Block:
    language: str
    text: str  # exactly as the page shows it, newline-terminated
    command_id: str | None  # set when the block is a catalog command's explanation block
    title: str | None  # the block's title bar (a file name, or a prompt such as redis-cli)
    tab: str | None  # the content tab the block sits in ("Linux", "macOS and Linux")

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")


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


def read_blocks(html: str) -> list[Block]:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    blocks = []
    for div in article.select("div.highlight"):
        language = next((c.removeprefix("language-") for c in div.get("class", []) if c.startswith("language-")), "")
        if language not in LANGUAGES:
            continue
        code = div.select_one("pre code")
        if code is None:
            continue
        if div.find_parent(class_="quiz"):
            continue  # a question's block is to think about, not a step the reader runs
        owner = div.find_parent("div", class_="cmd-block")
        title = div.select_one("span.filename")
        blocks.append(Block(
            language=language,
            text=code.get_text(),
            command_id=owner["id"].removeprefix("cmd-") if owner is not None else None,
            title=title.get_text(strip=True) if title is not None else None,
            tab=_tab_label(div),
        ))
    return blocks


def chapter_blocks(site: Path, chapter: str) -> list[Block]:
    return read_blocks(page_html(site, chapter).read_text(encoding="utf-8"))


def site_config(config_file: Path = ROOT / "mkdocs.yml"):
    from mkdocs.config import load_config

    return load_config(str(config_file))
