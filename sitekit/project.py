"""The project's layout, shared by the build hooks, the macros, the tests and the benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Everything `mkdocs build` reads: enough for a working copy of the site to break or time.
PROJECT_PARTS = ["mkdocs.yml", "macros.py", "sitekit", "assets", "includes", "overrides", "docs", "examples"]


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
