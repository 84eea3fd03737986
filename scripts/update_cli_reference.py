"""Write assets/cli-reference.json from the local Docker CLI's own help text.

    python3 scripts/update_cli_reference.py

`docker <command> --help` works without a daemon, so this runs anywhere the CLI is installed.
The file records every command of the CLI with its usage, aliases and flags; the tests check
every command on the site against it and never need Docker themselves.

Plugins the local CLI lacks (Docker Compose is not part of the CLI binary) are kept from
`assets/cli-reference-plugins.json`, written by hand from Docker's reference documentation.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitekit.cli_reference import parse_help, parse_command_list  # noqa: E402

OUTPUT = Path(os.environ.get("CLI_REFERENCE_OUTPUT") or ROOT / "assets" / "cli-reference.json")
PLUGINS = ROOT / "assets" / "cli-reference-plugins.json"


def docker_help(path: list[str]) -> str:
    # An empty config folder and a socket that does not exist keep the user's settings and any
    # daemon out of the result: help text is all we read.
    with tempfile.TemporaryDirectory() as config:
        env = dict(os.environ, DOCKER_CONFIG=config, DOCKER_HOST="unix:///nonexistent/docker.sock")
        env.pop("DOCKER_CONTEXT", None)
        result = subprocess.run(
            ["docker", *path, "--help"], capture_output=True, text=True, env=env, check=False
        )
    if result.returncode != 0:
        raise SystemExit(f"docker {' '.join(path)} --help failed: {result.stderr.strip()}")
    # Defaults that name the temporary config folder are written as the usual one.
    return result.stdout.replace(config, "~/.docker")


def cli_version() -> str:
    out = subprocess.run(["docker", "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Docker version ([\w.\-+]+)", out)
    if not match:
        raise SystemExit(f"cannot read the CLI version from: {out!r}")
    return match.group(1)


def main() -> None:
    top = docker_help([])
    commands: dict[str, dict] = {}
    groups: list[str] = []
    for name, _ in parse_command_list(top):
        own_help = docker_help([name])
        subcommands = parse_command_list(own_help)
        if subcommands:
            groups.append(name)
            for sub, _ in subcommands:
                commands[f"{name} {sub}"] = parse_help(docker_help([name, sub]))
        else:
            commands[name] = parse_help(own_help)
    # `docker run` and `docker ps` are aliases of `docker container run` and `docker container ls`:
    # keep one entry per command, under its management name, and let the aliases point to it.
    for name in [key for key in commands if " " not in key]:
        management = [a.removeprefix("docker ") for a in commands[name]["aliases"] if a.count(" ") == 2]
        if management and management[0] in commands:
            del commands[name]

    reference = {
        "generated_by": "scripts/update_cli_reference.py",
        "cli_version": cli_version(),
        "global_options": parse_help(top, section="Global Options")["options"],
        "groups": sorted(groups),
        "commands": dict(sorted(commands.items())),
    }
    plugins = json.loads(PLUGINS.read_text(encoding="utf-8"))
    for name, spec in plugins["commands"].items():
        reference["commands"].setdefault(name, spec)
    reference["groups"] = sorted(set(reference["groups"]) | set(plugins["groups"]))

    OUTPUT.write_text(json.dumps(reference, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(reference['commands'])} commands, "
          f"Docker CLI {reference['cli_version']}")


if __name__ == "__main__":
    main()
