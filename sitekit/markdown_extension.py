"""The site's per-page work as a Python-Markdown extension, so MkDocs and Zensical both run it.

    markdown_extensions:
      - sitekit.markdown_extension

- checks: every page has a `description:`; every snippet include names a file (and section) that
  exists; every code fence closes (sitekit/fences.py); each reported as one line naming the page
  and line;
- tables come pre-wrapped as Material would wrap them on load (see `wrap_tables`), each cell
  labelled with its column for phones;
- long tokens of inline code may break after their punctuation (`SoftBreaksInCode`);
- placeholders such as `<your-docker-id>` in commands are marked for the reader's own value
  (sitekit/placeholders.py), and the page's metadata records that it has some (`USES_PLACEHOLDERS`),
  so the theme adds their script to that page only; the questions() macro records its own.

Which page is being converted: Zensical registers its page on the Markdown instance; under
MkDocs, sitekit/hooks/page_context.py hands it over before MkDocs converts the page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, MutableMapping

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from sitekit.fences import unclosed_fence, unclosed_fence_problem
from sitekit.placeholders import mark_placeholders
from sitekit.project import ROOT
from sitekit.snippets import SnippetError, check_snippets

# What a page used, recorded in its metadata as it renders, for overrides/main.html: the
# questions' script and stylesheet (by the questions() macro), the placeholders' script (here).
USES_QUESTIONS = "uses_questions"
USES_PLACEHOLDERS = "uses_placeholders"


try:
    from mkdocs.exceptions import PluginError as _BuildError  # MkDocs reports it as one line
except ImportError:  # Zensical, without MkDocs installed
    _BuildError = Exception


class PageProblem(_BuildError):
    """Bad page input. str() is one line naming the page (docs/<path>) and what is wrong."""


@dataclass(frozen=True)
class PageSource:
    path: str  # under docs/, e.g. "networking.md"
    source: Path  # the file itself
    meta: MutableMapping[str, Any] = field(default_factory=dict)  # the page's own: facts recorded here reach the theme
    project: Path = ROOT  # the folder holding mkdocs.yml, which snippet paths are relative to


# Set by the MkDocs hook for the page about to be converted.
current_page: ContextVar[PageSource | None] = ContextVar("current_page", default=None)


def page_of(md: Markdown) -> PageSource | None:
    """The page this Markdown instance converts, from Zensical's context or the MkDocs hook."""
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor" and hasattr(processor, "page"):
            config = getattr(processor, "config", {}) or {}
            project = Path(config.get("root_dir") or ROOT)
            return PageSource(path=processor.page.path, meta=processor.page.meta, project=project,
                              source=project / config.get("docs_dir", "docs") / processor.page.path)
    return current_page.get()


class PageChecks(Preprocessor):
    """Runs after the macros (so it sees what they wrote) and before snippets are included."""

    def run(self, lines: list[str]) -> list[str]:
        page = page_of(self.md)
        if page is None:
            return lines
        where = f"docs/{page.path}"
        if not str(page.meta.get("description") or "").strip():
            if not page.meta and page.source.is_file() and page.source.read_text("utf-8").startswith("---"):
                raise PageProblem(f"{where}:1: the front matter is not valid YAML, so it has no 'description:'")
            raise PageProblem(f"{where}:1: front matter has no 'description:' (one sentence for search engines)")
        if not isinstance(page.meta["description"], str):
            raise PageProblem(f"{where}:1: 'description:' must be one sentence of text, "
                              f"not a {type(page.meta['description']).__name__}")
        try:
            check_snippets("\n".join(lines), where, base=page.project, source=page.source)
        except SnippetError as error:
            raise PageProblem(str(error)) from None
        if unclosed_fence(lines) is not None:
            # Named by its line in the page as written (macros add lines of their own above it).
            written = page.source.read_text("utf-8") if page.source.is_file() else ""
            raise PageProblem(unclosed_fence_problem(where, written)
                              or f"{where}: a code block opens and never closes (close it with the same fence)")
        return lines


