#!/usr/bin/env python3
"""Write assets/cli-reference.json from Docker's own sources, recording each source's version and commit.

    python3 scripts/update_cli_reference.py                 # the versions the file records now
    python3 scripts/update_cli_reference.py --cli v29.8.0 --buildx v0.37.0 --compose v5.6.0
    python3 scripts/update_cli_reference.py --check         # exit 1 if the file is not up to date

What is read:
- Docker CLI and Buildx: the real `docker` of that version with its Buildx plugin, `docker … --help`
  for every command (no daemon needed). With Buildx installed, as on Docker Desktop and Docker's
  packages, `docker build`, `docker image build` and `docker builder …` are Buildx's commands, so
  that is what the file records. Binaries come from scripts/docker_toolchain.py.
- Docker Compose: its generated reference, `docs/reference/docker_compose*.yaml` of the tag (the
  plugin cannot be built offline, and the YAML is what docs.docker.com is made from).
- Provenance: each repository's tag and commit, from a local mirror of Docker's sources (the
  DOCKER_UPSTREAM_MIRROR setting: a folder whose README.md lists folder, repository, tag and
  commit in a table) or from a shallow clone of the tag (git, network). `--source NAME=PATH`
  names a checkout of your own (a git clone of the tag).

Regenerating from the same sources gives the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import docker_toolchain  # noqa: E402
from sitekit.cli_help import parse_command_list, parse_compose_yaml, parse_help  # noqa: E402
from sitekit.project import ROOT  # noqa: E402

OUTPUT = ROOT / "assets" / "cli-reference.json"


@dataclass(frozen=True)
class Project:
    name: str  # the key under "sources" in the reference
    repository: str
    mirror_folder: str
    documents: str  # what of the checkout is read


PROJECTS = (
    Project("docker-cli", "docker/cli", "docker-cli", "`docker … --help` of the CLI built from this tag"),
    Project("buildx", "docker/buildx", "docker-buildx", "`docker buildx … --help` of the plugin built from this tag"),
    Project("compose", "docker/compose", "docker-compose", "docs/reference/docker_compose*.yaml"),
)

# Docker Desktop ships CLI plugins whose sources are not public, so no generated reference exists
# to check them against. Pages may show them bare and must say they come with Docker Desktop.
DESKTOP_COMMANDS = {
    "init": {"description": "Create Docker-related starter files for your project (Docker Desktop)",
             "documentation": "https://docs.docker.com/reference/cli/docker/init/"},
}


class SourceError(Exception):
    """A source cannot be had or does not match. str() is one line."""


@dataclass(frozen=True)
class Checkout:
    project: Project
    tag: str
    commit: str
    root: Path

    def record(self) -> dict:
        return {"repository": self.project.repository, "version": self.tag, "commit": self.commit,
                "read": self.project.documents}


# ---------------------------------------------------------------------------------------- sources

_MIRROR_ROW = re.compile(r"^\|\s*`(?P<folder>[\w.-]+)/[^`]*`\s*\|\s*(?P<repo>[\w.-]+/[\w.-]+)\s*\|\s*"
                         r"(?P<tag>v[\w.-]+)\s*\|\s*(?P<commit>[0-9a-f]{40})\s*\|")


def from_mirror(mirror: Path, project: Project, tag: str) -> Checkout | None:
    readme = mirror / "README.md"
    if not readme.is_file():
        raise SourceError(f"{readme} is missing: a mirror lists its folders, tags and commits there")
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = _MIRROR_ROW.match(line)
        if match and match["folder"] == project.mirror_folder and match["repo"] == project.repository:
            if match["tag"] != tag:
                return None
            return Checkout(project, tag, match["commit"], mirror / project.mirror_folder)
    return None


def _cached(project: Project, tag: str, cache: Path) -> Path:
    return cache / "src" / f"{project.mirror_folder}-{tag}"


def from_cache(project: Project, tag: str, cache: Path) -> Checkout | None:
    """A copy kept from an earlier mirror read or clone: the tag's docs/reference and its commit."""
    target = _cached(project, tag, cache)
    commit = target / "COMMIT"
    if not commit.is_file():
        return None
    return Checkout(project, tag, commit.read_text(encoding="utf-8").strip(), target)


def keep(checkout: Checkout, cache: Path) -> Checkout:
    """Copy what is read of a checkout into the cache, so later runs need neither mirror nor network."""
    target = _cached(checkout.project, checkout.tag, cache)
    kept = from_cache(checkout.project, checkout.tag, cache)
    if checkout.root != target and (kept is None or kept.commit != checkout.commit):
        # Made aside and renamed into place: other processes (a test worker, a second checkout)
        # read and fill the same cache at the same time.
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
        shutil.copytree(checkout.root / "docs" / "reference", fresh / "docs" / "reference")
        (fresh / "COMMIT").write_text(checkout.commit + "\n", encoding="utf-8")
        stale = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-stale-"))
        try:
            if target.exists():
                target.rename(stale / "old")
            fresh.rename(target)
        except OSError:
            pass  # another process put its copy there first: the same files
        shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)
    return Checkout(checkout.project, checkout.tag, checkout.commit, target)


