"""Inline SVG diagrams from assets/diagrams/, checked so they stay accessible and self-contained.

Each diagram has two drawings of the same thing: `<id>.svg`, wide, and `<id>.narrow.svg`, its
phone layout (about 480 units wide, so its labels stay at 11 CSS px or more on a 390 px screen,
where the wide one's would be 8 px). The page carries both and shows the one that fits the
column (stylesheets/site.css). The narrow one says the same words and takes its text alternative
(title and description) from the wide one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import lru_cache
from pathlib import Path

from sitekit.project import PROJECT, Project

SVG = "{http://www.w3.org/2000/svg}"
FORBIDDEN_ELEMENTS = {"script", "style", "image", "foreignObject", "iframe", "use"}
NARROW = ".narrow"  # <id>.narrow.svg: the phone layout of <id>.svg


class DiagramError(Exception):
    """A diagram that cannot be shown. str() is one line naming the file and the problem."""


def diagram_ids(project: Project = PROJECT) -> list[str]:
    return sorted(path.stem for path in project.diagrams.glob("*.svg") if not path.stem.endswith(NARROW))


def _words(root: ET.Element) -> list[str]:
    """Every word the drawing shows, in any order: its <text> elements, <tspan>s included."""
    return sorted(word for text in root.iter(f"{SVG}text") for word in "".join(text.itertext()).split())


def _parse(path: Path, project: Project) -> tuple[ET.Element, str]:
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
    return root, text


def check_svg(path: Path, project: Project = PROJECT, narrow: bool = False) -> tuple[str, str]:
    """Return the diagram's title and description, or raise DiagramError. A narrow (phone)
    layout has neither: it shows the wide one's."""
    root, text = _parse(path, project)
    where = project.shown(path)
    children = list(root)
    if narrow:
        if any(child.tag in (f"{SVG}title", f"{SVG}desc") for child in children):
            raise DiagramError(f"{where}: a phone layout has no <title> or <desc>: it shows the wide drawing's")
        title = desc = ""
    else:
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


def check_pair(wide: Path, narrow: Path, project: Project = PROJECT) -> tuple[str, str]:
    """Check both drawings of a diagram: each on its own, and that they say the same words."""
    title, desc = check_svg(wide, project)
    if not narrow.is_file():
        raise DiagramError(f"{project.shown(wide)}: no phone layout {project.shown(narrow)} (on a 390 px "
                           "screen the labels would be 8 px; draw the same words about 480 units wide)")
    check_svg(narrow, project, narrow=True)
    counted_wide, counted_narrow = Counter(_words(_parse(wide, project)[0])), Counter(_words(_parse(narrow, project)[0]))
    missing, extra = sorted((counted_wide - counted_narrow).elements()), sorted((counted_narrow - counted_wide).elements())
    if missing or extra:
        raise DiagramError(f"{project.shown(narrow)}: says other words than {wide.name}: "
                           f"missing {missing or 'nothing'}, extra {extra or 'nothing'}")
    return title, desc


def render_diagram(diagram_id: str, project: Project = PROJECT) -> str:
    """The diagram as an inline <figure>; checked and rendered once per version of its files."""
    path = project.diagrams / f"{diagram_id}.svg"
    if not path.is_file() or diagram_id.endswith(NARROW):
        known = ", ".join(diagram_ids(project)) or "none"
        raise DiagramError(f"unknown diagram '{diagram_id}' (known: {known})")
    narrow = project.diagrams / f"{diagram_id}{NARROW}.svg"
    stamp = narrow.stat().st_mtime_ns if narrow.is_file() else 0
    return _render(path, narrow, diagram_id, path.stat().st_mtime_ns, stamp, project)


def _inline(svg: str, prefix: str, attributes: str) -> str:
    # Several diagrams (and both drawings of one) share a page: give every id a unique prefix.
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)
    return svg.replace("<svg ", f"<svg {attributes} ", 1)


@lru_cache(maxsize=32)
def _render(path: Path, narrow: Path, diagram_id: str, mtime_ns: int, narrow_mtime_ns: int, project: Project) -> str:
    title, _ = check_pair(path, narrow, project)
    prefix = f"fig-{diagram_id}-"
    named = f'role="img" aria-labelledby="{prefix}title" aria-describedby="{prefix}desc"'
    wide = _inline(path.read_text(encoding="utf-8").strip(), prefix, f'class="diagram__wide" {named}')
    wide = re.sub(r"<title>", f'<title id="{prefix}title">', wide, count=1)
    wide = re.sub(r"<desc>", f'<desc id="{prefix}desc">', wide, count=1)
    # The phone layout is named by the wide drawing's title and description, and stays out of
    # the search index, which has its words already.
    small = _inline(narrow.read_text(encoding="utf-8").strip(), f"{prefix}narrow-",
                    f'class="diagram__narrow" {named} data-search-exclude=""')
    return (
        f'<figure class="diagram" id="fig-{diagram_id}">\n{wide}\n{small}\n'
        f"<figcaption>{title}</figcaption>\n</figure>"
    )
