"""Entry point of mkdocs-macros, and of Zensical's macros: registers the site's macros from sitekit.

Pages call macros with `{@ … @}` (see mkdocs.yml), so `{{ … }}` always renders literally. Each
macro carries its own check (sitekit/site_macros.py). MkDocs also runs `on_pre_page_macros`,
which checks every call before the page renders so an error names the page and its line;
Zensical calls `define_env` for every page and has no such hook, so there the macros check their
arguments as they render. The data comes from the project this configuration builds
(sitekit/project.py), never from where this file happens to be.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:
    # Zensical does not put the project folder on the import path
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitekit.cli_reference import load_reference  # noqa: E402
from sitekit.data_files import DataFileError, read_text  # noqa: E402
from sitekit.docker_versions import page_values  # noqa: E402
from sitekit.project import Project  # noqa: E402
from sitekit.site_macros import MacroError, PageInBuild, macros_for, page_problem  # noqa: E402

try:
    from mkdocs.exceptions import PluginError as BuildError
except ImportError:  # Zensical, without MkDocs installed
    BuildError = RuntimeError


def _source_path(page) -> str | None:
    """The page's path under docs/: MkDocs pages have `file.src_path`, Zensical's have `path`."""
    file = getattr(page, "file", None)
    return file.src_path if file is not None else getattr(page, "path", None)


def define_env(env):
    project = Project.from_config(env.conf)

    def current_page() -> PageInBuild:
        page = env.variables.get("page") or env.page
        path = _source_path(page)
        # MkDocs hands macros a shallow copy of the page: its `meta` is the page's own.
        return PageInBuild(chapter=Path(path).stem if path else None, meta=page.meta)

    def read_page(stem: str) -> str | None:
        # MkDocs' Files, from its on_nav on; Zensical's `files` is something else
        find = getattr(env.variables.get("files"), "get_file_from_path", None)
        if find is not None:
            file = find(f"{stem}.md")
            return file.content_string if file is not None else None
        path = project.docs / f"{stem}.md"
        return read_text(path, project) if path.is_file() else None

    try:
        macros = macros_for(project, current_page, read_page)
    except MacroError as error:
        raise BuildError(str(error)) from None
    for name, macro in macros.items():
        env.macro(macro, name)
    # {@ versions.cli @}, {@ versions.engine @}, {@ versions.buildx @}, {@ versions.compose @}: the
    # versions the CLI reference was generated from; {@ versions.api @}, {@ versions.runc @} and the
    # other facts of that release (sitekit/docker_versions.py). Pages never type them by hand.
    try:
        env.variables["versions"] = {**load_reference(project.reference).versions,
                                     **page_values(project.docker_versions)}
    except DataFileError as error:
        raise BuildError(str(error)) from None


def on_pre_page_macros(env):
    """MkDocs only: check every macro call on the page, so a bad one is one line naming page and line."""
    page = env.page
    where = f"{Path(env.conf['docs_dir']).name}/{page.file.src_path}"
    macros = {name: macro for name, macro in env.macros.items() if hasattr(macro, "check")}
    problem = page_problem(env.env, where, page.file.content_string, env.markdown, macros, set(env.macros))
    if problem:
        raise BuildError(problem)


_LEFTOVER = re.compile(r"\{@[%#]?|[%#]?@\}")


def on_post_page_macros(env):
    """MkDocs only: after rendering, no macro delimiter may be left on the page."""
    leftover = _LEFTOVER.search(env.markdown)
    if leftover:
        where = f"{Path(env.conf['docs_dir']).name}/{env.page.file.src_path}"
        raise BuildError(f"{where}: a macro delimiter '{leftover.group(0)}' was left unrendered")
