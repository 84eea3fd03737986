"""The Quick start commands: `python3 dev.py serve`, `python3 dev.py test`, and `doctor`.

Standard library only, so it runs on a fresh machine with nothing but Python 3.11+. Each step
is skipped when it is already done, so a second run starts at once:

- a virtual environment in .venv/ with the pinned packages (re-installed when a requirements
  file changes);
- for `test`: the Node tools of package-lock.json; Chromium, redis-server and a Java runtime (for
  the Nu HTML checker) from the system's packages; the real Docker CLI and Buildx of the versions
  assets/cli-reference.json records, for this computer's system and CPU, which the tests compare
  the reference with (scripts/docker_toolchain.py: built from a local mirror of Docker's sources
  when DOCKER_UPSTREAM_MIRROR names one, else Docker's release binaries), in a cache folder;
- for `test` and `walkthrough`, as root on Linux: Docker Engine of that version (dockerd,
  containerd, runc) the same way, and mmdebstrap, iptables, iproute2 and git, which the
  walkthrough (scripts/walkthrough/) needs to run the chapters on a private daemon.

Nothing is installed system-wide without saying so first: a missing system package is installed
only under CI (the `CI` setting) or with `--install-missing`; otherwise dev.py asks when it can
(a terminal) and prints the command when it cannot. Outside CI, `test` then runs what it can:
the tests that need what is missing skip and pytest's summary lists them. Under CI a missing tool
fails its tests.

`python3 dev.py doctor` lists what is missing with the command that installs it on this
system (apt on Debian and Ubuntu, dnf on Fedora, Homebrew on macOS), and changes nothing.

`python3 dev.py walkthrough [options]` runs every chapter's commands on that daemon and writes
what each printed to walkthrough-outputs/ (options: `--help`).
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import venv
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sitekit.project import ROOT  # standard library only: this runs before .venv exists

VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
INSTALL_FLAG = "--install-missing"


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)


def in_ci() -> bool:
    """The same rule as tests/tooling.py: under CI nothing may be skipped."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _stamp_matches(stamp: Path, *sources: Path) -> tuple[bool, str]:
    digest = hashlib.sha256(b"".join(s.read_bytes() for s in sources)).hexdigest()
    return stamp.exists() and stamp.read_text() == digest, digest


# --------------------------------------------------------------------------- system packages

@dataclass(frozen=True)
class Tool:
    """Something the tests or the walkthrough need from the system, and its package per manager."""

    name: str
    needed_for: str
    commands: tuple[str, ...]  # any one of them on PATH (or an absolute path) means it is there
    packages: dict[str, str] = field(default_factory=dict)  # apt / dnf / brew -> package name
    walkthrough: bool = False  # needed only where the walkthrough runs (root on Linux)
    mirror_build: bool = False  # needed only to build Docker from DOCKER_UPSTREAM_MIRROR

    def found(self) -> bool:
        return any(Path(c).exists() if c.startswith("/") else shutil.which(c) for c in self.commands)


TOOLS = [
    Tool("Chromium", "the browser tests", ("/usr/bin/chromium", "/usr/bin/chromium-browser", "chromium",
                                           "chromium-browser", "google-chrome"),
         {"apt": "chromium", "dnf": "chromium", "brew": "--cask chromium"}),
    Tool("redis-server", "the example app's tests", ("redis-server", "/usr/bin/redis-server"),
         {"apt": "redis-server", "dnf": "redis", "brew": "redis"}),
    Tool("Java", "the Nu HTML checker", ("java",),
         {"apt": "default-jre-headless", "dnf": "java-21-openjdk-headless", "brew": "openjdk"}),
    Tool("Node.js and npm", "the workflow linter, axe-core and Lighthouse", ("npm",),
         {"apt": "npm", "dnf": "nodejs-npm", "brew": "node"}),
    Tool("git", "the line-ending tests and the walkthrough", ("git",), {"apt": "git", "dnf": "git", "brew": "git"}),
    Tool("mmdebstrap", "the walkthrough's stand-in images", ("mmdebstrap",),
         {"apt": "mmdebstrap", "dnf": "mmdebstrap"}, walkthrough=True),
    Tool("iptables", "the walkthrough's private network", ("iptables",), {"apt": "iptables", "dnf": "iptables"},
         walkthrough=True),
    Tool("iproute2", "the walkthrough's private network", ("ip",), {"apt": "iproute2", "dnf": "iproute"},
         walkthrough=True),
    Tool("util-linux", "the walkthrough's namespaces", ("nsenter", "setpriv"),
         {"apt": "util-linux", "dnf": "util-linux"}, walkthrough=True),
    Tool("docker-registry", "the walkthrough's registry stand-in", ("docker-registry",),
         {"apt": "docker-registry", "dnf": "docker-distribution"}, walkthrough=True),
    Tool("htpasswd", "the walkthrough's registry sign-in", ("htpasswd",), {"apt": "apache2-utils", "dnf": "httpd-tools"},
         walkthrough=True),
    Tool("openssl", "the walkthrough's registry certificates", ("openssl",), {"apt": "openssl", "dnf": "openssl"},
         walkthrough=True),
    Tool("pass", "the walkthrough's credential-helper steps (registries page)", ("pass",),
         {"apt": "pass", "dnf": "pass"}, walkthrough=True),
    Tool("dpkg-deb", "unpacking docker-credential-pass for the walkthrough (scripts/walkthrough/tools.py)",
         ("dpkg-deb",), {"apt": "dpkg"}, walkthrough=True),
    # The mirror's build-docker-engine.sh installs these itself when missing: say so first.
    Tool("libseccomp headers", "building runc from DOCKER_UPSTREAM_MIRROR", ("/usr/include/seccomp.h",),
         {"apt": "libseccomp-dev pkg-config", "dnf": "libseccomp-devel pkgconf-pkg-config"},
         walkthrough=True, mirror_build=True),
]


