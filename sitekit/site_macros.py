"""The macros pages call, each registered with its own check, for mkdocs-macros and Zensical alike.

A macro is a render function plus a check with the same signature. The check runs twice:
before a page renders, on every call whose arguments are written out (so the error names the
page and line; MkDocs only, through `on_pre_page_macros`), and when the macro renders (so a bad
call fails under Zensical too, which has no such hook).
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from jinja2 import TemplateSyntaxError, nodes

from sitekit import render, troubleshooting
from sitekit.catalog import Catalog, load_catalog
from sitekit.data_files import DataFileError
from sitekit.cli_reference import ReferenceError, load_reference
from sitekit.diagrams import DiagramError, render_diagram
from sitekit.questions import load_quizzes, page_sections
from sitekit.render_questions import quiz as render_quiz

ROOT = Path(__file__).resolve().parent.parent
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"


class MacroError(Exception):
    """A macro call that cannot render. str() is the problem, without the page (the caller adds it)."""


@dataclass(frozen=True)
class Macro:
    name: str
    render: Callable[..., str]
    check: Callable[..., str | None]  # same parameters as render; returns what is wrong, or None

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        problem = self.check(*args, **kwargs)
        if problem:
            raise MacroError(f"{self.name}(): {problem}")
        return self.render(*args, **kwargs)


def _chapters(docs_dir: Path) -> set[str]:
    return {path.stem for path in docs_dir.glob("*.md")}


@lru_cache(maxsize=64)
def _first_heading(path: Path, mtime_ns: int) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


def chapter_titles(docs_dir: Path) -> dict[str, str]:
    """Each page's own title (its first heading).

    Read from the page rather than from MkDocs' `page.title`: while one page renders, MkDocs
    1.6 knows the titles only of pages it has already rendered, and Zensical's nav carries no
    title for entries that name just a file."""
    return {path.stem: _first_heading(path, path.stat().st_mtime_ns) for path in sorted(docs_dir.glob("*.md"))}


def macros_for(docs_dir: Path, current_chapter: Callable[[], str | None]) -> dict[str, Macro]:
    """Every macro of the site, bound to the catalog and reference of this build."""
    try:
        reference = load_reference()
        catalog = load_catalog(chapters=_chapters(docs_dir))
        quizzes = load_quizzes(docs_dir)
    except (DataFileError, ReferenceError) as error:
        raise MacroError(str(error)) from None
    chapters = _chapters(docs_dir)
    topics = {topic.id for topic in catalog.topics}

    def command(command_id: str) -> str:
        """The explanation block of one catalog command: copyable line, summary, every flag."""
        return render.command_block(catalog.get(command_id))

    def check_command(command_id: str) -> str | None:
        return None if command_id in catalog.commands else f"unknown command id '{command_id}'"

    def command_table(chapter: str | None = None, topic: str | None = None, ids: list[str] | None = None) -> str:
        """A table of commands (one chapter's, one topic's, or the given ids) linking to their blocks."""
        return render.command_table(_selected(catalog, chapter, topic, ids), current_chapter())

    def check_command_table(chapter: str | None = None, topic: str | None = None,
                            ids: list[str] | None = None) -> str | None:
        if [chapter, topic, ids].count(None) != 2:
            return "give exactly one of chapter=, topic= or ids="
        if chapter is not None and chapter not in chapters:
            return f"unknown chapter '{chapter}'"
        if topic is not None and topic not in topics:
            return f"unknown topic '{topic}' (topics: {', '.join(sorted(topics))})"
        unknown = [i for i in ids or [] if i not in catalog.commands]
        if unknown:
            return f"unknown command id '{unknown[0]}'"
        return None

    def cheat_sheet() -> str:
        """Every command of the catalog grouped by topic, each row anchored and linked to its chapter."""
        return render.cheat_sheet(catalog, chapter_titles(docs_dir))

    def diagram(diagram_id: str) -> str:
        """An SVG diagram from assets/diagrams, inlined so it follows the palette."""
        return render_diagram(diagram_id)

    def check_diagram(diagram_id: str) -> str | None:
        try:
            render_diagram(diagram_id)  # cached: the page's own call reuses this rendering
        except DiagramError as error:
            return str(error)
        return None

    def checked_against() -> str:
        """One line saying which Docker versions the page's commands were checked against."""
        return render.checked_against(reference.versions)

    def glossary() -> str:
        """Every term of includes/abbreviations.md, each under a heading of its own."""
        return render.glossary(ABBREVIATIONS)

    def check_glossary() -> str | None:
        try:
            terms = render.read_abbreviations(ABBREVIATIONS)
        except render.AbbreviationError as error:
            return str(error)
        anchors: dict[str, str] = {}
        for term, _ in terms:
            if render.term_anchor(term) in anchors:
                return (f"includes/abbreviations.md: '{term}' and '{anchors[render.term_anchor(term)]}' "
                        f"would share the anchor #{render.term_anchor(term)}")
            anchors[render.term_anchor(term)] = term
        return None

    def questions(chapter: str | None = None) -> str:
        """The chapter's check-your-understanding questions (assets/questions/<chapter>.yaml)."""
        chapter = chapter or current_chapter()
        titles = {path.stem: page_sections(path) for path in docs_dir.glob("*.md")}
        return render_quiz(quizzes[chapter], titles)

    def check_questions(chapter: str | None = None) -> str | None:
        chapter = chapter or current_chapter()
        if chapter not in quizzes:
            return f"no questions for '{chapter}': write assets/questions/{chapter}.yaml"
        return None

    def nothing_to_check(*args: Any, **kwargs: Any) -> None:
        return None

    macros = [
        Macro("command", command, check_command),
        Macro("command_table", command_table, check_command_table),
        Macro("cheat_sheet", cheat_sheet, nothing_to_check),
        Macro("diagram", diagram, check_diagram),
        Macro("checked_against", checked_against, nothing_to_check),
        Macro("glossary", glossary, check_glossary),
        Macro("questions", questions, check_questions),
    ]
    try:
        macros += [Macro(*triple) for triple in troubleshooting.macros(
            catalog, chapters, lambda: chapter_titles(docs_dir), current_chapter)]
    except DataFileError as error:
        raise MacroError(str(error)) from None
    return {macro.name: macro for macro in macros}


