"""Entry point of mkdocs-macros, and of Zensical's macros: registers the site's macros from sitekit.

Pages call macros with `{@ … @}` (see mkdocs.yml), so `{{ … }}` always renders literally. Each
macro carries its own check (sitekit/site_macros.py). MkDocs also runs `on_pre_page_macros`,
which checks every call before the page renders so an error names the page and its line;
Zensical calls `define_env` for every page and has no such hook, so there the macros check their
arguments as they render.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # Zensical does not put the project folder on the import path

from sitekit.cli_reference import load_reference  # noqa: E402
from sitekit.data_files import DataFileError  # noqa: E402
from sitekit.docker_versions import page_values  # noqa: E402
from sitekit.site_macros import MacroError, check_calls, macros_for  # noqa: E402

try:
    from mkdocs.exceptions import PluginError as BuildError
except ImportError:  # Zensical, without MkDocs installed
    BuildError = RuntimeError


def _docs_dir(conf) -> Path:
    docs_dir = Path(conf["docs_dir"])
    return docs_dir if docs_dir.is_absolute() else Path(conf.get("root_dir") or ROOT) / docs_dir


def _source_path(page) -> str | None:
    """The page's path under docs/: MkDocs pages have `file.src_path`, Zensical's have `path`."""
    file = getattr(page, "file", None)
    return file.src_path if file is not None else getattr(page, "path", None)


def define_env(env):
    def current_chapter() -> str | None:
        path = _source_path(env.variables.get("page") or env.page)
        return Path(path).stem if path else None

    try:
        macros = macros_for(_docs_dir(env.conf), current_chapter)
    except MacroError as error:
        raise BuildError(str(error)) from None
    for name, macro in macros.items():
        env.macro(macro, name)
    # {@ versions.cli @}, {@ versions.engine @}, {@ versions.buildx @}, {@ versions.compose @}: the
    # versions the CLI reference was generated from; {@ versions.api @}, {@ versions.runc @} and the
    # other facts of that release (sitekit/docker_versions.py). Pages never type them by hand.
    try:
        env.variables["versions"] = {**load_reference().versions, **page_values()}
    except DataFileError as error:
        raise BuildError(str(error)) from None


def on_pre_page_macros(env):
    """MkDocs only: check every macro call on the page, so a bad one is one line naming page and line."""
    page = env.page
    where = f"{_docs_dir(env.conf).name}/{page.file.src_path}"
    source = page.file.content_string
    # MkDocs hands over the page without its front matter; count those lines back in.
    offset = source[: len(source) - len(env.markdown)].count("\n") if source.endswith(env.markdown) else 0
    macros = {name: macro for name, macro in env.macros.items() if hasattr(macro, "check")}
    problem = check_calls(env.env, env.markdown, macros, set(env.macros))
    if problem:
        line, message = problem
        raise BuildError(f"{where}:{line + offset}: {message}")


_LEFTOVER = re.compile(r"\{@[%#]?|[%#]?@\}")


def on_post_page_macros(env):
    """MkDocs only: after rendering, no macro delimiter may be left on the page."""
    leftover = _LEFTOVER.search(env.markdown)
    if leftover:
        where = f"{_docs_dir(env.conf).name}/{env.page.file.src_path}"
        raise BuildError(f"{where}: a macro delimiter '{leftover.group(0)}' was left unrendered")
