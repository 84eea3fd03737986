"""The walkthrough's plan: each chapter's steps, read from the built page itself.

Inferred from the page, in page order:
- a ```bash block runs (a catalog command's block or a plain one) and must exit 0;
- a ```text block right after a step in the same section is that step's sample output, compared
  with what really printed;
- a block with a title bar shows a file (the example tests check those).
`<!-- walkthrough … -->` notes (scripts/walkthrough/spec.py) say the rest, right where it happens:
a note describes the block after it; an action is a step of its own. Nothing is matched by
position against another file, so a new, moved or reworded block needs no edit anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from scripts.walkthrough.pages import Block, NoteText, chapter_items, nav_chapters
from scripts.walkthrough.spec import Action, Note, Run, WalkthroughError, describe, merged
from sitekit.project import ROOT

# Steps whose output a following ```text block shows.
SHOWS_OUTPUT = frozenset({"command", "block", "type", "input", "browse", "keys", "edit"})


@dataclass(frozen=True)
class Planned:
    chapter: str
    index: int  # 1-based position among the chapter's steps
    kind: str  # command, block, type, output, input, text, file, or an action's kind
    block: Block | None = None  # the page's block, for block steps
    spec: Run | None = None  # how it runs, for command, block and type steps
    name: str | None = None  # what later steps call it (its session)
    note: Note | None = None
    action: Action | None = None
    typed_into: str | None = None  # a session this block or input is typed into
    why: str | None = None  # text: why it is not output; output: why it is not compared
    vary: list[str] = field(default_factory=list)
    compare: str = "lines"
    line: int | None = None  # the line of the page source where its note is, when it has one
    heading: str | None = None  # the id of the heading it sits under

    @property
    def text(self) -> str | None:
        """What runs or is typed: the page's block as shown, or the command the prose names."""
        if self.block is not None:
            return self.block.text
        return self.action.type if self.action is not None else None

    @property
    def label(self) -> str:
        if self.block is not None:
            shown = self.block.command_id if self.kind == "command" else self.block.title if self.kind == "file" \
                else self.block.first_line
            return f"{self.kind} {shown!r}"
        if self.kind == "type":
            return f"type {self.action.type!r}"
        return self.kind

    @property
    def where(self) -> str:
        place = f"line {self.line}, " if self.line else ""
        return f"docs/{self.chapter}.md, {place}step {self.index} ({self.label})"


class PlanError(WalkthroughError):
    pass


def _source_line(source: str | None, note: NoteText, after: int = 0) -> int | None:
    """The line of the page source where the note is (the first one at or after line `after`)."""
    if not source:
        return None
    start = len("\n".join(source.split("\n")[:max(after - 1, 0)]))
    at = source.find(note.yaml.strip(), start)
    if at < 0:
        at = source.find(note.yaml.strip())
    return source.count("\n", 0, at) + 1 if at >= 0 else None


class PageDefault(Note):
    """`default:` at the top of a reference page: how its blocks without a note of their own run
    (`how`, `why`) and what its text blocks are (`text`)."""


def parse_note(note: NoteText, where: str) -> Note | PageDefault | list[Action]:
    """A comment's YAML as a Note for the next block, the page's default, or the actions it lists."""
    try:
        data = yaml.safe_load(note.yaml)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" (line {mark.line + 1} of the note)" if mark else ""
        raise PlanError(f"{where}: the walkthrough note is not YAML{at}: "
                        f"{getattr(error, 'problem', None) or error}") from None
    try:
        if isinstance(data, list):
            return [Action.model_validate(item) for item in data]
        if isinstance(data, dict) and Action.KEYS & set(data):
            return [Action.model_validate(data)]
        if isinstance(data, dict) and set(data) == {"default"}:
            default = PageDefault.model_validate(data["default"])
            if set(default.model_dump(exclude_defaults=True)) - {"how", "why", "text"}:
                raise PlanError(f"{where}: a page's default note holds only how, why and text")
            return default
        if isinstance(data, dict):
            return Note.model_validate(data)
    except ValidationError as error:
        raise PlanError(f"{where}: walkthrough note: {describe(error)}") from None
    raise PlanError(f"{where}: a walkthrough note is a mapping (a note on the next block) or a list of actions")


