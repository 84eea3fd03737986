"""The project's layout, shared by the build hooks, the macros, the tests and the benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Everything `mkdocs build` reads: enough for a working copy of the site to break or time.
PROJECT_PARTS = ["mkdocs.yml", "mkdocs.offline.yml", "macros.py", "sitekit", "assets", "includes", "overrides", "docs",
                 "examples"]


def copy_project(target: Path) -> Path:
    """Copy the site's sources into target (which must not exist yet) and return it."""
    target.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def nav_entries(nav) -> list[tuple[str | None, str]]:
    """(title, file) for every page of an MkDocs `nav:` in reading order; title is None when the
    nav names only the file."""
    entries: list[tuple[str | None, str]] = []
    for item in nav or []:
        if isinstance(item, str):
            entries.append((None, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    entries.extend(nav_entries(value))
                elif isinstance(value, str):
                    entries.append((title, value))
    return entries


def read_mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as plain data, for tools that read settings (its !ENV and Python tags become None)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
