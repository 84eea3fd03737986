"""The site's pages as the search index names them, in reading order, each scanned once."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitekit.project import nav_entries
from sitekit.search.page_scan import PageScan, scan_page


def page_url(stem: str, config: MkDocsConfig) -> str:
    """The URL MkDocs gives docs/<stem>.md, relative to the site root (as the index uses)."""
    if config["use_directory_urls"]:
        return "" if stem == "index" else f"{stem}/"
    return f"{stem}.html"


def reading_order(config: MkDocsConfig) -> list[str]:
    """The pages' stems in the order of the navigation."""
    return [Path(file).stem for _, file in nav_entries(config["nav"]) if file.endswith(".md")]


def _built_page(site_dir: Path, url: str) -> Path:
    return site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)


def built_pages(config: MkDocsConfig) -> dict[str, PageScan]:
    """What the site's search needs from each built page, by stem, in reading order."""
    site_dir = Path(config["site_dir"])
    found = {}
    for stem in reading_order(config):
        page = _built_page(site_dir, page_url(stem, config))
        found[stem] = scan_page(page.read_text(encoding="utf-8") if page.is_file() else "")
    return found
