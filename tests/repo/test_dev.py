"""dev.py sets up anywhere: `doctor` names what is missing with this system's install command and
changes nothing; nothing is installed system-wide unasked; macOS gets macOS Docker binaries."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import dev
from scripts import docker_toolchain


@pytest.fixture
def nothing_installed(monkeypatch):
    """A machine without any of the system tools, where running a command would be a mistake."""
    monkeypatch.setattr(dev.Tool, "found", lambda self: False)
    monkeypatch.setattr(dev, "can_run_daemon", lambda: False)

    def refuse(*args, **kwargs):
        raise AssertionError(f"dev.py ran {args[0]!r}")
    monkeypatch.setattr(subprocess, "run", refuse)


@pytest.mark.parametrize(("manager", "command"), [
    ("apt", "apt-get install --yes --no-install-recommends chromium redis-server default-jre-headless npm git"),
    ("dnf", "dnf install --assumeyes chromium redis java-21-openjdk-headless nodejs-npm git"),
    ("brew", "brew install redis openjdk node git && brew install --cask chromium"),
])
def test_doctor_lists_what_is_missing_with_the_command_for_this_system(nothing_installed, monkeypatch, capsys,
                                                                        manager, command):
    monkeypatch.setattr(dev, "package_manager", lambda: manager)
    with pytest.raises(SystemExit) as exit_:
        dev.doctor([])
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    for tool in ("Chromium", "redis-server", "Java", "Node.js and npm", "git"):
        assert f"missing {tool} (for " in out, out
    assert command in out, out
    assert "mmdebstrap" not in out, "the walkthrough's tools only where it runs"


def test_a_missing_package_is_not_installed_unasked(nothing_installed, monkeypatch, capsys):
    """Outside CI, without --install-missing and without a terminal to ask on: the command is
    printed, nothing runs, and the tests that need the tool will skip."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(dev, "package_manager", lambda: "apt")
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    dev.ensure_system_packages([], walkthrough=False)
    out = capsys.readouterr().out
    assert "to install: " in out and "apt-get install" in out
    assert "without Chromium, the browser tests will skip" in out


def test_under_ci_a_missing_package_is_installed(monkeypatch, capsys):
    ran = []
    monkeypatch.setattr(dev.Tool, "found", lambda self: self.name != "redis-server")
    monkeypatch.setattr(dev, "package_manager", lambda: "apt")
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: ran.append(command) or
                        subprocess.CompletedProcess(command, 0))
    dev.ensure_system_packages([], walkthrough=False)
    assert len(ran) == 1 and ran[0].endswith("apt-get install --yes --no-install-recommends redis-server"), ran


def _fake_bundle(url: str, target: Path) -> None:
    with tarfile.open(target, "w:gz") as bundle:
        data = b"#!/bin/sh\n"
        info = tarfile.TarInfo("docker/docker")
        info.size, info.mode = len(data), 0o755
        bundle.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize(("system", "machine", "folder", "bundle_cpu", "buildx"), [
    ("darwin", "arm64", "mac", "aarch64", "darwin-arm64"),
    ("darwin", "x86_64", "mac", "x86_64", "darwin-amd64"),
    ("linux", "aarch64", "linux", "aarch64", "linux-arm64"),
])
def test_the_docker_binaries_are_for_this_system(monkeypatch, tmp_path, system, machine, folder, bundle_cpu, buildx):
    urls = []

    def download(url: str, target: Path) -> None:
        urls.append(url)
        _fake_bundle(url, target) if url.endswith(".tgz") else target.write_bytes(b"buildx")
    monkeypatch.setattr(docker_toolchain.sys, "platform", system)
    monkeypatch.setattr(docker_toolchain.platform, "machine", lambda: machine)
    monkeypatch.setattr(docker_toolchain, "_download", download)
    monkeypatch.setenv("DOCKER_EXPLAINED_CACHE", str(tmp_path))
    monkeypatch.delenv(docker_toolchain.MIRROR_SETTING, raising=False)
    versions = docker_toolchain.recorded_versions()
    cli = docker_toolchain.ensure_cli(versions)
    assert cli.docker.read_bytes() == b"#!/bin/sh\n"
    assert urls == [
        f"https://download.docker.com/{folder}/static/stable/{bundle_cpu}/docker-{versions.cli}.tgz",
        f"https://github.com/docker/buildx/releases/download/v{versions.buildx}/buildx-v{versions.buildx}.{buildx}",
    ]
    if system == "darwin":
        with pytest.raises(docker_toolchain.ToolchainError, match="Linux only"):
            docker_toolchain.ensure_engine(versions)
