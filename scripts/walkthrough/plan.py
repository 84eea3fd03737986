"""The walkthrough's plan: each chapter's steps (assets/walkthrough.yaml) laid on the page's blocks.

Every ```bash, ```text and ```python block of a page must be accounted for, in page order, by one
step; a step naming a block must find it there. So the data cannot drift from the pages: a new,
moved or changed block fails the plan with one line naming the page and the block.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.walkthrough.pages import Block, chapter_blocks, nav_chapters
from sitekit.catalog import Catalog, load_catalog
from sitekit.walkthrough_spec import Run, Step, Walkthrough, WalkthroughError, load_walkthrough, merged


@dataclass(frozen=True)
class Planned:
    chapter: str
    index: int  # 1-based position among the chapter's steps
    step: Step
    block: Block | None  # the page's block, for block steps
    spec: Run | None  # how it runs, for command, block and type steps

    @property
    def text(self) -> str | None:
        """What runs or is typed: the page's block as shown, or the command the prose names."""
        if self.block is not None:
            return self.block.text
        return self.step.type

    @property
    def where(self) -> str:
        return f"docs/{self.chapter}.md, step {self.index} ({self.step.label})"


class PlanError(WalkthroughError):
    pass


def _matches(step: Step, block: Block) -> str | None:
    """Why the block is not the one the step names, or None when it is."""
    kind = step.kind
    if kind == "command":
        if block.command_id != step.command:
            return f"expected the block of command '{step.command}'"
        return None
    if block.command_id is not None:
        return f"expected a plain block, found the block of command '{block.command_id}'"
    if kind == "block":
        if block.language not in ("bash", "python"):
            return "expected a ```bash or ```python block"
        if not block.first_line.startswith(step.block.strip()):
            return f"expected a block starting with {step.block.strip()!r}"
        return None
    if block.language != "text" and not (kind == "file" and block.language == "python"):
        return "expected a ```text block"
    if kind == "file" and block.title != step.file:
        return f"expected the file block titled {step.file!r}"
    if kind != "file" and block.title and kind != "input":
        return f"a block titled {block.title!r} is a file: use `file:`"
    return None


def plan_chapter(chapter: str, steps: list[Step], blocks: list[Block], catalog: Catalog) -> list[Planned]:
    planned, position = [], 0
    for index, step in enumerate(steps, 1):
        block = None
        if step.kind in Step.BLOCK_KINDS:
            where = f"docs/{chapter}.md, step {index} ({step.label})"
            if position >= len(blocks):
                raise PlanError(f"{where}: the page has no more blocks")
            block = blocks[position]
            problem = _matches(step, block)
            if problem:
                raise PlanError(f"{where}: {problem}; the page's block {position + 1} is "
                                f"{block.language} {block.first_line[:70]!r}")
            position += 1
        spec = None
        if step.kind == "command":
            if step.command not in catalog.commands:
                raise PlanError(f"docs/{chapter}.md, step {index}: unknown command id '{step.command}'")
            entry = catalog.get(step.command)
            if entry.walkthrough is None:
                raise PlanError(f"{catalog.commands[step.command].where}: entry '{step.command}' has no "
                                "'walkthrough:' (how the walkthrough runs it)")
            spec = merged(entry.walkthrough, step)
        elif step.kind in ("block", "type"):
            spec = merged(None, step)
        planned.append(Planned(chapter, index, step, block, spec))
    if position < len(blocks):
        block = blocks[position]
        raise PlanError(f"docs/{chapter}.md: block {position + 1} ({block.language} {block.first_line[:70]!r}) "
                        "has no step in assets/walkthrough.yaml")
    return planned


def make_plan(site: Path, walkthrough: Walkthrough | None = None, catalog: Catalog | None = None,
              chapters: list[str] | None = None) -> dict[str, list[Planned]]:
    """Every chapter in nav order (or the ones named), planned against the built site."""
    walkthrough = walkthrough or load_walkthrough()
    catalog = catalog or load_catalog()
    order = nav_chapters()
    unknown = sorted(set(walkthrough.chapters) - set(order))
    if unknown:
        raise PlanError(f"assets/walkthrough.yaml: chapter '{unknown[0]}' is not in the nav")
    plan = {}
    for chapter in order:
        if chapters is not None and chapter not in chapters:
            continue
        plan[chapter] = plan_chapter(chapter, walkthrough.chapters.get(chapter, []),
                                     chapter_blocks(site, chapter), catalog)
    return plan
