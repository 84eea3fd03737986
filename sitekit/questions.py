"""Check-your-understanding questions: assets/questions/<chapter>.yaml, one file a chapter.

Loading validates every question with pydantic, parses every `docker …` command in it against
the CLI reference, and checks that the section it links back to exists on its page. Any problem
is a QuestionError whose message is one line naming the file, the question and its line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from markdown.extensions.toc import slugify
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sitekit.cli_reference import CommandError, Reference, docker_lines, load_reference, parse_command
from sitekit.fences import UnclosedFence, outside_code, unclosed_fence_problem
from sitekit.data_files import DataFileError, describe, load_yaml_list
from sitekit.project import PROJECT, Project

MIN_QUESTIONS, MAX_QUESTIONS = 3, 6


class QuestionError(DataFileError):
    """Bad question input. str() is one readable line naming the file and the question."""


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = Field(min_length=1)  # why this choice is right or wrong, shown when it is picked


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    question: str = Field(min_length=1)
    code: str | None = None  # a block shown under the question: a command, a Dockerfile, some output
    language: str = Field(default="bash", pattern=r"^[a-z0-9]+$")
    multiple: bool = False  # "choose all that apply": the right answer is the set of correct choices
    choices: list[Choice] = Field(min_length=2, max_length=6)
    explanation: str = Field(min_length=1)
    section: str = Field(pattern=r"^([a-z0-9-]+\.md)?#[\w-]+$")  # where the site teaches it

    @model_validator(mode="after")
    def _right_answers(self) -> "Question":
        right = sum(choice.correct for choice in self.choices)
        if not self.multiple and right != 1:
            raise ValueError(f"a question with one answer needs exactly one correct choice, got {right} "
                             "(or set 'multiple: true' for a set of right answers)")
        if self.multiple and not 1 <= right < len(self.choices):
            raise ValueError("'multiple: true' needs at least one correct and one wrong choice")
        texts = [choice.text for choice in self.choices]
        if len(set(texts)) != len(texts):
            raise ValueError("two choices have the same text")
        return self

    @field_validator("question")
    @classmethod
    def _no_hint_of_its_own(cls, value: str) -> str:
        # The page prints "Choose one answer." or "Choose all that apply." under every question.
        if re.search(r"choose (all that apply|one answer)", value, re.IGNORECASE):
            raise ValueError("the question says how many to choose; the page already does (from 'multiple')")
        return value

    @field_validator("code")
    @classmethod
    def _code_not_empty(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("'code' is empty")
        return value

    def version(self) -> str:
        """Changes whenever the question does, so an answer stored in the browser for an older
        wording is not shown against the new one."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:8]

    def texts(self) -> list[tuple[str, str]]:
        """Every Markdown text of the question, named as an error message would name it."""
        found = [("question", self.question), ("explanation", self.explanation)]
        for index, choice in enumerate(self.choices):
            found += [(f"choices.{index}.text", choice.text), (f"choices.{index}.feedback", choice.feedback)]
        return found


@dataclass(frozen=True)
class Quiz:
    chapter: str
    path: Path
    questions: list[Question]
    lines: dict[str, int]  # question id -> line in the file
    shown: str  # the file as errors name it, e.g. assets/questions/networking.yaml

    def check_sections(self, sections_of: Callable[[str], dict[str, str] | None],
                       text_of: Callable[[str], str | None] = lambda page: None) -> None:
        """Every question's `section` is a heading or command block of its page; `sections_of(page)`
        gives a page's anchors (None: no such page). Raises QuestionError naming file, line, question,
        or the page's line when a code block there never closes and swallowed the heading."""
        for question in self.questions:
            page, anchor = split_section(question.section, self.chapter)
            where = f"{self.shown}:{self.lines[question.id]}: question '{question.id}': section '{question.section}'"
            sections = sections_of(page)
            if sections is None:
                raise QuestionError(f"{where}: no page docs/{page}.md")
            if anchor not in sections:
                if problem := unclosed_fence_problem(f"docs/{page}.md", text_of(page) or ""):
                    raise QuestionError(problem)
                raise QuestionError(f"{where}: docs/{page}.md has no heading or command block with the anchor "
                                    f"'#{anchor}'")


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def commands_in(question: Question) -> list[tuple[str, str]]:
    """(where, command line) for every `docker …` command the question shows: its code block
    when it is shell, and every inline code span that starts with `docker `."""
    found = []
    if question.code and question.language in {"bash", "sh", "shell", "console"}:
        found += [("code", line) for _, line in docker_lines(question.code)]
    for where, text in question.texts():
        for match in _CODE_SPAN.finditer(text):
            span = match.group(2).strip()
            if span.startswith("docker "):
                found.append((where, span))
    return found