def package_manager() -> str | None:
    """apt (Debian, Ubuntu), dnf (Fedora and its relatives) or brew (macOS), if this system has it."""
    if sys.platform == "darwin":
        return "brew" if shutil.which("brew") else None
    for manager in ("apt-get", "dnf"):
        if shutil.which(manager):
            return manager.removesuffix("-get")
    return None


def install_command(manager: str | None, packages: list[str]) -> str:
    if manager is None or not packages:
        return "install them with your system's package manager"
    sudo = "" if manager == "brew" or os.geteuid() == 0 else "sudo "
    if manager == "brew":
        formulas = [p for p in packages if not p.startswith("--cask")]
        casks = [p.removeprefix("--cask ") for p in packages if p.startswith("--cask")]
        parts = ([f"brew install {' '.join(formulas)}"] if formulas else []) + \
                ([f"brew install --cask {' '.join(casks)}"] if casks else [])
        return " && ".join(parts)
    if manager == "apt":
        return f"{sudo}apt-get update && {sudo}apt-get install --yes --no-install-recommends {' '.join(packages)}"
    return f"{sudo}dnf install --assumeyes {' '.join(packages)}"


def can_run_daemon() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


def missing_tools(walkthrough: bool) -> list[Tool]:
    mirror = bool(os.environ.get("DOCKER_UPSTREAM_MIRROR"))
    return [tool for tool in TOOLS if (walkthrough or not tool.walkthrough) and (mirror or not tool.mirror_build)
            and not tool.found()]


