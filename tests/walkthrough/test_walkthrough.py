"""The walkthrough on a real Docker Engine 29: the chapters' commands, run in order as a reader runs
them, do what the pages say, and the private daemon leaves nothing behind.

The default suite runs the first chapters (45 seconds once the engine and the stand-in images are
cached); `WALKTHROUGH=full python3 dev.py test -k walkthrough` runs every chapter (two and a half
minutes), and so does `.ci/run`. Needs root on Linux (dockerd does): elsewhere these
tests skip, and under CI they fail.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import docker_toolchain
from scripts.walkthrough import daemon as daemon_module
from scripts.walkthrough.daemon import DaemonError, PrivateDaemon
from scripts.walkthrough.harness import HarnessError, Options, run
from tooling import missing

pytestmark = pytest.mark.daemon

# The chapters every run of the suite walks through: installing, images and containers, and the
# first image build, with the stand-in images and every kind of step but sessions.
# Another walkthrough (a maintainer's, another checkout's) holds the daemon lock while it runs: wait
# for it, as `python3 dev.py walkthrough` does, rather than fail.
LOCK_WAIT = 1800

SUBSET = ["index", "architecture", "editions-and-installing", "images-and-containers", "building-images"]


def _engine() -> tuple[Path, docker_toolchain.Cli]:
    if platform.system() != "Linux" or os.geteuid() != 0:
        missing("the walkthrough starts its own dockerd, which needs root on Linux")
    try:
        versions = docker_toolchain.recorded_versions()
        return docker_toolchain.ensure_engine(versions), docker_toolchain.ensure_cli(versions)
    except docker_toolchain.ToolchainError as error:
        missing(f"no Docker Engine: {error}")


def _another_dockerd(error: Exception) -> None:
    """A machine's own dockerd (a laptop's Docker) is no defect of the project: say so (CI fails)."""
    if "already running" in str(error):
        missing(str(error))


def _new_daemon() -> PrivateDaemon:
    engine, cli = _engine()
    return PrivateDaemon(engine_bin=engine, docker=cli.docker,
                         cli_plugins=[cli.docker.parent.parent / "cli-plugins" / "docker-buildx"],
                         lock_dir=docker_toolchain.cache_dir(), lock_wait=LOCK_WAIT)


def _start(daemon: PrivateDaemon) -> None:
    try:
        daemon.start()
    except DaemonError as error:
        _another_dockerd(error)
        raise


@pytest.fixture
def private_daemon():
    daemon = _new_daemon()
    try:
        _start(daemon)
        yield daemon
    finally:
        daemon.stop()


def _busybox_image(daemon: PrivateDaemon) -> None:
    """A one-file image from the alpine stand-in's BusyBox, so this test needs no stand-in build."""
    from scripts.walkthrough.standins import StandIns

    stand_ins = StandIns(daemon, docker_toolchain.cache_dir(), say=lambda _: None)
    stand_ins.prepare()
    stand_ins.ensure(["alpine:3.22"])


def test_the_private_daemon_leaves_nothing_behind(private_daemon):
    daemon = private_daemon
    _busybox_image(daemon)
    # A bit of everything: a published port, a user-defined network with a container on it, a
    # named volume, a stopped container, and a container that is killed with the daemon.
    daemon.docker_cmd("network", "create", "leftover-net")
    daemon.docker_cmd("volume", "create", "leftover-volume")
    daemon.docker_cmd("container", "run", "--detach", "--name", "published", "--publish", "5000:80",
                      "--volume", "leftover-volume:/data", "alpine:3.22",
                      "sh", "-c", "echo hi > /tmp/index.html; exec httpd -f -p 80 -h /tmp")
    daemon.docker_cmd("container", "run", "--detach", "--name", "on-net", "--network", "leftover-net",
                      "alpine:3.22", "sleep", "600")
    daemon.docker_cmd("container", "run", "--name", "stopped", "alpine:3.22", "true")
    fetch = ("import time, urllib.request\nfor _ in range(50):\n    try:\n"
             "        print(urllib.request.urlopen('http://localhost:5000/index.html', timeout=2).read().decode())\n"
             "        break\n    except OSError:\n        time.sleep(0.1)\n")
    answer = subprocess.run(daemon.in_network([sys.executable, "-c", fetch]), capture_output=True, text=True,
                            check=False)
    assert answer.stdout.strip() == "hi", answer.stderr
    assert daemon.stop() == []
    assert daemon.leftovers() == []


