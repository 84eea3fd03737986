"""Files, commits and commit times of Docker's repositories at a tag, wherever they can be read.

First match wins: a copy cached by an earlier read (DOCKER_EXPLAINED_CACHE), the local mirror
named by DOCKER_UPSTREAM_MIRROR (its README lists repository, tag and commit; `src/` holds the
archives), or the network (`git ls-remote`, a shallow, blob-less clone of the tag). The bump
(scripts/bump_docker.py) and the tests that check Docker's own strings read sources through here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from scripts import docker_toolchain

# The archive name a mirror keeps a repository's tag under, in src/.
ARCHIVES = {"docker/cli": "docker-cli-{tag}", "moby/moby": "moby-{tag}", "docker/compose": "docker-compose-{tag}",
            "docker/buildx": "docker-buildx-{tag}", "opencontainers/runc": "runc-{tag}",
            "containerd/containerd": "containerd-{tag}"}
_ROW = re.compile(r"^\|[^|]*\|\s*(?P<repo>[\w.-]+/[\w.-]+)\s*\|\s*(?P<tag>[\w.-]+)\s*\|\s*(?P<commit>[0-9a-f]{40})\s*\|")


class SourceError(docker_toolchain.ToolchainError):
    pass


def _mirror_archive(repository: str, tag: str) -> Path | None:
    mirror = docker_toolchain.mirror()
    if mirror is None or repository not in ARCHIVES:
        return None
    archive = mirror / "src" / f"{ARCHIVES[repository].format(tag=tag)}.tar.gz"
    return archive if archive.is_file() else None


@lru_cache(maxsize=None)
def tag_commit(repository: str, tag: str) -> str:
    """The full commit a tag names: from the mirror's README, or `git ls-remote`."""
    mirror = docker_toolchain.mirror()
    readme = mirror / "README.md" if mirror else None
    if readme is not None and readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            match = _ROW.match(line)
            if match and match["repo"] == repository and match["tag"] == tag:
                return match["commit"]
    if shutil.which("git") is None:
        raise SourceError(f"the commit of {repository} {tag} is in no mirror, and git is missing")
    result = subprocess.run(["git", "ls-remote", f"https://github.com/{repository}", f"refs/tags/{tag}",
                             f"refs/tags/{tag}^{{}}"], capture_output=True, text=True, timeout=120, check=False)
    lines = dict(reversed(line.split("\t")) for line in result.stdout.splitlines() if "\t" in line)
    commit = lines.get(f"refs/tags/{tag}^{{}}") or lines.get(f"refs/tags/{tag}")
    if result.returncode != 0 or not commit:
        raise SourceError(f"cannot read the commit of {repository} {tag}: "
                          f"{(result.stderr.strip().splitlines() or ['no such tag'])[-1]}")
    return commit


def _clone(repository: str, tag: str) -> Path:
    clone = docker_toolchain.cache_dir() / "src" / "clones" / f"{repository.replace('/', '+')}@{tag}"
    if not clone.exists():
        if shutil.which("git") is None:
            raise SourceError(f"no mirror of {repository} ({docker_toolchain.MIRROR_SETTING}) and no git to clone it")
        clone.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", tag, "--filter=blob:none",
                                 "--no-checkout", f"https://github.com/{repository}", str(clone)],
                                capture_output=True, text=True, timeout=300, check=False)
        if result.returncode != 0:
            shutil.rmtree(clone, ignore_errors=True)
            raise SourceError(f"no mirror of {repository} and cannot clone it at {tag}: "
                              f"{result.stderr.strip()[-200:]}")
    return clone


def files_at(repository: str, tag: str, paths: frozenset[str]) -> dict[str, str]:
    """The text of each path (that exists) in the repository at the tag."""
    cache = docker_toolchain.cache_dir() / "src" / "files" / f"{repository.replace('/', '+')}@{tag}"
    found = {path: (cache / path).read_text(encoding="utf-8") for path in paths if (cache / path).is_file()}
    wanted = set(paths) - set(found)
    if wanted:
        archive = _mirror_archive(repository, tag)
        if archive is not None:
            prefix = ARCHIVES[repository].format(tag=tag) + "/"
            with tarfile.open(archive) as tar:
                for member in tar:
                    path = member.name.removeprefix(prefix)
                    if path in wanted and member.isfile():
                        found[path] = tar.extractfile(member).read().decode("utf-8")
        else:
            clone = _clone(repository, tag)
            for path in wanted:
                shown = subprocess.run(["git", "-C", str(clone), "show", f"HEAD:{path}"], capture_output=True,
                                       text=True, check=False)
                if shown.returncode == 0:
                    found[path] = shown.stdout
        for path in wanted & set(found):
            (cache / path).parent.mkdir(parents=True, exist_ok=True)
            (cache / path).write_text(found[path], encoding="utf-8")
    return found


def commit_time(repository: str, tag: str) -> datetime:
    """When the tag's commit was made (UTC): the time GitHub's archive gives its files, or git's."""
    archive = _mirror_archive(repository, tag)
    if archive is not None:
        with tarfile.open(archive) as tar:
            return datetime.fromtimestamp(tar.next().mtime, timezone.utc)
    clone = _clone(repository, tag)
    shown = subprocess.run(["git", "-C", str(clone), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                           check=False)
    if shown.returncode != 0:
        raise SourceError(f"cannot read the commit time of {repository} {tag}")
    return datetime.fromtimestamp(int(shown.stdout.strip()), timezone.utc)