# ------------------------------------------------------------------------ the sections pages teach

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_COMMAND_CALL = re.compile(r"""\{@\s*command\(\s*["']([a-z0-9-]+)["']\s*\)\s*@\}""")


def _plain(heading: str) -> str:
    """A heading's text as the table of contents shows it: Markdown marks and links dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    # `_` marks emphasis only at a word's edge: pg_dump keeps its underscore, as in the toc's anchor.
    return re.sub(r"[`*]|(?<!\w)_|_(?!\w)", "", text).strip()


@lru_cache(maxsize=128)
def page_sections(text: str) -> dict[str, str]:
    """Anchor -> title of every heading a page's Markdown (as MkDocs read it, front matter and
    all) writes, as Python-Markdown's toc names them (duplicates numbered), and of every command
    block it shows (`cmd-<id>`). Cached by the text: `mkdocs serve` rebuilds re-use it."""
    sections: dict[str, str] = {}
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end != -1 else text
    lines: list[tuple[int, str]] = []
    try:
        lines.extend(outside_code(text.splitlines()))
    except UnclosedFence:
        pass  # the headings above the fence still count; the page's own check names the fence
    for _, line in lines:
        heading = _HEADING.match(line)
        if heading:
            title = _plain(heading.group(2))
            attributes = heading.group(3) or ""
            custom = re.search(r"#([\w-]+)", attributes)
            anchor = custom.group(1) if custom else slugify(title, "-")
            unique, number = anchor, 0
            while unique in sections:
                number += 1
                unique = f"{anchor}_{number}"
            sections[unique] = title
        for call in _COMMAND_CALL.finditer(line):
            sections.setdefault(f"cmd-{call.group(1)}", f"docker command {call.group(1)}")
    return sections


def split_section(section: str, chapter: str) -> tuple[str, str]:
    """(page, anchor) of a question's `section`: `#anchor` is on the question's own chapter."""
    page, _, anchor = section.partition("#")
    return (page[:-3] if page else chapter), anchor


# --------------------------------------------------------------------------------------- loading


def _names_a_command(line: str, reference: Reference) -> bool:
    """`docker container stop` in prose names a command rather than running one."""
    words = line.removeprefix("docker ").strip()
    return reference.key_of(words) is not None or words in reference.groups


def _check_commands(question: Question, where: str, reference: Reference) -> None:
    for field, line in commands_in(question):
        if field != "code" and _names_a_command(line, reference):
            continue
        try:
            parse_command(line, reference)
        except CommandError as error:
            raise QuestionError(f"{where}: {field}: '{line}': {error}") from None


def load_quiz(path: Path, project: Project = PROJECT, reference: Reference | None = None) -> Quiz:
    """One chapter's questions, checked but for their sections (`Quiz.check_sections`), which need
    the pages as the build reads them."""
    reference = reference or load_reference(project.reference)
    chapter = path.stem
    shown = project.shown(path)
    if chapter not in project.chapters():
        raise QuestionError(f"{shown}:1: no chapter docs/{chapter}.md for these questions "
                            "(name the file after the chapter)")
    try:
        items = load_yaml_list(path, project)
    except DataFileError as error:
        raise QuestionError(str(error)) from None
    if not MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS:
        raise QuestionError(f"{shown}:1: a chapter has {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, "
                            f"this file has {len(items)}")
    questions: list[Question] = []
    lines: dict[str, int] = {}
    for index, (item, line) in enumerate(items, 1):
        label = item.get("id") if isinstance(item, dict) and item.get("id") else f"#{index}"
        where = f"{shown}:{line}: question '{label}'"
        try:
            question = Question.model_validate(item)
        except ValidationError as error:
            raise QuestionError(f"{where}: {describe(error)}") from None
        if question.id in lines:
            raise QuestionError(f"{where}: duplicate id, first at line {lines[question.id]}")
        _check_commands(question, where, reference)
        questions.append(question)
        lines[question.id] = line
    return Quiz(chapter=chapter, path=path, questions=questions, lines=lines, shown=shown)


_CACHE: dict[tuple, dict[str, Quiz]] = {}


def load_quizzes(project: Project = PROJECT) -> dict[str, Quiz]:
    """Every chapter's questions, checked but for their sections; read again only when a question
    file, the CLI reference or the set of pages changed."""
    files = sorted(project.questions.glob("*.yaml"))
    key = (tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in [*files, project.reference]),
           frozenset(project.chapters()))
    if key not in _CACHE:
        _CACHE.clear()
        reference = load_reference(project.reference)
        _CACHE[key] = {path.stem: load_quiz(path, project, reference) for path in files}
    return _CACHE[key]
