"""A Docker bump is one command (scripts/bump_docker.py): the release's facts are what Docker's
sources say, the Compose pins install the recorded Compose and refuse any other file, and the
error strings move to the new tag's lines or are reported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from scripts import bump_docker, compose_plugin, docker_facts, docker_sources, docker_toolchain
from tooling import missing

ROOT = Path(__file__).resolve().parent.parent


def test_the_release_facts_are_what_the_sources_say():
    committed = json.loads(docker_facts.OUTPUT.read_text(encoding="utf-8"))
    try:
        facts = docker_facts.read_facts(docker_toolchain.recorded_versions().cli, committed)
    except docker_sources.SourceError as error:
        missing(str(error))
    assert docker_facts.render(facts) == docker_facts.OUTPUT.read_text(encoding="utf-8"), \
        "assets/docker-versions.json is stale: run python3 -m scripts.docker_facts"


def test_the_compose_pins_install_the_recorded_compose():
    assert compose_plugin.pinned_version() == docker_toolchain.recorded_versions().compose
    try:
        binary = compose_plugin.ensure_compose()
    except docker_toolchain.ToolchainError as error:
        missing(f"no Compose plugin: {error}")
    shown = subprocess.run([str(binary), "version", "--short"], capture_output=True, text=True, check=True)
    assert shown.stdout.strip().removeprefix("v") == docker_toolchain.recorded_versions().compose


def test_a_wheel_whose_hash_is_not_pinned_is_refused(tmp_path, monkeypatch):
    pins = tmp_path / "compose-plugin.txt"
    text = compose_plugin.PINS.read_text(encoding="utf-8")
    pins.write_text(text.split("--hash")[0] + "--hash=sha256:" + "0" * 64 + "\n", encoding="utf-8")
    monkeypatch.setenv("DOCKER_EXPLAINED_CACHE", str(tmp_path / "cache"))
    with pytest.raises(compose_plugin.ComposeError, match="pip could not get the Compose"):
        compose_plugin.ensure_compose(pins)
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").rglob("docker-compose"))


def test_error_strings_move_to_the_line_of_the_new_tag(tmp_path, monkeypatch):
    table = tmp_path / "strings.tsv"
    table.write_text("# comment\nsource\tfile:line\tGo format string\n"
                     "docker/cli@v1.0.0\tcli/a.go:3\tno such thing: %s\n"
                     "docker/cli@v1.0.0\tcli/a.go:4\tgone: %w\n"
                     "docker/compose@v0.9.0\tpkg/b.go:7\tpinned on purpose\n", encoding="utf-8")
    source = 'package a\n\nfunc f() {\n\t// moved down by one line\n\treturn fmt.Errorf("no such thing: %s", x)\n}\n'
    monkeypatch.setattr(docker_sources, "files_at", lambda repository, tag, paths: {"cli/a.go": source})
    problems = bump_docker.relocate_strings({"docker/cli": "v1.0.0", "docker/compose": "v1.0.0"},
                                            {"docker/cli": "v2.0.0", "docker/compose": "v2.0.0"}, table)
    rows = table.read_text(encoding="utf-8").splitlines()
    assert rows[2] == "docker/cli@v2.0.0\tcli/a.go:5\tno such thing: %s"
    assert rows[3] == "docker/cli@v1.0.0\tcli/a.go:4\tgone: %w"  # left for a person
    assert rows[4] == "docker/compose@v0.9.0\tpkg/b.go:7\tpinned on purpose"
    assert problems[0].startswith("moved: cli/a.go:3 is now cli/a.go:5")
    assert "'gone: %w' is not in that file at v2.0.0" in problems[1]
