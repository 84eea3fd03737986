"""Inline SVG diagrams from assets/diagrams/, checked so they stay accessible and self-contained."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from sitekit.project import PROJECT, Project

SVG = "{http://www.w3.org/2000/svg}"
FORBIDDEN_ELEMENTS = {"script", "style", "image", "foreignObject", "iframe", "use"}


class DiagramError(Exception):
    """A diagram that cannot be shown. str() is one line naming the file and the problem."""


def diagram_ids(project: Project = PROJECT) -> list[str]:
    return sorted(path.stem for path in project.diagrams.glob("*.svg"))


def check_svg(path: Path, project: Project = PROJECT) -> tuple[str, str]:
    """Return the diagram's title and description, or raise DiagramError."""
    where = project.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DiagramError(f"{where}: not UTF-8 text ({error.reason})") from None
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise DiagramError(f"{where}: not valid XML: {error}") from None
    if root.tag != f"{SVG}svg":
        raise DiagramError(f"{where}: the root element must be <svg> in the SVG namespace")
    if "viewBox" not in root.attrib:
        raise DiagramError(f"{where}: <svg> needs a viewBox so it scales to the page")
    if {"width", "height"} & set(root.attrib):
        raise DiagramError(f"{where}: <svg> must not set width or height; CSS sizes it")
    children = list(root)
    if len(children) < 2 or children[0].tag != f"{SVG}title" or children[1].tag != f"{SVG}desc":
        raise DiagramError(f"{where}: <title> and <desc> must be the first two children of <svg>")
    title = (children[0].text or "").strip()
    desc = (children[1].text or "").strip()
    if not title or not desc:
        raise DiagramError(f"{where}: <title> and <desc> must not be empty")
    for element in root.iter():
        name = element.tag.removeprefix(SVG)
        if name in FORBIDDEN_ELEMENTS:
            raise DiagramError(f"{where}: <{name}> is not allowed in a diagram")
        for attribute, value in element.attrib.items():
            if attribute.endswith("href") and not value.startswith("#"):
                raise DiagramError(f"{where}: <{name}> refers to '{value}'; diagrams make no requests")
            if attribute in ("fill", "stroke") and value not in ("none", "currentColor") and not value.startswith("url(#"):
                raise DiagramError(f"{where}: <{name} {attribute}=\"{value}\">: use a d-* class so colours follow the palette")
    if re.search(r"\n\s*\n", text.strip()):
        raise DiagramError(f"{where}: blank line inside the SVG would end the HTML block in Markdown")
    return title, desc


def render_diagram(diagram_id: str, project: Project = PROJECT) -> str:
    """The diagram as an inline <figure>; checked and rendered once per version of its file."""
    path = project.diagrams / f"{diagram_id}.svg"
    if not path.is_file():
        known = ", ".join(diagram_ids(project)) or "none"
        raise DiagramError(f"unknown diagram '{diagram_id}' (known: {known})")
    return _render(path, diagram_id, path.stat().st_mtime_ns, project)


@lru_cache(maxsize=32)
def _render(path: Path, diagram_id: str, mtime_ns: int, project: Project) -> str:
    title, _ = check_svg(path, project)
    svg = path.read_text(encoding="utf-8").strip()
    # Several diagrams can share a page: give every id inside this one a unique prefix.
    prefix = f"fig-{diagram_id}-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"<title>", f'<title id="{prefix}title">', svg, count=1)
    svg = re.sub(r"<desc>", f'<desc id="{prefix}desc">', svg, count=1)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{prefix}title" aria-describedby="{prefix}desc" ', 1
    )
    return (
        f'<figure class="diagram" id="fig-{diagram_id}">\n{svg}\n'
        f"<figcaption>{title}</figcaption>\n</figure>"
    )
