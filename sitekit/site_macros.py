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
from typing import Any, Callable, MutableMapping

from jinja2 import TemplateSyntaxError, nodes

from sitekit import render
from sitekit.catalog import Catalog, load_catalog
from sitekit.cli_reference import ReferenceError
from sitekit.data_files import DataFileError
from sitekit.diagrams import DiagramError, render_diagram
from sitekit.markdown_extension import USES_QUESTIONS
from sitekit.project import Project
from sitekit.questions import load_quizzes, page_sections
from sitekit.render_questions import quiz as render_quiz
from sitekit.render_troubleshooting import render_all, render_index
from sitekit.troubleshooting import load_troubleshooting


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


@dataclass(frozen=True)
class PageInBuild:
    """The page a macro renders: its stem under docs/ and its metadata (which the theme reads)."""

    chapter: str | None
    meta: MutableMapping[str, Any]


@lru_cache(maxsize=128)
def first_heading(text: str) -> str | None:
    """A page's own title: its first `# ` heading."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


class PageTexts:
    """The pages' Markdown as the build read it, once per build, by stem. Titles of pages and
    anchors of sections come from here: while one page renders, MkDocs 1.6 knows the titles only
    of pages it has already rendered, and Zensical's nav carries no title for entries that name
    just a file."""

    def __init__(self, read: Callable[[str], str | None], stems: set[str]):
        self._read = read
        self._stems = stems
        self._texts: dict[str, str | None] = {}

    def text(self, stem: str) -> str | None:
        if stem not in self._texts:
            self._texts[stem] = self._read(stem) if stem in self._stems else None
        return self._texts[stem]

    def sections(self, stem: str) -> dict[str, str] | None:
        text = self.text(stem)
        return None if text is None else page_sections(text)

    def titles(self) -> dict[str, str]:
        return {stem: first_heading(self.text(stem) or "") or stem.replace("-", " ").capitalize()
                for stem in sorted(self._stems)}


def macros_for(project: Project, current_page: Callable[[], PageInBuild],
               read_page: Callable[[str], str | None]) -> dict[str, Macro]:
    """Every macro of the site, bound to the data of this build's project. `read_page(stem)` is a
    page's Markdown as the build read it (None: no such page)."""
    try:
        catalog = load_catalog(project)
        quizzes = load_quizzes(project)
        troubleshooting_data = load_troubleshooting(project, commands=set(catalog.commands))
    except (DataFileError, ReferenceError) as error:
        raise MacroError(str(error)) from None
    reference = catalog.reference
    chapters = project.chapters()
    topics = {topic.id for topic in catalog.topics}
    pages = PageTexts(read_page, chapters)

    def current_chapter() -> str | None:
        return current_page().chapter

    def command(command_id: str) -> str:
        """The explanation block of one catalog command: copyable line, summary, every flag."""
        return render.command_block(catalog.get(command_id), reference)

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
        return render.cheat_sheet(catalog, pages.titles())

    def diagram(diagram_id: str) -> str:
        """An SVG diagram from assets/diagrams, inlined so it follows the palette."""
        return render_diagram(diagram_id, project)

    def check_diagram(diagram_id: str) -> str | None:
        try:
            render_diagram(diagram_id, project)  # cached: the page's own call reuses this rendering
        except DiagramError as error:
            return str(error)
        return None

    def checked_against() -> str:
        """One line saying which Docker versions the page's commands were checked against."""
        return render.checked_against(reference.versions)

    def glossary() -> str:
        """Every term of includes/abbreviations.md, each under a heading of its own."""
        return render.glossary(project.abbreviations)

    def check_glossary() -> str | None:
        try:
            terms = render.read_abbreviations(project.abbreviations)
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
        page = current_page()
        page.meta[USES_QUESTIONS] = True
        chapter = chapter or page.chapter
        return render_quiz(quizzes[chapter], {stem: pages.sections(stem) or {} for stem in chapters})

    sections_checked: list[bool] = []

    def check_questions(chapter: str | None = None) -> str | None:
        chapter = chapter or current_chapter()
        if chapter not in quizzes:
            return f"no questions for '{chapter}': write assets/questions/{chapter}.yaml"
        if not sections_checked:
            # Every question file's sections, once a build, against the pages as the build read
            # them (so after MkDocs checked they are UTF-8). A QuestionError names its own file.
            for quiz in quizzes.values():
                quiz.check_sections(pages.sections, pages.text)
            sections_checked.append(True)
        return None

    def commands_for_troubleshooting(ids: list[str]) -> str:
        """Explanation blocks for this page's own commands; a table of links for the others."""
        entries = [catalog.get(command_id) for command_id in ids]
        parts = [render.command_block(e, reference) for e in entries if e.chapter == current_chapter()]
        elsewhere = [e for e in entries if e.chapter != current_chapter()]
        if elsewhere:
            parts.append(render.command_table(elsewhere, current_chapter()))
        return "\n\n".join(parts)

    def troubleshooting() -> str:
        """Every troubleshooting entry, grouped, each under a heading with its stable anchor."""
        return render_all(troubleshooting_data, pages.titles(), commands_for_troubleshooting, current_chapter())

    def troubleshooting_index() -> str:
        """A table of the troubleshooting entries, linked to each."""
        return render_index(troubleshooting_data)

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
        Macro("troubleshooting", troubleshooting, nothing_to_check),
        Macro("troubleshooting_index", troubleshooting_index, nothing_to_check),
    ]
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


def check_calls(env, markdown: str, macros: dict[str, Macro], known: set[str]) -> tuple[int | None, str] | None:
    """The first bad macro call on the page as (line, problem), lines counted from 1 in `markdown`;
    line is None when a check found a problem in a data file (its message names the file)."""
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
        try:
            problem = macro.check(*args, **kwargs)
        except DataFileError as error:
            return None, str(error)
        if problem:
            return call.lineno, f"{name}(): {problem}"
    return None


def page_problem(env, where: str, source: str, markdown: str, macros: dict[str, Macro],
                 known: set[str]) -> str | None:
    """The first bad macro call of a page as one line, `docs/page.md:LINE: problem`, or None.
    `markdown` is the page's `source` without its front matter, as MkDocs hands it over; the line
    is counted in the source file."""
    offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    problem = check_calls(env, markdown, macros, known)
    if problem is None:
        return None
    line, message = problem
    return message if line is None else f"{where}:{line + offset}: {message}"
