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

# Text the build reads besides docs/: data, includes and the example files pages include.
TEXT_FOLDERS = ("assets", "includes", "examples")
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".json", ".svg", ".py", ".sh", ".txt", ".css", ".html", ".toml",
                 ".Dockerfile", ""}


def _check_utf8(path: Path, shown: str) -> None:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise PluginError(f"{shown}:{line}: not UTF-8 text ({error.reason} at byte {error.start})") from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = Path(config.config_file_path).parent
    for file in files.documentation_pages():
        _check_utf8(Path(file.abs_src_path), f"{Path(config.docs_dir).name}/{file.src_path}")
    for folder in TEXT_FOLDERS:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
                _check_utf8(path, str(path.relative_to(project)))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*.html")):
            try:
                env.parse(path.read_text(encoding="utf-8"))
            except TemplateSyntaxError as error:
                shown = path.relative_to(Path(config.config_file_path).parent)
                raise PluginError(f"{shown}:{error.lineno}: template syntax error: {error.message}") from None
            except UnicodeDecodeError as error:
                raise PluginError(f"{path.name}: not UTF-8 text ({error.reason})") from None
    return env