def _selected(catalog: Catalog, chapter: str | None, topic: str | None, ids: list[str] | None) -> list:
    if ids:
        return [catalog.get(i) for i in ids]
    if chapter:
        return catalog.for_chapter(chapter)
    return catalog.for_topic(topic or "")


# --------------------------------------------------------------------------- checks before rendering

_EXPRESSION = re.compile(r"\{@(?![%#]).*?@\}", re.DOTALL)


def _calls(env, markdown: str) -> list[nodes.Call]:
    """Every macro call on the page, with line numbers counted from the page's first Markdown line."""
    if "{@%" in markdown or markdown.count("{@") != markdown.count("@}"):
        # Block statements, or a delimiter without its partner: parse the whole page.
        return list(env.parse(markdown).find_all(nodes.Call))
    calls = []
    # Only the {@ … @} expressions need parsing; much cheaper than the whole page.
    for match in _EXPRESSION.finditer(markdown):
        first_line = markdown.count("\n", 0, match.start())
        try:
            parsed = env.parse(match.group(0))
        except TemplateSyntaxError as error:
            error.lineno = (error.lineno or 1) + first_line
            raise
        for call in parsed.find_all(nodes.Call):
            call.lineno += first_line
            calls.append(call)
    return calls


def check_calls(env, markdown: str, macros: dict[str, Macro], known: set[str]) -> tuple[int, str] | None:
    """The first bad macro call on the page as (line, problem), lines counted from 1 in `markdown`."""
    try:
        calls = _calls(env, markdown)
    except TemplateSyntaxError as error:
        return error.lineno or 1, f"macro syntax error: {error.message}"
    for call in calls:
        if not isinstance(call.node, nodes.Name):
            continue
        name = call.node.name
        if name not in known:
            return call.lineno, f"unknown macro '{name}' (macros: {', '.join(sorted(known))})"
        macro = macros.get(name)
        if macro is None or not all(isinstance(a, (nodes.Const, nodes.List)) for a in
                                    [*call.args, *(k.value for k in call.kwargs)]):
            continue  # not ours, or arguments computed at render time: the macro checks them then
        try:
            args = [a.as_const() for a in call.args]
            kwargs = {k.key: k.value.as_const() for k in call.kwargs}
            inspect.signature(macro.render).bind(*args, **kwargs)
        except (TypeError, nodes.Impossible) as error:
            return call.lineno, f"{name}(): {error}"
        problem = macro.check(*args, **kwargs)
        if problem:
            return call.lineno, f"{name}(): {problem}"
    return None
