#!/usr/bin/env python3
"""Write assets/docker-versions.json: the facts of a Docker release that pages show.

    .venv/bin/python -m scripts.docker_facts            # for the versions cli-reference.json records
    .venv/bin/python -m scripts.docker_facts --check    # exit 1 if the file is not what the sources say

Everything is read from Docker's sources at the release's tags (scripts/docker_sources.py: the
mirror, a cache, or the network), never typed by hand: the CLI's and the Engine's commits and
commit times, the Engine's API versions (daemon/config/config.go), and the Go, containerd, runc
and tini (docker-init) versions moby's Dockerfile builds the release with, with their commits.
Pages show them with `{@ versions.NAME @}` (sitekit reads this file); the bump
(scripts/bump_docker.py) regenerates it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from scripts import docker_sources, docker_toolchain
from sitekit.project import ROOT

OUTPUT = ROOT / "assets" / "docker-versions.json"


def _one(pattern: str, text: str, where: str) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise docker_sources.SourceError(f"{where}: no match for {pattern!r}; has the source moved?")
    return match.group(1)


def _go_time(moment) -> str:
    """A time as `docker version` prints it (Go's time.ANSIC layout)."""
    return moment.strftime("%a %b ") + f"{moment.day:>2}" + moment.strftime(" %H:%M:%S %Y")


def read_facts(cli_version: str, previous: dict | None = None) -> dict:
    moby_tag, cli_tag = f"docker-v{cli_version}", f"v{cli_version}"
    files = docker_sources.files_at("moby/moby", moby_tag, frozenset({"Dockerfile", "daemon/config/config.go"}))
    dockerfile, config = files["Dockerfile"], files["daemon/config/config.go"]
    component = {name: _one(rf"^ARG {name.upper()}_VERSION=v?([\d.]+)$", dockerfile, "moby Dockerfile")
                 for name in ("containerd", "runc", "tini")}
    facts = {
        "generated_by": "scripts/docker_facts.py",
        "cli": {"version": cli_version, "commit": docker_sources.tag_commit("docker/cli", cli_tag),
                "built": _go_time(docker_sources.commit_time("docker/cli", cli_tag))},
        "engine": {"version": cli_version, "commit": docker_sources.tag_commit("moby/moby", moby_tag),
                   "api": _one(r'^\s*MaxAPIVersion\s*=\s*"([\d.]+)"', config, "daemon/config/config.go"),
                   "min_api": _one(r'^\s*defaultMinAPIVersion\s*=\s*"([\d.]+)"', config, "daemon/config/config.go"),
                   "lowest_api": _one(r'^\s*MinAPIVersion\s*=\s*"([\d.]+)"', config, "daemon/config/config.go"),
                   "go": _one(r"^ARG GO_VERSION=([\d.]+)$", dockerfile, "moby Dockerfile")},
    }
    repositories = {"containerd": "containerd/containerd", "runc": "opencontainers/runc", "tini": "krallin/tini"}
    for name, version in component.items():
        old = (previous or {}).get(name, {})
        try:
            commit = docker_sources.tag_commit(repositories[name], f"v{version}")
        except docker_sources.SourceError:
            # tini is in no mirror; its version has not changed in years, so an offline bump keeps
            # the commit read earlier, and only a new version needs the network.
            if old.get("version") != version:
                raise
            commit = old["commit"]
        facts[name] = {"version": version, "commit": commit}
    return facts


def render(facts: dict) -> str:
    return json.dumps(facts, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.docker_facts", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    args = parser.parse_args(argv)
    previous = json.loads(OUTPUT.read_text(encoding="utf-8")) if OUTPUT.is_file() else None
    try:
        facts = read_facts(docker_toolchain.recorded_versions().cli, previous)
    except docker_toolchain.ToolchainError as error:
        print(f"docker_facts: {error}", file=sys.stderr)
        return 2
    text = render(facts)
    if args.check:
        if OUTPUT.is_file() and OUTPUT.read_text(encoding="utf-8") == text:
            return 0
        print(f"docker_facts: {OUTPUT.relative_to(ROOT)} is not what the sources say; run "
              "python3 scripts/bump_docker.py", file=sys.stderr)
        return 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