# Material wraps every class-less table in scroll containers when a page loads, which moves each
# table in the DOM and makes the browser style and lay it out again (on the cheat sheet, most of
# the main thread's work on a phone). The page comes with that wrapper instead; the class keeps
# Material's script away, and stylesheets/site.css gives `table.site-table` Material's table look.
# On a phone a row's cells stack (site.css), each under its column's name, which every cell carries
# (`data-label`): side by side, a command squeezed into a narrow column broke one syllable a line.
TABLE_CLASS = "site-table"
_STASHED = re.compile("\x02[^\x03]*\x03")


def _label_cells(table: ET.Element, stash) -> None:
    names = ["".join(th.itertext()) for th in table.findall("./thead/tr/th")]
    # Code in a heading (`STATUS` in `docker container ls`) is stashed HTML by now: its text.
    names = [" ".join(_STASHED.sub(lambda found: _stashed_text(found.group(0), stash), name).split())
             for name in names]
    for row in table.findall("./tbody/tr"):
        for name, cell in zip(names, row.findall("./td")):
            if name:
                cell.set("data-label", name)


_STASH_INDEX = re.compile(r"\x02wzxhzdk:(\d+)\x03")


def _stashed_text(placeholder: str, stash) -> str:
    found = _STASH_INDEX.fullmatch(placeholder)
    if found is None or int(found.group(1)) >= len(stash.rawHtmlBlocks):
        return ""
    block = stash.rawHtmlBlocks[int(found.group(1))]
    text = block if isinstance(block, str) else "".join(block.itertext())
    return html.unescape(re.sub(r"<[^>]+>", "", text))


class WrapTables(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table" or child.get("class"):
                    continue
                child.set("class", TABLE_CLASS)
                _label_cells(child, self.md.htmlStash)
                outer = ET.Element("div", {"class": "md-typeset__scrollwrap"})
                inner = ET.SubElement(outer, "div", {"class": "md-typeset__table"})
                outer.tail, child.tail = child.tail, None
                parent.remove(child)
                inner.append(child)
                parent.insert(index, outer)


# A long token of code in the text (a path, a Go template, `label=org.opencontainers…`) that does
# not fit the line is broken by the browser wherever the line ends, often between two letters.
# It may break after its punctuation instead: a <wbr> after each / . = , : inside it (invisible,
# copied as nothing). Short tokens move to the next line whole, as before; code blocks scroll.
LONG_TOKEN = 24
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
_INLINE_CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.DOTALL)
_TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
_LONG = re.compile(rf"[^\s<>]{{{LONG_TOKEN},}}")
_BREAK_AFTER = re.compile(r"([/.=,:])(?=[^\s/.=,:])")


def _soft_breaks(code: re.Match) -> str:
    parts = _TAG_OR_TEXT.split(code.group(2))
    body = "".join(part if part.startswith("<") else
                   _LONG.sub(lambda token: _BREAK_AFTER.sub(r"\1<wbr>", token.group(0)), part)
                   for part in parts)
    return code.group(1) + body + code.group(3)


class SoftBreaksInCode(Postprocessor):
    def run(self, text: str) -> str:
        pieces = _PRE.split(text)
        return "".join(piece if piece.startswith("<pre") else _INLINE_CODE.sub(_soft_breaks, piece)
                       for piece in pieces)


class MarkPlaceholders(Postprocessor):
    def run(self, text: str) -> str:
        marked = mark_placeholders(text)
        page = page_of(self.md)
        if page is not None and marked != text:
            page.meta[USES_PLACEHOLDERS] = True
        return marked


class SiteExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Zensical's macros run at 35 and pymdownx.snippets at 32: in between, the page is final
        # Markdown with its includes not yet expanded.
        md.preprocessors.register(PageChecks(md), "sitekit_page_checks", 34)
        # After the tables extension built them, before anything serialises the tree.
        md.treeprocessors.register(WrapTables(md), "sitekit_wrap_tables", 1)
        # Last: the code blocks come from pymdownx's stash, restored by earlier postprocessors;
        # placeholders in them are for the reader's value to fill.
        md.postprocessors.register(MarkPlaceholders(md), "sitekit_placeholders", 0.5)
        md.postprocessors.register(SoftBreaksInCode(md), "sitekit_soft_breaks", 0.4)


def makeExtension(**kwargs) -> SiteExtension:
    return SiteExtension(**kwargs)
