"""Markdown and HTML that macros put into pages: command blocks, tables, cheat sheet, glossary."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

from sitekit.catalog import Catalog, Command
from sitekit.cli_reference import Reference
from sitekit.placeholders import mark_in_prose

NOTE_LABELS = {
    "legacy": "Legacy",
    "deprecated": "Deprecated",
    "platform": "Platform note",
    "tip": "Tip",
}
ALSO_WRITTEN = "Also written"  # the label before a command's aliases


# The one place anchors are spelled: pages, cheat sheet, search entries and print page use these.
COMMAND_ANCHOR_PREFIX = "cmd-"
CHEAT_ANCHOR_PREFIX = "cheat-"


def anchor(command_id: str) -> str:
    return f"{COMMAND_ANCHOR_PREFIX}{command_id}"


def flag_anchor(command_id: str, flag: str) -> str:
    return f"{anchor(command_id)}-flag-{flag.lstrip('-')}"


def cheat_anchor(command_id: str) -> str:
    return f"{CHEAT_ANCHOR_PREFIX}{command_id}"


def term_anchor(term: str) -> str:
    """A glossary term's anchor: `TTY` is #tty, `bind mount` #bind-mount."""
    return re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


def _cell(text: str) -> str:
    # A pipe would end the table cell, even inside backticks.
    return text.replace("|", "\\|")


def _code(text: str) -> str:
    # Inline code that may itself contain backticks gets a longer fence.
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _prose(text: str) -> str:
    """Catalog prose as Markdown: `<your-docker-id>` outside code spans is text, not an HTML tag,
    marked for the reader's own value as in the command it describes."""
    parts = re.split(r"(`+[^`]*`+)", text.strip())
    return "".join(
        part if part.startswith("`") else mark_in_prose(part.replace("<", "&lt;").replace(">", "&gt;"))
        for part in parts
    )


def _link(command: Command, current_chapter: str | None) -> str:
    page = "" if command.chapter == current_chapter else f"{command.chapter}.md"
    return f"{page}#{anchor(command.id)}"


def command_block(command: Command, reference: Reference) -> str:
    """The explanation block: the command to copy, what it does, every flag, aliases and notes.
    Short forms of flags come from the reference the catalog was checked against."""
    parsed = command.parsed
    options = {} if parsed.desktop_only else reference.options_of(parsed.key)
    lines = [
        f'<div class="cmd-block" id="{anchor(command.id)}" markdown>',
        "",
        "```bash",
        command.shown,
        "```",
        "",
        _prose(command.summary),
        "",
    ]
    if command.flags:
        lines.append('<div class="cmd-flags" markdown>')
        lines.append("")
        for flag, text in command.flags.items():
            short = options[flag].short if flag in options else None
            term = (f'<span id="{flag_anchor(command.id, flag)}"></span>' + _code(flag)
                    + (f" (short form {_code(short)})" if short else ""))
            lines += [term, f":   {_prose(text)}", ""]
        lines.append("</div>")
        lines.append("")
    if command.aliases:
        spelled = ", ".join(_code(a) for a in command.aliases)
        lines += [f"{ALSO_WRITTEN}: {spelled}", ""]
    for note in command.notes:
        lines += [f"**{NOTE_LABELS[note.kind]}:** {_prose(note.text)}", ""]
    lines += [explain_link(command.command), "", "</div>"]
    return "\n".join(lines)


EXPLAIN_PAGE = "explain.md"


def explain_link(line: str) -> str:
    """A link to the Explain page with this command filled in (left out of the search index, which
    would otherwise find the same words in every block)."""
    return (f'<p class="cmd-explain" data-search-exclude markdown>[Explain each part of this command]'
            f'({EXPLAIN_PAGE}?cmd={quote(line, safe="")})</p>')


def command_table(commands: list[Command], current_chapter: str | None) -> str:
    rows = ["| Command | What it does |", "| --- | --- |"]
    for command in commands:
        link = f"[{_cell(_code(command.command))}]({_link(command, current_chapter)})"
        rows.append(f"| {link} | {_cell(_prose(command.summary))} |")
    return "\n".join(rows)


def _copyable(command: str, block_id: str | None = None) -> str:
    """A command as its own code block: one line that scrolls sideways on a phone, with Material's
    copy button. Plain <pre>, not a fenced block: the page repeats the chapters' commands, which
    the walkthrough runs where they are taught (it reads the fenced blocks). Material names a
    block's copy target after the nearest id, so a second block in an entry has an id of its own."""
    attribute = f' id="{block_id}"' if block_id else ""
    return f'<pre class="cheat__command"{attribute}><code>{html.escape(command, quote=False)}</code></pre>'


def cheat_sheet(catalog: Catalog, chapter_titles: dict[str, str]) -> str:
    """Every command by topic: the command to copy, what it does and where it is taught, then the
    other spellings Docker accepts, each to copy too. Entries, not table rows, so a phone shows
    every command on one line and nothing is cut off at the side."""
    parts: list[str] = []
    for topic in catalog.topics:
        commands = catalog.for_topic(topic.id)
        if not commands:
            continue
        parts += [f"## {topic.title}", ""]
        for command in commands:
            entry = cheat_anchor(command.id)
            chapter = chapter_titles.get(command.chapter, command.chapter)
            parts += [
                f'<div class="cheat" id="{entry}" markdown>',
                _copyable(command.command),
                f'<p markdown="span">{_prose(command.summary)} '
                f'Taught in [{chapter}]({command.chapter}.md#{anchor(command.id)}).</p>',
            ]
            if command.aliases:
                parts.append('<p class="cheat__also">Also written:</p>')
                parts += [_copyable(alias, f"{entry}-{n}") for n, alias in enumerate(command.aliases, 1)]
            parts += ["</div>", ""]
    return "\n".join(parts)


def checked_against(versions: dict[str, str]) -> str:
    return (f'<p class="checked-against" markdown>Checked against Docker Engine and CLI {versions["cli"]}, '
            f'Buildx {versions["buildx"]} and Compose {versions["compose"]}.</p>')


_ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]\s][^\]]*)\]:\s*(?P<text>\S.*)$")


class AbbreviationError(ValueError):
    """A line of the abbreviations file that is not `*[TERM]: definition`. str() names file and line."""


def read_abbreviations(path: Path) -> list[tuple[str, str]]:
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("<!--"):
            continue
        match = _ABBREVIATION.match(line.strip())
        if not match:
            raise AbbreviationError(f"{path.parent.name}/{path.name}:{number}: not an abbreviation "
                                    "(write `*[TERM]: one-sentence definition`)")
        terms.append((match.group("term"), match.group("text").strip()))
    return sorted(terms, key=lambda pair: pair[0].casefold())


def glossary(path: Path) -> str:
    """One heading per term, anchored by term_anchor(): each term is a section of its own, so a
    link or a search result reaches its one sentence."""
    lines = []
    for term, text in read_abbreviations(path):
        lines += [f"## {term} {{#{term_anchor(term)}}}", "", text, ""]
    return "\n".join(lines)