def plan_chapter(chapter: str, items: list[Block | NoteText], source: str | None = None) -> list[Planned]:
    """The chapter's steps. `source` is the page's Markdown, only to name lines in errors."""
    planned: list[Planned] = []
    pending: tuple[Note, int | None] | None = None
    default: PageDefault | None = None
    shows: Planned | None = None  # the step whose output a following text block shows
    last_run: Planned | None = None
    last_line = 0

    def add(step: Planned) -> Planned:
        planned.append(step)
        return step

    def place(line: int | None) -> str:
        return f"docs/{chapter}.md" + (f":{line}" if line else "")

    for item in items:
        index = len(planned) + 1
        if isinstance(item, NoteText):
            line = _source_line(source, item, last_line)
            last_line = line or last_line
            parsed = parse_note(item, place(line))
            if pending is not None:
                raise PlanError(f"{place(pending[1])}: this walkthrough note describes no block "
                                "(another note follows it before any block)")
            if isinstance(parsed, PageDefault):
                if planned or default is not None:
                    raise PlanError(f"{place(line)}: a page's default note comes before its first block, once")
                default = parsed
                continue
            if isinstance(parsed, Note):
                pending = (parsed, line)
                continue
            for action in parsed:
                index = len(planned) + 1
                kind = action.kind
                spec = merged(None, action) if kind == "type" else None
                step = add(Planned(chapter, index, "copy" if kind == "copy_" else kind, spec=spec, action=action,
                                   name=action.id or action.type, line=line, heading=item.heading))
                if kind in SHOWS_OUTPUT and (kind != "edit" or action.edit.session):
                    shows = last_run = step
            continue
        note, line = pending if pending is not None else (None, None)
        pending = None
        if note is None and default is not None:
            note = (Note(text=default.text) if item.language == "text" and default.text and not item.title
                    else Note(how=default.how, why=default.why) if item.language != "text" and default.how else None)
        where = f"{place(line)}: block {item.language} {item.first_line[:60]!r}"
        step = add(_plan_block(chapter, index, item, note, line, where, shows, last_run))
        if step.kind in SHOWS_OUTPUT:
            shows = last_run = step
        else:
            shows = None
    if pending is not None:
        raise PlanError(f"{place(pending[1])}: this walkthrough note describes no block (none follows it)")
    return planned


def _plan_block(chapter: str, index: int, block: Block, note: Note | None, line: int | None, where: str,
                shows: Planned | None, last_run: Planned | None) -> Planned:
    typed_into = note.typed_into if note else None
    common = dict(chapter=chapter, index=index, block=block, note=note, line=line, typed_into=typed_into,
                  heading=block.heading)
    if block.language == "text":
        if note is not None and note.about_running and not typed_into:
            raise PlanError(f"{where}: a ```text block does not run; how, session, expect and the like "
                            "belong to a command")
        if typed_into:
            spec = merged(None, note)
            return Planned(kind="input", spec=spec, name=typed_into, **common)
        if note is not None and note.text is not None:
            return Planned(kind="text", why=note.text, **common)
        if block.title:
            return Planned(kind="file", **common)
        source = shows
        if note is not None and note.output and source is None:
            source = last_run
        if source is None or (source.heading != block.heading and not (note and note.output)):
            raise PlanError(f"{where}: a ```text block that follows no command in its section: if it is "
                            "the output of a command, put it right after that command; if it is not, say "
                            "what it is in a note before it: <!-- walkthrough: {text: why it is shown} -->")
        return Planned(kind="output", why=note.why if note else None, vary=note.vary if note else [],
                       compare=(note.compare if note and note.compare else "lines"), **common)
    if note is not None and (note.text is not None or note.about_output):
        raise PlanError(f"{where}: text, output, vary and compare belong to ```text blocks")
    if block.title and not (note and (note.about_running or typed_into)):
        return Planned(kind="file", **common)
    if block.language == "python" and not typed_into:
        raise PlanError(f"{where}: a ```python block without a title is typed into a session: "
                        "say which with a note (typed_into: SESSION), or give it a title (a file)")
    kind = "command" if block.command_id else "block"
    name = (note.id if note and note.id else None) or block.command_id or block.first_line
    return Planned(kind=kind, spec=merged(None, note), name=name, **common)


def make_plan(site: Path, chapters: list[str] | None = None, docs_dir: Path = ROOT / "docs") -> dict[str, list[Planned]]:
    """Every chapter in nav order (or the ones named), planned from the built site."""
    plan = {}
    for chapter in nav_chapters():
        if chapters is not None and chapter not in chapters:
            continue
        source_file = docs_dir / f"{chapter}.md"
        try:
            source = source_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            source = None
        plan[chapter] = plan_chapter(chapter, chapter_items(site, chapter), source)
    if chapters:
        unknown = sorted(set(chapters) - set(plan))
        if unknown:
            raise PlanError(f"no chapter '{unknown[0]}' in the nav")
    return plan