def from_clone(project: Project, tag: str, cache: Path) -> Checkout:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"https://github.com/{project.repository}"
        result = subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", tag, "--filter=blob:none",
                                 "--sparse", url, tmp], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SourceError(f"cannot clone {url} at {tag} ({' '.join(result.stderr.split()[-8:])}); "
                              f"set {docker_toolchain.MIRROR_SETTING} to a local mirror instead")
        subprocess.run(["git", "-C", tmp, "sparse-checkout", "set", "docs/reference"], check=True,
                       capture_output=True)
        return keep(from_path(project, tag, Path(tmp)), cache)


def from_path(project: Project, tag: str, path: Path) -> Checkout:
    result = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise SourceError(f"{path} is not a git checkout, so its commit is unknown")
    return Checkout(project, tag, result.stdout.strip(), path)


def checkouts(tags: dict[str, str], paths: dict[str, Path]) -> dict[str, Checkout]:
    """Each project's documentation at its tag: a path given, the mirror, the cache, or a clone."""
    mirror = docker_toolchain.mirror()
    cache = docker_toolchain.cache_dir()
    found: dict[str, Checkout] = {}
    for project in PROJECTS:
        tag = tags[project.name]
        if project.name in paths:
            found[project.name] = from_path(project, tag, paths[project.name])
            continue
        in_mirror = from_mirror(mirror, project, tag) if mirror else None
        found[project.name] = (keep(in_mirror, cache) if in_mirror else None) or from_cache(project, tag, cache) \
            or from_clone(project, tag, cache)
    return found


# ------------------------------------------------------------------------------- the real CLI

class HelpReader:
    """`docker … --help` of one CLI, with a config folder of its own so nothing of the user's leaks in."""

    def __init__(self, cli: docker_toolchain.Cli, config: Path):
        self.cli = cli
        self.config = config
        (config / "config.json").write_text((cli.config / "config.json").read_text(encoding="utf-8"),
                                            encoding="utf-8")

    def __call__(self, path: list[str]) -> str:
        result = subprocess.run([str(self.cli.docker), *path, "--help"], capture_output=True, text=True,
                                env=self.cli.env(DOCKER_CONFIG=str(self.config)), check=False)
        if result.returncode != 0:
            raise SourceError(f"docker {' '.join(path)} --help failed: {result.stderr.strip()}")
        # Defaults that name the temporary config folder are written as the usual one.
        return result.stdout.replace(str(self.config), "~/.docker")


def _usage_words(spec: dict) -> str:
    words = []
    for word in spec["usage"][0].split()[1:]:
        if not re.fullmatch(r"[a-z][\w-]*", word):
            break
        words.append(word)
    return " ".join(words)


def _canonical(spec: dict, groups: set[str]) -> str:
    """The command's own name: `container run` for `docker run`, `buildx build` for `docker build`."""
    own = _usage_words(spec)
    if " " in own:
        return own
    for alias in spec["aliases"]:
        words = alias.removeprefix("docker ").split()
        if len(words) > 1 and words[0] in groups:
            return " ".join(words)
    return own


def read_cli(help_text) -> dict:
    """Every command the CLI lists, walked from `docker --help` down, keyed by its own name."""
    top = help_text([])
    commands: dict[str, dict] = {}
    groups: dict[str, str] = {}  # spelling -> the group it is (`builder` is Buildx's `buildx`)
    pending = [[name] for name in parse_command_list(top) if name != "compose"]  # Compose: from its YAML
    seen_groups: set[str] = set()
    while pending:
        path = pending.pop(0)
        text = help_text(path)
        subcommands = parse_command_list(text)
        spec = parse_help(text)
        if subcommands:
            own = _usage_words(spec)
            groups[" ".join(path)] = own
            if own not in seen_groups:
                seen_groups.add(own)
                pending.extend([*own.split(), sub] for sub in subcommands)
            if spec["usage"][0].split()[-1] == "COMMAND":
                continue
        commands.setdefault(" ".join(path), spec)
    group_names = set(groups.values())
    by_key: dict[str, dict] = {}
    for spelled, spec in commands.items():
        key = _canonical(spec, group_names)
        spec["aliases"] = sorted({*spec["aliases"], f"docker {spelled}", f"docker {key}"} - {f"docker {key}"})
        if key in by_key:
            aliases = sorted(set(by_key[key]["aliases"]) | set(spec["aliases"]))
            # The help of the command's own spelling wins: its usage line names it as the key does.
            by_key[key] = {**(spec if spelled == key else by_key[key]), "aliases": aliases}
        else:
            by_key[key] = spec
    return {
        "global_options": parse_help(top, section="Global Options")["options"],
        "groups": {spelling: own for spelling, own in sorted(groups.items())},
        "commands": by_key,
    }


def check_versions(cli: docker_toolchain.Cli, tags: dict[str, str]) -> None:
    env = cli.env()
    version = subprocess.run([str(cli.docker), "--version"], capture_output=True, text=True, env=env).stdout
    if f"version {tags['docker-cli'].removeprefix('v')}," not in version:
        raise SourceError(f"{cli.docker} is not CLI {tags['docker-cli']}: {version.strip()}")
    buildx = subprocess.run([str(cli.docker), "buildx", "version"], capture_output=True, text=True, env=env).stdout
    if f" {tags['buildx']} " not in f" {buildx} ":
        raise SourceError(f"the Buildx plugin is not {tags['buildx']}: {buildx.strip() or 'not found'}")


