"""Where a result link points: the docs/ file and section of a built page's URL or anchor."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit


def page_of(url: str) -> tuple[str, str]:
    """(docs/ file, anchor) of a result link, online (/networking/) or offline (networking.html)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    name = path.rstrip("/").rsplit("/", 1)[-1] if path.rstrip("/") else ""
    if name.endswith(".html"):
        name = name[: -len(".html")]
    if name in ("", "index"):
        name = "index"
    return f"{name}.md", parts.fragment


class SectionMap:
    """Which section (the id of the heading above it) each anchor of a built page is in."""

    def __init__(self, site: Path):
        self.site = site
        self._pages: dict[str, dict[str, str]] = {}

    def _html(self, page: str) -> Path:
        stem = page[: -len(".md")]
        for candidate in (self.site / stem / "index.html", self.site / f"{stem}.html",
                          self.site / "index.html" if stem == "index" else None):
            if candidate is not None and candidate.is_file():
                return candidate
        raise FileNotFoundError(f"no built page for {page} in {self.site}")

    def section_of(self, page: str, anchor: str) -> str:
        if page not in self._pages:
            from bs4 import BeautifulSoup

            soup = BeautifulSoup(self._html(page).read_text(encoding="utf-8"), "html.parser")
            article = soup.select_one("article.md-content__inner") or soup
            owner: dict[str, str] = {}
            current = ""
            for element in article.find_all(True):
                if element.name in ("h2", "h3", "h4", "h5", "h6") and element.get("id"):
                    current = element["id"]
                if element.get("id"):
                    owner[element["id"]] = current
            self._pages[page] = owner
        return self._pages[page].get(anchor, anchor)