def ensure_system_packages(arguments: list[str], walkthrough: bool) -> None:
    """Install what is missing when allowed (CI, --install-missing, or a yes at the prompt);
    otherwise say what to run and go on without it."""
    missing = missing_tools(walkthrough)
    if not missing:
        return
    manager = package_manager()
    packages = [tool.packages[manager] for tool in missing if manager in tool.packages]
    command = install_command(manager, packages)
    names = ", ".join(tool.name for tool in missing)
    allowed = in_ci() or INSTALL_FLAG in arguments
    if not allowed and packages and sys.stdin.isatty():
        answer = input(f"dev.py: {names} missing. Run `{command}` now? [y/N] ")
        allowed = answer.strip().lower() in ("y", "yes")
    if allowed and packages:
        say(f"installing {names}: {command}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        result = subprocess.run(command, shell=True, env=env, check=False)
        if result.returncode == 0:
            return
        say(f"`{command}` failed")
    for tool in missing:
        say(f"without {tool.name}, {tool.needed_for} will {'fail (CI)' if in_ci() else 'skip'}")
    if not allowed:
        say(f"to install: {command}  (or run `python3 dev.py test {INSTALL_FLAG}`)")


# ----------------------------------------------------------------------- Python, Node, Docker

def ensure_python_packages(requirements: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("dev.py: Python 3.11 or newer is needed")
    if not PYTHON.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    sources = [ROOT / requirements, ROOT / "requirements.txt"]
    stamp = VENV / f".installed-{requirements}"
    done, digest = _stamp_matches(stamp, *sources)
    if done:
        return
    say(f"installing {requirements} into .venv")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--requirement", requirements)
    stamp.write_text(digest)


def node_tools_ready() -> bool:
    stamp = ROOT / "node_modules" / ".installed"
    return (ROOT / "node_modules").exists() and _stamp_matches(stamp, ROOT / "package-lock.json")[0]


def ensure_node_tools() -> None:
    if node_tools_ready():
        return
    npm = shutil.which("npm")
    if npm is None:
        say("no npm: the workflow linter, axe-core and Lighthouse tests need Node.js 20 or newer")
        if in_ci():
            sys.exit("dev.py: npm is needed under CI")
        return
    say("installing Node tools from package-lock.json")
    run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
    _, digest = _stamp_matches(ROOT / "node_modules" / ".installed", ROOT / "package-lock.json")
    (ROOT / "node_modules" / ".installed").write_text(digest)


def docker_jobs(walkthrough: bool) -> list[tuple[str, object]]:
    """The Docker binaries to have, as (what, function): built or downloaded side by side, since
    each build uses its own folder and Go cache."""
    from scripts import docker_toolchain

    jobs: list[tuple[str, object]] = [("the Docker CLI and Buildx", docker_toolchain.ensure_cli)]
    if walkthrough:
        from scripts import compose_plugin

        jobs.append(("Docker Engine (for the walkthrough)", docker_toolchain.ensure_engine))
        jobs.append(("the Compose plugin (for the walkthrough)", compose_plugin.ensure_compose))
    return jobs


def ensure_docker(walkthrough: bool) -> None:
    from scripts import docker_toolchain

    def attempt(job: tuple[str, object]) -> str | None:
        what, ensure = job
        try:
            ensure()
        except docker_toolchain.ToolchainError as error:
            return f"no {what}: {error}"
        return None

    jobs = docker_jobs(walkthrough)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        problems = list(pool.map(attempt, jobs))
    for problem in filter(None, problems):
        say(problem + ("" if in_ci() else "; the tests that need it will skip"))
    if problems[0] and in_ci():
        sys.exit("dev.py: the Docker CLI is needed under CI")


def ensure_test_tools(arguments: list[str], walkthrough: bool) -> None:
    """Everything the suite (and, as root on Linux, the walkthrough) needs. System packages first
    (one package manager at a time; the builds need some of them), then the Docker builds beside
    `npm ci`: they take minutes the first time and share nothing with it."""
    ensure_system_packages(arguments, walkthrough)
    with ThreadPoolExecutor(max_workers=1) as pool:
        docker = pool.submit(ensure_docker, walkthrough)
        ensure_node_tools()
        docker.result()


# ------------------------------------------------------------------------------------ commands

def serve(arguments: list[str]) -> None:
    ensure_python_packages("requirements.txt")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.execv(str(BIN / "mkdocs"), [str(BIN / "mkdocs"), "serve", "--dev-addr", "127.0.0.1:8000", *arguments])


def test(arguments: list[str]) -> None:
    ensure_python_packages("requirements-test.txt")
    ensure_test_tools(arguments, walkthrough=can_run_daemon())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    pytest_arguments = [a for a in arguments if a != INSTALL_FLAG]
    os.execv(str(PYTHON), [str(PYTHON), "-m", "pytest", *pytest_arguments])


def walkthrough(arguments: list[str]) -> None:
    if not can_run_daemon():
        sys.exit("dev.py: the walkthrough starts its own dockerd, which needs root on Linux: "
                 "sudo python3 dev.py walkthrough")
    ensure_python_packages("requirements-test.txt")
    ensure_test_tools(arguments, walkthrough=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    os.execv(str(PYTHON), [str(PYTHON), "-m", "scripts.walkthrough", *[a for a in arguments if a != INSTALL_FLAG]])


def doctor(arguments: list[str]) -> None:
    """What `test` would need to install or build, and how; changes nothing."""
    from scripts import docker_toolchain

    lines: list[str] = []
    walk = can_run_daemon()
    if sys.version_info < (3, 11):
        lines.append(f"Python {platform.python_version()}: 3.11 or newer is needed")
    if not PYTHON.exists():
        lines.append("no .venv yet: `python3 dev.py test` makes it (pinned packages, inside this folder)")
    if not node_tools_ready():
        lines.append("no node_modules yet (or package-lock.json changed): `python3 dev.py test` runs `npm ci`")
    manager = package_manager()
    missing = missing_tools(walk)
    for tool in missing:
        lines.append(f"missing {tool.name} (for {tool.needed_for})")
    packages = [tool.packages[manager] for tool in missing if manager in tool.packages]
    if missing:
        lines.append(f"  install: {install_command(manager, packages)}")
    try:
        versions = docker_toolchain.recorded_versions()
        cli = docker_toolchain.cache_dir() / f"cli-{versions.cli}-buildx-{versions.buildx}"
        if not (cli / "bin" / "docker").exists():
            source = (f"built from {docker_toolchain.MIRROR_SETTING}" if os.environ.get(docker_toolchain.MIRROR_SETTING)
                      else "downloaded from Docker")
            lines.append(f"no Docker CLI {versions.cli} / Buildx {versions.buildx} yet: `python3 dev.py test` "
                         f"puts it in {cli.parent} ({source}, {docker_toolchain.platform_name()})")
        if walk and not (docker_toolchain.cache_dir() / f"engine-{versions.cli}" / "bin" / "dockerd").exists():
            lines.append(f"no Docker Engine {versions.cli} yet: `python3 dev.py test` builds or downloads it "
                         "for the walkthrough")
    except docker_toolchain.ToolchainError as error:
        lines.append(f"Docker binaries: {error}")
    if not walk:
        lines.append("the walkthrough's tests skip here: they start a Docker Engine, which needs root on Linux")
    for line in lines or ["nothing is missing"]:
        print(f"dev.py doctor: {line}")
    if missing:
        sys.exit(1)


def main() -> None:
    commands = {"serve": serve, "test": test, "walkthrough": walkthrough, "doctor": doctor}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit("usage: python3 dev.py serve | test [--install-missing] [pytest arguments] | doctor | "
                 "walkthrough [options]")
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