# ---------------------------------------------------------------------------------------- Compose

def read_compose(checkout: Checkout) -> dict:
    folder = checkout.root / "docs" / "reference"
    if not (folder / "docker_compose.yaml").is_file():
        raise SourceError(f"{folder} has no docker_compose.yaml")

    def load(name: str) -> dict:
        return yaml.safe_load((folder / name).read_text(encoding="utf-8"))

    root = load("docker_compose.yaml")
    commands: dict[str, dict] = {}
    groups: dict[str, str] = {"compose": "compose"}
    pending = list(zip(root.get("cname", []), root.get("clink", [])))
    while pending:
        name, link = pending.pop(0)
        document = load(link)
        if document.get("hidden"):
            continue
        key = name.removeprefix("docker ")
        if document.get("cname"):
            groups[key] = key
            pending.extend(zip(document["cname"], document["clink"]))
            if not document.get("options") and "[" not in str(document.get("usage", "")):
                continue
        spec = parse_compose_yaml(document)
        spec["aliases"] = sorted(set(spec["aliases"]) - {f"docker {key}"})
        commands[key] = spec
    return {"group_options": parse_compose_yaml(root)["options"], "groups": groups, "commands": commands}


# ----------------------------------------------------------------------------------------- output

def build_reference(checked: dict[str, Checkout], help_text) -> dict:
    cli = read_cli(help_text)
    compose = read_compose(checked["compose"])
    commands: dict[str, dict] = {}
    for key, spec in cli["commands"].items():
        source = "buildx" if key.split()[0] == "buildx" else "docker-cli"
        commands[key] = {**spec, "source": source}
    for key, spec in compose["commands"].items():
        commands[key] = {**spec, "source": "compose"}
    return {
        "generated_by": "scripts/update_cli_reference.py",
        "sources": {name: checkout.record() for name, checkout in checked.items()},
        "global_options": cli["global_options"],
        "group_options": {"compose": compose["group_options"]},
        "groups": dict(sorted({**cli["groups"], **compose["groups"]}.items())),
        "desktop_commands": DESKTOP_COMMANDS,
        "commands": dict(sorted(commands.items())),
    }


def render(reference: dict) -> str:
    return json.dumps(reference, indent=1, ensure_ascii=False) + "\n"


def generate(tags: dict[str, str], paths: dict[str, Path] | None = None,
             cli: docker_toolchain.Cli | None = None) -> str:
    """The reference file's text for these tags, from the sources and the real CLI."""
    checked = checkouts(tags, paths or {})
    versions = docker_toolchain.Versions(cli=tags["docker-cli"].removeprefix("v"),
                                         buildx=tags["buildx"].removeprefix("v"),
                                         compose=tags["compose"].removeprefix("v"))
    cli = cli or docker_toolchain.ensure_cli(versions)
    check_versions(cli, tags)
    with tempfile.TemporaryDirectory(prefix="docker-config-") as config:
        return render(build_reference(checked, HelpReader(cli, Path(config))))


def recorded_tags(path: Path = OUTPUT) -> dict[str, str]:
    if not path.exists():
        return {}
    sources = json.loads(path.read_text(encoding="utf-8")).get("sources", {})
    return {name: source["version"] for name, source in sources.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", help="docker/cli tag, e.g. v29.7.2 (default: the one the file records)")
    parser.add_argument("--buildx", help="docker/buildx tag, e.g. v0.36.1")
    parser.add_argument("--compose", help="docker/compose tag, e.g. v5.5.0")
    parser.add_argument("--source", action="append", default=[], metavar="NAME=PATH",
                        help="a git checkout of the tag for docker-cli, buildx or compose")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file would change")
    args = parser.parse_args()
    tags = recorded_tags(args.output)
    for name, value in (("docker-cli", args.cli), ("buildx", args.buildx), ("compose", args.compose)):
        if value:
            tags[name] = value if value.startswith("v") else f"v{value}"
    missing = [p.name for p in PROJECTS if p.name not in tags]
    if missing:
        sys.exit(f"update_cli_reference: give the tags of {', '.join(missing)}")
    paths = {}
    for item in args.source:
        name, _, path = item.partition("=")
        paths[name] = Path(path)
    try:
        text = generate(tags, paths)
    except (SourceError, docker_toolchain.ToolchainError) as error:
        sys.exit(f"update_cli_reference: {error}")
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            sys.exit(f"{args.output} is not what the sources give: run scripts/update_cli_reference.py")
        print(f"{args.output} is up to date")
        return
    args.output.write_text(text, encoding="utf-8")
    reference = json.loads(text)
    print(f"wrote {args.output}: {len(reference['commands'])} commands from "
          + ", ".join(f"{s['repository']} {s['version']}" for s in reference["sources"].values()))


if __name__ == "__main__":
    main()