def test_the_reader_talks_to_this_daemon_only(private_daemon):
    daemon = private_daemon
    env = {"PATH": f"{daemon.bin_dir}:/usr/bin:/bin", "HOME": str(daemon.home)}
    reader = subprocess.run(daemon.as_reader(["sh", "-c", "id -u; env | grep ^DOCKER_ || true; "
                                              "docker info --format '{{.DockerRootDir}}'"]),
                            capture_output=True, text=True, env=env, cwd=daemon.home, check=False)
    assert reader.returncode == 0 and reader.stdout.strip(), f"exit {reader.returncode}: {reader.stderr.strip()[-600:]}"
    uid, *rest = reader.stdout.split()
    assert uid == str(daemon.reader_uid) != "0"
    assert rest == [str(daemon.run_dir / "data")], reader.stdout + reader.stderr


def test_the_registry_stand_in_answers_as_docker_hub():
    """Sign in, push under the Docker ID, pull back, sign out: against the stand-in behind Docker
    Hub's names, while a container publishes port 443 itself."""
    from scripts.walkthrough import registry as registry_module

    daemon = _new_daemon()
    registry = registry_module.attach(daemon)
    try:
        _start(daemon)
        registry.start(daemon.in_network)
        _busybox_image(daemon)
        account = registry_module.ACCOUNT
        refused = subprocess.run([str(daemon.bin_dir / "docker"), "login", "--username", account,
                                  "--password-stdin"], input="wrong", capture_output=True, text=True,
                                 env=daemon.env(), check=False)
        assert refused.returncode != 0 and "unauthorized" in refused.stderr.lower(), refused.stderr
        login = subprocess.run([str(daemon.bin_dir / "docker"), "login", "--username", account, "--password-stdin"],
                               input=registry.password, capture_output=True, text=True, env=daemon.env(), check=False)
        assert "Login Succeeded" in login.stdout, login.stderr
        daemon.docker_cmd("container", "run", "--detach", "--name", "web443", "--publish", "443:80", "alpine:3.22",
                          "httpd", "-f", "-p", "80")
        daemon.docker_cmd("image", "tag", "alpine:3.22", f"{account}/tiny:1.0")
        pushed = daemon.docker_cmd("image", "push", f"{account}/tiny:1.0")
        assert f"docker.io/{account}/tiny" in pushed.stdout + pushed.stderr
        daemon.docker_cmd("image", "rm", f"{account}/tiny:1.0")
        daemon.docker_cmd("image", "pull", f"{account}/tiny:1.0")
        assert f"{account}/tiny" in daemon.docker_cmd("image", "ls", "--format", "{{.Repository}}").stdout
        assert "Removing login credentials" in daemon.docker_cmd("logout").stdout
        denied = daemon.docker_cmd("image", "push", f"{account}/tiny:1.0", check=False)
        assert denied.returncode != 0 and "no basic auth credentials" in denied.stderr + denied.stdout, denied.stderr
    finally:
        registry.stop()
        daemon.stop()
    assert daemon.leftovers() == []


def test_it_never_starts_beside_another_dockerd(monkeypatch, tmp_path):
    engine, cli = _engine()
    monkeypatch.setattr(daemon_module, "dockerd_pids", lambda: [4242])
    # A lock of its own: the check must be the dockerd one, whatever else runs on the machine.
    daemon = PrivateDaemon(engine_bin=engine, docker=cli.docker, cli_plugins=[], lock_dir=tmp_path)
    with pytest.raises(DaemonError, match=r"a dockerd is already running \(pid 4242\)"):
        daemon.start()
    assert not daemon.run_dir.exists()


# Session-wide: under pytest-xdist a worker may run another module's test between two of this
# module's, which ends a module fixture and ran the whole walkthrough twice.
@pytest.fixture(scope="session")
def walkthrough(site, tmp_path_factory):
    _engine()
    full = os.environ.get("WALKTHROUGH", "").lower() == "full"
    outputs = tmp_path_factory.mktemp("walkthrough-outputs")
    try:
        report = run(Options(site=site, chapters=None if full else SUBSET, outputs=outputs, log=print,
                             lock_wait=LOCK_WAIT))
    except HarnessError as error:
        _another_dockerd(error)
        pytest.fail(str(error), pytrace=False)
    return report, outputs


def test_every_step_does_what_the_pages_say(walkthrough):
    report, outputs = walkthrough
    problems = [f"{r.where}: {p}" for r in report.results for p in r.problems]
    assert not problems, f"{len(problems)} problem(s); recorded outputs in {outputs}/transcript.md:\n" + \
        "\n".join(problems)


def test_the_walkthrough_leaves_nothing_behind(walkthrough):
    report, _ = walkthrough
    assert report.leftovers == []
