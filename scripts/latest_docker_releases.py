#!/usr/bin/env python3
"""Print the newest release tag of Docker CLI, Buildx and Compose, as `name=tag` lines.

    python3 scripts/latest_docker_releases.py >> "$GITHUB_OUTPUT"

Reads the tags with `git ls-remote` (no API token, no rate limit) and keeps final releases only
(vX.Y.Z: no -rc, -beta or other suffix), compared as numbers. The names are the keys of
"sources" in assets/cli-reference.json, which scripts/update_cli_reference.py takes as
--cli, --buildx and --compose.
"""

from __future__ import annotations

import re
import subprocess
import sys

REPOSITORIES = {"docker-cli": "docker/cli", "buildx": "docker/buildx", "compose": "docker/compose"}
RELEASE = re.compile(r"refs/tags/(v(\d+)\.(\d+)\.(\d+))$")


def release_version(tag: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) of a final release tag such as v29.7.2, compared as numbers; None for
    anything else (v30.0.0-rc.1, a branch)."""
    match = RELEASE.search(f"refs/tags/{tag}")
    return tuple(map(int, match.groups()[1:])) if match else None


def newest(tags_output: str) -> str:
    releases = [(release_version(m.group(1)), m.group(1))
                for m in map(RELEASE.search, tags_output.splitlines()) if m]
    if not releases:
        raise ValueError("no release tags")
    return max(releases)[1]


def main() -> None:
    for name, repository in REPOSITORIES.items():
        result = subprocess.run(["git", "ls-remote", "--tags", "--refs", f"https://github.com/{repository}", "v*"],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.exit(f"latest_docker_releases: cannot list the tags of {repository}: {result.stderr.strip()}")
        print(f"{name}={newest(result.stdout)}")


if __name__ == "__main__":
    main()
