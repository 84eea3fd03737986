"""mkdocs-macros entry point: the macros pages call, and a check of every call before rendering.

Pages call macros with `{@ … @}` (see mkdocs.yml), so `{{ … }}` always renders literally.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from mkdocs.exceptions import PluginError

from sitekit import render
from sitekit.catalog import CatalogError, load_catalog
from sitekit.cli_reference import ReferenceError, load_reference
from sitekit.diagrams import DiagramError, diagram_ids, render_diagram
from sitekit.project import nav_entries

ROOT = Path(__file__).resolve().parent
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"


def _chapters(docs_dir: Path) -> set[str]:
    return {path.stem for path in docs_dir.glob("*.md")}


def _chapter_titles(config) -> dict[str, str]:
    titles = {Path(file).stem: title for title, file in nav_entries(config.get("nav"))
              if title and file.endswith(".md")}
    for path in Path(config["docs_dir"]).glob("*.md"):
        if path.stem not in titles:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("# "):
                    titles[path.stem] = line[2:].strip()
                    break
    return titles


def define_env(env):
    docs_dir = Path(env.conf["docs_dir"])
    try:
        reference = load_reference()
        catalog = load_catalog(chapters=_chapters(docs_dir))
    except (CatalogError, ReferenceError) as error:
        raise PluginError(str(error)) from None
    # {@ versions.cli @}, {@ versions.engine @}, {@ versions.buildx @}, {@ versions.compose @}:
    # the versions the CLI reference was generated from, so pages never type them by hand.
    env.variables["versions"] = reference.versions

    def current_chapter() -> str | None:
        page = env.variables.get("page")
        return Path(page.file.src_path).stem if page else None

    @env.macro
    def command(command_id: str) -> str:
        """The explanation block of one catalog command: copyable line, summary, every flag."""
        return render.command_block(catalog.get(command_id))

    @env.macro
    def command_table(chapter: str | None = None, topic: str | None = None, ids: list[str] | None = None) -> str:
        """A table of commands (one chapter's, one topic's, or the given ids) linking to their blocks."""
        if ids:
            commands = [catalog.get(i) for i in ids]
        elif chapter:
            commands = catalog.for_chapter(chapter)
        else:
            commands = catalog.for_topic(topic)
        return render.command_table(commands, current_chapter())

    @env.macro
    def cheat_sheet() -> str:
        """Every command of the catalog grouped by topic, each row anchored and linked to its chapter."""
        return render.cheat_sheet(catalog, _chapter_titles(env.conf))

    @env.macro
    def diagram(diagram_id: str) -> str:
        """An SVG diagram from assets/diagrams, inlined so it follows the palette."""
        return render_diagram(diagram_id)

    @env.macro
    def checked_against() -> str:
        """One line saying which Docker versions the page's commands were checked against."""
        return render.checked_against(reference.versions)

    @env.macro
    def glossary() -> str:
        """Every term of includes/abbreviations.md as a definition list."""
        return render.glossary(ABBREVIATIONS)

    env.variables["catalog"] = catalog
    env.variables["_sitekit_checks"] = {
        "command": lambda value: value in catalog.commands or f"unknown command id '{value}'",
        "command_table": _table_check(catalog, _chapters(docs_dir)),
        "diagram": lambda value: _diagram_check(value),
    }


def _diagram_check(value):
    if value not in diagram_ids():
        return f"unknown diagram '{value}' (known: {', '.join(diagram_ids())})"
    try:
        render_diagram(value)
    except DiagramError as error:
        return str(error)
    return True


def _table_check(catalog, chapters):
    def check(value, keyword=None):
        if keyword == "chapter" and value not in chapters:
            return f"unknown chapter '{value}'"
        if keyword == "topic" and value not in {t.id for t in catalog.topics}:
            return f"unknown topic '{value}'"
        if keyword == "ids":
            missing = [v for v in value if v not in catalog.commands]
            return f"unknown command id '{missing[0]}'" if missing else True
        return True

    return check


_EXPRESSION = re.compile(r"\{@(?![%#]).*?@\}", re.DOTALL)


def on_pre_page_macros(env):
    """Check every macro call on the page before it renders, so a bad call is one clear line."""
    page = env.page
    where = f"{Path(env.conf['docs_dir']).name}/{page.file.src_path}"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    offset = max(0, len(source.splitlines()) - len(env.markdown.splitlines()))
    markdown = env.markdown
    first_line = 0
    try:
        if "{@%" in markdown or markdown.count("{@") != markdown.count("@}"):
            # Block statements, or a delimiter without its partner: parse the whole page.
            calls = list(env.env.parse(markdown).find_all(nodes.Call))
        else:
            # Only the {@ … @} expressions need parsing; much cheaper than the whole page.
            calls = []
            for match in _EXPRESSION.finditer(markdown):
                first_line = markdown.count("\n", 0, match.start())
                for call in env.env.parse(match.group(0)).find_all(nodes.Call):
                    call.lineno += first_line
                    calls.append(call)
    except TemplateSyntaxError as error:
        line = (error.lineno or 0) + first_line + offset
        raise PluginError(f"{where}:{line}: macro syntax error: {error.message}") from None
    checks = env.variables["_sitekit_checks"]
    for call in calls:
        line = call.lineno + offset
        if not isinstance(call.node, nodes.Name):
            continue
        name = call.node.name
        if name not in env.macros:
            raise PluginError(f"{where}:{line}: unknown macro '{name}' (macros: {', '.join(sorted(env.macros))})")
        check = checks.get(name)
        if not check:
            continue
        arguments = [(None, arg) for arg in call.args] + [(kw.key, kw.value) for kw in call.kwargs]
        for keyword, argument in arguments:
            if not isinstance(argument, (nodes.Const, nodes.List)):
                continue
            value = argument.as_const()
            result = check(value, keyword) if name == "command_table" else check(value)
            if result is not True:
                raise PluginError(f"{where}:{line}: {name}(): {result}")
