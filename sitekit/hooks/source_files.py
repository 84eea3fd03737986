"""MkDocs hook: every source file can be read, checked before anything reads it.

A page, include, data file or example that is not UTF-8, or a theme template with a syntax
error, would otherwise stop the build with a traceback from whichever reader met it first.
Here each is one line naming the file (and the line).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from sitekit.data_files import DataFileError, read_text
from sitekit.project import Project

# Text the build reads besides docs/: data, includes and the example files pages include.
TEXT_FOLDERS = ("assets", "includes", "examples")
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".json", ".svg", ".py", ".sh", ".txt", ".css", ".html", ".toml",
                 ".Dockerfile", ""}


def check_text_files(project: Project, pages: list[Path]) -> None:
    """Every page and every text file the build reads besides them is UTF-8; raises DataFileError
    naming the first file and line that is not."""
    for path in pages:
        read_text(path, project)
    for folder in TEXT_FOLDERS:
        for path in sorted((project.root / folder).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
                read_text(path, project)


def check_templates(env: Environment, custom_dir: Path, project: Project) -> None:
    """Every template of the theme's custom_dir parses; raises DataFileError naming file and line."""
    for path in sorted(custom_dir.rglob("*.html")):
        try:
            env.parse(read_text(path, project))
        except TemplateSyntaxError as error:
            raise DataFileError(f"{project.shown(path)}:{error.lineno}: template syntax error: {error.message}") from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        check_text_files(Project.from_config(config), [Path(f.abs_src_path) for f in files.documentation_pages()])
    except DataFileError as error:
        raise PluginError(str(error)) from None
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if config.theme.custom_dir:
        try:
            check_templates(env, Path(config.theme.custom_dir), Project.from_config(config))
        except DataFileError as error:
            raise PluginError(str(error)) from None
    return env
