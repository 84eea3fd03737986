"""One run of the walkthrough: set up the engine and the stand-ins, run the chapters, put it all away."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts import compose_plugin, docker_toolchain
from scripts.walkthrough import report, tools
from scripts.walkthrough.daemon import DaemonError, PrivateDaemon
from scripts.walkthrough.pages import site_config
from scripts.walkthrough.plan import make_plan
from scripts.walkthrough.registry import RegistryError
from scripts.walkthrough.registry import attach as attach_registry
from scripts.walkthrough.runner import Result, Runner
from scripts.walkthrough.standins import StandIns
from scripts.walkthrough.spec import load_differences
from sitekit.project import ROOT



class HarnessError(Exception):
    """The walkthrough cannot run here; str() says why and what to do, in one line."""


def default_reader() -> tuple[int, int]:
    """The user who runs sudo, or UID and GID 1000: the reader is never root."""
    if os.environ.get("SUDO_UID"):
        return int(os.environ["SUDO_UID"]), int(os.environ.get("SUDO_GID", os.environ["SUDO_UID"]))
    return 1000, 1000


@dataclass
class Options:
    site: Path | None = None  # a built site; default: build one
    chapters: list[str] | None = None  # default: every chapter in nav order
    images: str = "stand-ins"  # or "docker-hub": the real images, pulled (GitHub's runners)
    isolation: str = "netns"  # or "host" (throwaway machines that must reach Docker Hub)
    outputs: Path | None = None
    compose: Path | None = None  # the Compose plugin (docker-compose); default: scripts/compose_plugin.py
    reader: tuple[int, int] = field(default_factory=default_reader)
    lock_wait: float = 0  # seconds to wait while another walkthrough runs
    log: Callable[[str], None] = print


@dataclass
class Report:
    results: list[Result]
    leftovers: list[str]
    environment: dict
    timings: dict
    known: list = field(default_factory=list)  # the known differences that applied (compare.Difference)

    @property
    def problems(self) -> list[str]:
        return [f"{r.where}: {p}" for r in self.results for p in r.problems] + \
            [f"left behind: {x}" for x in self.leftovers]


def build_site(target: Path) -> Path:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(target)], cwd=ROOT,
                            capture_output=True, text=True, check=False,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        raise HarnessError(f"mkdocs build --strict failed: {result.stderr.strip().splitlines()[-1:]}")
    return target


def run(options: Options) -> Report:
    if options.images not in ("stand-ins", "docker-hub"):
        raise HarnessError("images must be stand-ins or docker-hub")
    if options.isolation == "host" and os.environ.get("CI", "").lower() in ("", "0", "false", "no"):
        raise HarnessError("--isolation host gives the daemon this machine's own network (bridges, firewall "
                           "rules): only on a throwaway CI machine (CI=true)")
    if platform.system() != "Linux" or os.geteuid() != 0:
        raise HarnessError("the walkthrough starts its own dockerd, which needs root on Linux "
                           "(sudo python3 dev.py walkthrough)")
    timings: dict[str, str] = {}
    started = time.monotonic()
    log = options.log
    with tempfile.TemporaryDirectory(prefix="walkthrough-site-") as tmp:
        site = options.site or build_site(Path(tmp) / "site")
        differences = load_differences()
        plan = make_plan(site, chapters=options.chapters)
        tick = time.monotonic()
        try:
            cli = docker_toolchain.ensure_cli(docker_toolchain.recorded_versions())
            engine = docker_toolchain.ensure_engine(docker_toolchain.recorded_versions())
        except docker_toolchain.ToolchainError as error:
            raise HarnessError(f"no Docker Engine to run: {error}") from None
        timings["engine and CLI set-up"] = f"{time.monotonic() - tick:.1f} s"
        try:
            compose = options.compose or compose_plugin.ensure_compose()
        except docker_toolchain.ToolchainError as error:
            raise HarnessError(f"no Compose plugin: {error}") from None
        if not compose.is_file():
            raise HarnessError(f"no Compose plugin at {compose}")
        plugins = [cli.docker.parent.parent / "cli-plugins" / "docker-buildx", compose]
        daemon = PrivateDaemon(engine_bin=engine, docker=cli.docker, cli_plugins=plugins,
                               isolation=options.isolation, offline=options.images == "stand-ins",
                               reader_uid=options.reader[0], reader_gid=options.reader[1],
                               lock_dir=docker_toolchain.cache_dir(), lock_wait=options.lock_wait)
        # Docker Hub's and ghcr.io's names lead to the registry stand-in (scripts/walkthrough/registry.py).
        try:
            registry = attach_registry(daemon, proxy_docker_hub=options.images == "docker-hub")
        except RegistryError as error:
            raise HarnessError(str(error)) from None
        results: list[Result] = []
        environment = {"images": options.images, "isolation": options.isolation,
                       "compose": str(compose),
                       "reader": f"UID {options.reader[0]}, GID {options.reader[1]}"}
        runner = None
        try:
            tick = time.monotonic()
            try:
                daemon.start()
            except DaemonError as error:
                raise HarnessError(str(error)) from None
            try:
                registry.start(daemon.in_network)
            except RegistryError as error:
                raise HarnessError(str(error)) from None
            timings["daemon and registry start"] = f"{time.monotonic() - tick:.1f} s"
            environment["engine"] = daemon.docker_cmd("version", "--format",
                                                      "{{.Server.Version}} (API {{.Server.APIVersion}})").stdout.strip()
            standins = None
            if options.images == "stand-ins":
                tick = time.monotonic()
                standins = StandIns(daemon, docker_toolchain.cache_dir(), say=log)
                built = standins.prepare()
                timings["stand-in images"] = (f"{time.monotonic() - tick:.1f} s "
                                              f"({'built ' + ', '.join(built) if built else 'cached'})")
            capabilities = {"docker-hub"} if options.images == "docker-hub" else set()
            try:
                provided = tools.ensure(docker_toolchain.cache_dir())
            except tools.ToolError as error:
                raise HarnessError(str(error)) from None
            runner = Runner(daemon, standins, capabilities, differences, registry,
                            repo_url=site_config()["repo_url"] or "", log=log, tools=provided)
            tick = time.monotonic()
            for chapter, planned in plan.items():
                chapter_started = time.monotonic()
                results += runner.run_chapter(chapter, planned)
                if planned:
                    timings[f"chapter {chapter}"] = f"{time.monotonic() - chapter_started:.1f} s"
            timings["chapters"] = f"{time.monotonic() - tick:.1f} s"
        finally:
            if runner is not None:
                runner.close()
            registry.stop()
            tick = time.monotonic()
            stop_problems = daemon.stop()
            timings["daemon stop and clean-up"] = f"{time.monotonic() - tick:.1f} s"
            leftovers = stop_problems + daemon.leftovers()
    timings["total"] = f"{time.monotonic() - started:.1f} s"
    result = Report(results, leftovers, environment, timings, runner.known if runner is not None else [])
    if options.outputs is not None:
        report.write(options.outputs, results, environment, timings, leftovers)
    return result
