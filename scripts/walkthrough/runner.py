"""Run the planned chapters on the private daemon as a reader would, check every expectation, record
every output.

The reader is an unprivileged user (the socket's group lets them reach the daemon) in the daemon's
network, with a working folder of their own: commands run there in a pseudo terminal, one shell a
block, and a `cd` carries over to the next block as it would in a terminal window. Commands that
hold the terminal (a server in the foreground, a shell, redis-cli) stay open as sessions while the
page goes on, until the step the page says ends them. "Open http://localhost:5000" is an HTTP
request from the same network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.walkthrough.checks import Checks
from scripts.walkthrough.compare import Difference as Known
from scripts.walkthrough.compare import compare
from scripts.walkthrough.daemon import PrivateDaemon
from scripts.walkthrough.plan import Planned
from scripts.walkthrough.registry import TOKEN_VARIABLES, RegistryStandIn, fill
from scripts.walkthrough.standins import StandIns, build_bases
from scripts.walkthrough.terminal import Process, render
from sitekit.project import PROJECT_PARTS, ROOT
from scripts.walkthrough.spec import Difference, Expect, Session



@dataclass
class Result:
    chapter: str
    index: int
    kind: str
    label: str
    text: str | None = None  # what ran or was typed, as the page shows it (placeholders filled in)
    status: str = "ok"  # ok, failed, skipped (cannot run here), illustrated, not-compared
    why: str | None = None
    exit: int | None = None
    output: str = ""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sample: str | None = None  # output steps: the page's block

    @property
    def where(self) -> str:
        return f"docs/{self.chapter}.md, step {self.index} ({self.label})"

    def fail(self, problem: str) -> None:
        self.problems.append(problem)
        self.status = "failed"


@dataclass
class _Open:
    process: Process
    session: Session


class Runner:
    def __init__(self, daemon: PrivateDaemon, standins: StandIns | None, capabilities: set[str],
                 differences: list[Difference], registry: RegistryStandIn | None, repo_url: str,
                 log: Callable[[str], None] = print, tools: dict[str, Path] | None = None):
        self.daemon = daemon
        self.standins = standins
        self.capabilities = capabilities
        local = standins is not None
        self.known = [Known(re.compile(d.page), re.compile(d.recorded) if d.recorded else None, d.why)
                      for d in differences if d.where == "always" or local]
        self.repo_url = repo_url
        self.registry = registry
        self.checks = Checks(daemon, lambda: self.cwd)
        self.log = log
        self.cwd = daemon.home
        self.sessions: dict[str, _Open] = {}
        self.skipped_sessions: dict[str, str] = {}  # session name: why its command did not run
        self.opened_at: dict[str, float] = {}
        self.last: Result | None = None
        self.steps_dir = daemon.run_dir / "steps"
        self.steps_dir.mkdir(exist_ok=True)
        os.chown(self.steps_dir, daemon.reader_uid, daemon.reader_gid)
        # Programs the pages install (scripts/walkthrough/tools.py): on the reader's PATH from the
        # step that installs them.
        self.tools = tools or {}
        self.tools_dir = daemon.run_dir / "tools"
        self.tools_dir.mkdir(exist_ok=True)
        self.snapshot = self._snapshot()

    # The reader's world --------------------------------------------------------------------------
    def _snapshot(self) -> Path:
        """A Git repository of this working tree, which the page's `git clone` gets instead of GitHub's
        (unreachable here, and on GitHub it would be main's pages, not this change's)."""
        target = self.daemon.run_dir / "snapshot"
        target.mkdir()
        # safe.directory: the harness runs as root, the checkout may belong to someone else (CI).
        listed = subprocess.run(["git", "-c", f"safe.directory={ROOT}", "-C", str(ROOT), "ls-files", "-z", "--cached",
                                 "--others", "--exclude-standard"], capture_output=True, check=False)
        if listed.returncode == 0:
            files = [f for f in listed.stdout.decode().split("\0") if f]
        else:  # not a Git checkout: what the site is built from
            files = [str(p.relative_to(ROOT)) for part in PROJECT_PARTS for p in
                     ([ROOT / part] if (ROOT / part).is_file() else (ROOT / part).rglob("*")) if p.is_file()]
        for name in files:
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        git = ["git", "-C", str(target), "-c", "user.name=walkthrough", "-c", "user.email=walkthrough@localhost"]
        for argv in (["init", "--quiet", "--initial-branch", "main"], ["add", "--all"],
                     ["commit", "--quiet", "--message", "Snapshot for the walkthrough"]):
            subprocess.run(git + argv, capture_output=True, check=True)
        subprocess.run(["chown", "-R", f"{self.daemon.reader_uid}:{self.daemon.reader_gid}", str(target)], check=True)
        return target

    def reader_env(self, **extra: str) -> dict[str, str]:
        """A reader's plain environment: no DOCKER_* settings (their CLI finds the daemon at
        /var/run/docker.sock and its configuration in ~/.docker, see PrivateDaemon.as_reader)."""
        name = "reader"
        env = {
            "PATH": f"{self.daemon.bin_dir}:{self.tools_dir}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.daemon.home),
            "USER": name, "LOGNAME": name, "LANG": "C.UTF-8", "TERM": "xterm-256color",
            "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.file://{self.snapshot}.insteadOf",
            "GIT_CONFIG_VALUE_0": f"{self.repo_url.rstrip('/')}.git",
        }
        if self.registry is not None:
            # The stand-in account's access token, where the pages tell readers to keep theirs.
            env.update(dict.fromkeys(TOKEN_VARIABLES, self.registry.password))
            # The reader's tools trust the stand-in's certificate authority, as a reader's computer
            # trusts Docker Hub's (Buildx's imagetools talk to the registry from the CLI's side).
            env["SSL_CERT_FILE"] = str(self.registry.ca_bundle)
        env.update(extra)
        return env

    def _script(self, name: str, text: str) -> tuple[Path, Path]:
        script, pwd = self.steps_dir / f"{name}.sh", self.steps_dir / f"{name}.pwd"
        script.write_text(f"trap 'pwd > \"{pwd}\"' EXIT\n{text}")
        script.chmod(0o644)
        return script, pwd

    def _spawn(self, name: str, text: str) -> tuple[Process, Path]:
        script, pwd = self._script(name, text)
        argv = self.daemon.as_reader(["bash", "--noprofile", "--norc", "-e", str(script)])
        return Process(argv, self.reader_env(), str(self.cwd)), pwd

    def reader_output(self, command: str) -> str:
        """What a command prints for the reader (no terminal): to fill in a placeholder."""
        script, _ = self._script(f"helper-{time.monotonic_ns()}", command)
        result = subprocess.run(self.daemon.as_reader(["bash", "--noprofile", "--norc", "-e", str(script)]),
                                capture_output=True, text=True, env=self.reader_env(), cwd=self.cwd, timeout=60,
                                check=False)
        return result.stdout.strip()

    # Chapters ------------------------------------------------------------------------------------
    def run_chapter(self, chapter: str, planned: list[Planned]) -> list[Result]:
        results = []
        self.log(f"== {chapter}")
        for item in planned:
            result = Result(chapter, item.index, item.kind, item.label)
            started = time.monotonic()
            try:
                self._run_step(item, result)
            except Exception as error:  # one broken step must not stop the report
                result.fail(f"the harness failed on this step: {type(error).__name__}: {error}")
            result.seconds = round(time.monotonic() - started, 2)
            self._reap_sessions(result)
            results.append(result)
            mark = {"ok": "ok", "failed": "FAILED", "skipped": "skipped", "illustrated": "illustrated",
                    "not-compared": "not compared"}[result.status]
            self.log(f"  {item.index:3} {mark:12} {result.seconds:6.1f}s  {result.label[:70]}")
            for problem in result.problems:
                self.log(f"        - {problem}")
        for name in list(self.sessions):
            leftover = Result(chapter, len(planned) + 1, "end", "end of chapter")
            leftover.fail(f"the session of '{name}' is still open at the end of the chapter; the page never ends it")
            self.sessions.pop(name).process.kill()
            results.append(leftover)
        return results

    def _run_step(self, item: Planned, result: Result) -> None:
        kind, action = item.kind, item.action
        if kind not in ("command", "block", "type"):
            if kind == "keys" and action.keys.session is None:
                result.notes.append(f"keys go to the session opened last: '{self._latest_session()}'")
            target = (self._keys_target(action.keys) if kind == "keys" else action.edit.session
                      if kind == "edit" else item.typed_into if kind == "input" else None)
            if target in self.skipped_sessions:
                result.status = "skipped"
                result.why = f"the session of '{target}' did not run here ({self.skipped_sessions[target]})"
                if kind in ("browse", "keys", "edit", "input"):
                    self.last = result
                return
        if kind in ("command", "block", "type"):
            self._run_command(item, result)
            self.last = result
        elif kind == "output":
            self._compare(item, result)
        elif kind == "input":
            self._type_into(item.typed_into, item.text, result, item.spec.expect)
            self.last = result
        elif kind == "text":
            result.why = item.why
        elif kind == "file":
            result.why = "a file's contents; tests/test_example_*.py check the example files"
        elif kind == "browse":
            status, body = self.checks.browse(action.browse, result)
            result.text = f"open {action.browse.url}"
            result.output = body
            self.last = result
        elif kind == "keys":
            self._keys(action.keys, result)
            self.last = result
        elif kind == "edit":
            self._edit(action.edit, result)
            if action.edit.session:
                self.last = result
        elif kind == "copy":
            source, target = ROOT / action.copy_.from_, self.cwd / action.copy_.to
            result.text = f"save {action.copy_.from_} as {action.copy_.to}"
            shutil.copy2(source, target)
            os.chown(target, self.daemon.reader_uid, self.daemon.reader_gid)
        elif kind == "wait":
            self.checks.wait_healthy(action.wait.healthy, result)
            time.sleep(action.wait.seconds)
        elif kind == "check":
            self.checks.check(action.check, result)

    def _latest_session(self) -> str | None:
        """The session opened last that is still open (or was skipped here): where keys go by default."""
        names = [*self.sessions, *self.skipped_sessions]
        return max(names, key=lambda n: self.opened_at.get(n, -1), default=None)

    def _keys_target(self, keys) -> str | None:
        return keys.session or self._latest_session()

    # Commands ------------------------------------------------------------------------------------
    def _load_standins(self, text: str, result: Result) -> None:
        if self.standins is None:
            return
        named = self.standins.references(text)
        named_file = re.search(r"--file (\S+)", text)
        dockerfile = self.cwd / (named_file.group(1) if named_file else "Dockerfile")
        if re.search(r"\bdocker (image |buildx )?build\b", text) and dockerfile.exists():
            for image in build_bases(dockerfile.read_text(), dict(re.findall(r"--build-arg (\w+)=(\S+)", text))):
                named += self.standins.references(image)
        if "docker compose" in text and (self.cwd / "compose.yaml").exists():
            named += self.standins.references((self.cwd / "compose.yaml").read_text())
        for tag in self.standins.ensure(named):
            result.notes.append(f"stand-in image {tag} loaded, as a pull would")

    def _run_command(self, item: Planned, result: Result) -> None:
        spec = item.spec
        text = item.text
        result.text = text.rstrip("\n")
        session_name = item.name
        if spec.how == "illustrate":
            result.status, result.why = "illustrated", spec.why
            self.skipped_sessions[session_name] = spec.why
            self.opened_at[session_name] = time.monotonic()
            for name in spec.provides:
                if name not in self.tools:
                    result.fail(f"the walkthrough cannot provide {name} (scripts/walkthrough/tools.py)")
                    continue
                shutil.copy2(self.tools[name], self.tools_dir / name)
                result.notes.append(f"{name} put on the reader's PATH, as the install would")
            return
        if item.typed_into and item.typed_into in self.skipped_sessions:
            result.status = "skipped"
            result.why = f"the session of '{item.typed_into}' did not run here ({self.skipped_sessions[item.typed_into]})"
            return
        self._load_standins(text, result)
        missing = [need for need in spec.needs if need not in self.capabilities]
        if missing:
            result.status, result.why = "skipped", f"needs {', '.join(missing)}: {spec.why}"
            self.skipped_sessions[session_name] = result.why
            self.opened_at[session_name] = time.monotonic()
            return
        if spec.how == "fail":
            result.why = spec.why
        if item.typed_into:
            self._type_into(item.typed_into, text, result, spec.expect)
            return
        # The reader's own values, as the placeholder form on the page fills them in.
        text = fill(text)
        for name, command in spec.placeholders.items():
            value = self.reader_output(command)
            if not value:
                result.fail(f"placeholder {name}: `{command}` printed nothing")
                return
            text = text.replace(name, value)
            result.notes.append(f"{name} is {value} (from `{command}`)")
        result.text = text.rstrip("\n")
        if re.match(r"\s*git clone\b", text):
            result.notes.append("cloned from a snapshot of this working tree (GitHub is not reachable from here)")
        name = f"{item.chapter}-{item.index:03}"
        started = time.monotonic()
        process, pwd = self._spawn(name, text)
        if spec.session:
            self._open_session(item, process, spec.session, spec.timeout, result)
        else:
            if process.wait_exit(spec.timeout) is None:
                result.fail(f"did not finish within {spec.timeout:.0f} s")
                process.kill()
        elapsed = time.monotonic() - started
        result.exit = process.exit_status
        result.output = render(process.raw)
        if pwd.exists():
            new = Path(pwd.read_text().strip() or self.cwd)
            if new.is_dir():
                self.cwd = new
        if result.exit is not None:
            expected = spec.expect.exit
            if expected is not None and result.exit != expected:
                result.fail(f"exit status {result.exit}, expected {expected}")
            elif expected is None and spec.how == "run" and result.exit != 0:
                result.fail(f"exit status {result.exit}: {result.output.strip().splitlines()[-1:] or ['no output']}")
            elif expected is None and spec.how == "fail" and result.exit == 0:
                result.fail("expected to fail, but exited with status 0")
        result.notes.append(f"took {elapsed:.1f} s")
        if spec.expect.within and elapsed > spec.expect.within:
            result.fail(f"took {elapsed:.1f} s; the page says it is done within {spec.expect.within:g} s")
        if spec.expect.longer_than is not None and elapsed < spec.expect.longer_than:
            result.fail(f"took {elapsed:.1f} s; the page says it takes longer than {spec.expect.longer_than:g} s")
        self.checks.check(spec.expect, result)

    def _open_session(self, item: Planned, process: Process, session: Session, timeout: float,
                      result: Result) -> None:
        name = item.name
        if session.prompt and not process.wait_for(session.prompt, timeout=min(timeout, 60)):
            result.fail(f"never showed {session.prompt!r}" + (" (it exited)" if not process.alive else ""))
        for move in session.script:
            if move.expect is not None:
                if not process.wait_for(move.expect, timeout=30):
                    result.fail(f"never showed {move.expect!r}")
                    break
            elif move.send is not None:
                process.send_line(move.send)
            else:
                process.send_key(move.keys)
        if session.ends == "later":
            process.settle(quiet=0.3, timeout=3)
            if process.alive:
                self.sessions[name] = _Open(process, session)
                self.opened_at[name] = time.monotonic()
            else:
                process.wait_exit(5)
                result.fail(f"exited at once (status {process.exit_status}); the page keeps it running")
        elif process.wait_exit(timeout) is None:
            result.fail(f"did not finish within {timeout:.0f} s")
            process.kill()

    def _type_into(self, name: str, text: str, result: Result, expect: Expect) -> None:
        result.text = text.rstrip("\n")
        if name not in self.sessions:
            result.fail(f"no open session '{name}' to type into")
            return
        opened = self.sessions[name]
        process = opened.process
        mark = len(process.raw)
        for line in text.rstrip("\n").splitlines():
            process.send_line(line)
            time.sleep(0.1)
        if opened.session.prompt:
            process.wait_for(opened.session.prompt, timeout=30, since=mark, last_line=True)
        process.settle(quiet=0.3, timeout=5)
        result.output = render(process.raw[mark:])
        self.checks.check(expect, result)

    def _keys(self, keys, result: Result) -> None:
        name = self._keys_target(keys)
        result.text = f"press {keys.send} in the session of '{name}'"
        if name not in self.sessions:
            result.fail(f"no open session '{name}'")
            return
        process = self.sessions.pop(name).process
        mark = len(process.raw)
        process.send_key(keys.send)
        status = process.wait_exit(30)
        result.output = render(process.raw[mark:])
        result.exit = status
        if status is None:
            result.fail(f"still running 30 s after {keys.send}")
            process.kill()
        elif keys.exit is not None and status != keys.exit:
            result.fail(f"ended with status {status}, expected {keys.exit}")

    def _reap_sessions(self, result: Result) -> None:
        for name, opened in list(self.sessions.items()):
            process = opened.process
            process.settle(quiet=0.05, timeout=0.2)
            if not process.alive:
                process.wait_exit(5)
                result.notes.append(f"the session of '{name}' ended (status {process.exit_status})")
                self.sessions.pop(name)

    def _edit(self, edit, result: Result) -> None:
        # `~/` is the reader's home, as in their shell (their client configuration is there).
        path = self.daemon.home / edit.file[2:] if edit.file.startswith("~/") else self.cwd / edit.file
        result.text = f"edit {edit.file}"
        original = path.read_text(encoding="utf-8") if edit.write is None else ""
        if edit.write is not None:
            changed = edit.write
        elif edit.append is not None:
            changed = original + ("" if original.endswith("\n") else "\n") + edit.append
        elif edit.replace not in original:
            result.fail(f"{edit.file} has no {edit.replace!r} to change")
            return
        else:
            changed = original.replace(edit.replace, edit.with_, 1)
        opened = self.sessions.get(edit.session) if edit.session else None
        mark = len(opened.process.raw) if opened else 0
        created = not path.exists()
        path.write_text(changed, encoding="utf-8")
        if created:
            os.chown(path, self.daemon.reader_uid, self.daemon.reader_gid)
        if edit.session:
            if opened is None:
                result.fail(f"no open session '{edit.session}'")
                return
            if not opened.process.wait_for(edit.wait_for, timeout=30, since=mark):
                result.fail(f"the session of '{edit.session}' never showed {edit.wait_for!r} after the edit")
            result.output = render(opened.process.raw[mark:])

    # Checks --------------------------------------------------------------------------------------
    def _compare(self, item: Planned, result: Result) -> None:
        source = self.last
        result.sample = item.block.text
        if item.compare == "none":
            result.status, result.why = "not-compared", item.why
            return
        if source is None:
            result.fail("no step before this output block")
            return
        if source.status in ("skipped", "illustrated"):
            result.status = "not-compared"
            result.why = f"the step it shows did not run here ({source.why})"
            return
        recorded = self.comparable(source.output)
        result.output = recorded
        sample = fill(item.block.text)
        for problem in compare(sample, recorded, item.vary, self.known, item.compare):
            result.fail(f"sample output: {problem}")
        if result.problems:
            result.notes.append("`python3 dev.py walkthrough --update` rewrites this block from the recorded output")

    def comparable(self, output: str) -> str:
        """The recorded output with the daemon's data root spelled as on a reader's machine."""
        return output.replace(str(self.daemon.run_dir / "data"), "/var/lib/docker")

    def close(self) -> None:
        for opened in self.sessions.values():
            opened.process.kill()
        self.sessions.clear()
