"""The facts of the Docker release pages show (assets/docker-versions.json, written by
scripts/docker_facts.py from Docker's sources), as `{@ versions.NAME @}` values."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from sitekit.data_files import DataFileError, shown, stamp
from sitekit.project import PROJECT

FACTS_FILE = PROJECT.docker_versions


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Component(_Strict):
    version: str
    commit: str


class Cli(Component):
    built: str  # the tag's commit time, as `docker version` prints a build time


class Engine(Component):
    api: str
    min_api: str  # the default minimum
    lowest_api: str  # how far DOCKER_MIN_API_VERSION can lower it
    go: str


class Facts(_Strict):
    generated_by: str
    cli: Cli
    engine: Engine
    containerd: Component
    runc: Component
    tini: Component


def load_facts(path: Path = FACTS_FILE) -> Facts:
    """The facts, read again only when the file changes (a Docker bump under `mkdocs serve`)."""
    return _load_facts(stamp(path) or (str(path),))


@lru_cache(maxsize=4)
def _load_facts(key: tuple) -> Facts:
    path = Path(key[0])
    try:
        return Facts.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        if isinstance(error, ValidationError):
            first = error.errors()[0]
            detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        elif isinstance(error, OSError):
            detail = f"cannot read it: {error.strerror}"
        else:
            detail = str(error).splitlines()[0]
        raise DataFileError(f"{shown(path)}: {detail} (regenerate it: .venv/bin/python -m scripts.docker_facts)") from None


def page_values(path: Path = FACTS_FILE) -> dict[str, str]:
    """What pages write as `{@ versions.NAME @}`, spelled as `docker version` prints each."""
    facts = load_facts(path)
    runc = facts.runc
    return {
        "cli_commit": facts.cli.commit[:7], "built": facts.cli.built,
        "engine_commit": facts.engine.commit[:7], "api": facts.engine.api, "min_api": facts.engine.min_api,
        "lowest_api": facts.engine.lowest_api,
        "go": facts.engine.go, "containerd": facts.containerd.version, "containerd_commit": facts.containerd.commit,
        "runc": runc.version, "runc_commit": f"v{runc.version}-0-g{runc.commit[:7]}",
        "tini": facts.tini.version, "tini_commit": facts.tini.commit[:7],
    }
