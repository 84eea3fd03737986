"""Where a site's sources are: the one place that knows the project's layout.

`ROOT` is this repository. A build does not assume it: the macros and hooks make a `Project`
from the configuration they are handed (`Project.from_config`: the folder holding mkdocs.yml,
and its `docs_dir`), so a copy of the project builds from its own files, and tests hand a loader
a `Project` whose files they broke, in-process, without a build. Loaders take a `Project`
(default: `PROJECT`, this repository) and name files in errors relative to its root.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

# Standard library only at import time: dev.py and scripts/docker_toolchain.py take ROOT from
# here before the virtual environment exists.
ROOT = Path(__file__).resolve().parent.parent
# Everything `mkdocs build` reads: enough for a working copy of the site to break or time.
PROJECT_PARTS = ["mkdocs.yml", "mkdocs.offline.yml", "macros.py", "sitekit", "assets", "includes", "overrides", "docs",
                 "examples"]


@dataclass(frozen=True)
class Project:
    """A project's folders and data files. Every path is absolute."""

    root: Path
    docs: Path = field(default=None)  # type: ignore[assignment]  # set from root when not given

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).resolve())
        docs = Path(self.docs) if self.docs is not None else Path("docs")
        object.__setattr__(self, "docs", docs if docs.is_absolute() else self.root / docs)

    @classmethod
    def from_config(cls, config) -> "Project":
        """The project an MkDocs (`config_file_path`) or Zensical (`root_dir`) configuration builds."""
        config_file = config.get("config_file_path")
        root = Path(config_file).parent if config_file else Path(config.get("root_dir") or ROOT)
        return cls(root=root, docs=Path(config.get("docs_dir") or "docs"))

    # The data under assets/ (README's architecture table, step 1).
    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def commands(self) -> Path:
        return self.assets / "commands"

    @property
    def topics(self) -> Path:
        return self.assets / "topics.yaml"

    @property
    def reference(self) -> Path:
        return self.assets / "cli-reference.json"

    @property
    def docker_versions(self) -> Path:
        return self.assets / "docker-versions.json"

    @property
    def diagrams(self) -> Path:
        return self.assets / "diagrams"

    @property
    def questions(self) -> Path:
        return self.assets / "questions"

    @property
    def troubleshooting(self) -> Path:
        return self.assets / "troubleshooting.yaml"

    @property
    def error_strings(self) -> Path:
        return self.assets / "docker-error-strings.tsv"

    @property
    def deprecations(self) -> Path:
        return self.assets / "deprecations.yaml"

    @property
    def explain_settings(self) -> Path:
        return self.assets / "explain.yaml"

    @property
    def abbreviations(self) -> Path:
        return self.root / "includes" / "abbreviations.md"

    def pages(self) -> list[Path]:
        """Every page under docs/ (top level: the site has no sub-folders of pages)."""
        return sorted(self.docs.glob("*.md"))

    def chapters(self) -> set[str]:
        """The stems of the pages: what a catalog entry's `chapter` or a link's `page` may name."""
        return {path.stem for path in self.pages()}

    def shown(self, path: Path) -> str:
        """A path as errors name it: relative to the project's root when it is inside."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


PROJECT = Project(ROOT)


def copy_project(target: Path, parts: list[str] = PROJECT_PARTS) -> Path:
    """Copy the site's sources (or some of its parts) into target (which must not exist yet)."""
    target.mkdir()
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    return target


def nav_entries(nav) -> list[tuple[str | None, str]]:
    """(title, file) for every page of an MkDocs `nav:` in reading order; title is None when the
    nav names only the file. For tools outside a build; a build reads MkDocs' own navigation."""
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
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def nav_files(config: dict | None = None) -> list[str]:
    """The navigation's page files in reading order, read from mkdocs.yml."""
    return [file for _, file in nav_entries((config or read_mkdocs_config())["nav"])]
