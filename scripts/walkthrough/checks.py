"""What a page promises after a step, checked on the private daemon and in its network: containers,
images, volumes, networks and files; the addresses published ports listen on; a page that answers
on a published port (the counter counting on); text in the output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.walkthrough.daemon import PrivateDaemon
from scripts.walkthrough.registry import fill
from scripts.walkthrough.spec import Expect, Http

if TYPE_CHECKING:
    from scripts.walkthrough.runner import Result

_HTTP_GET = """\
import json, ssl, sys, urllib.request, urllib.error
context = ssl.create_default_context(cafile=sys.argv[2]) if len(sys.argv) > 2 else None
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
opener.addheaders = [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; docker-explained walkthrough)")]
try:
    with opener.open(sys.argv[1], timeout=20) as r:
        print(json.dumps([r.status, r.read().decode("utf-8", "replace")]))
except urllib.error.HTTPError as e:
    print(json.dumps([e.code, e.read().decode("utf-8", "replace")]))
except Exception as e:
    print(json.dumps([0, f"{type(e).__name__}: {e}"]))
"""
_COUNT = re.compile(r'<strong id="count">(\d+)</strong>')


class Checks:
    def __init__(self, daemon: PrivateDaemon, cwd: Callable[[], Path]):
        self.daemon = daemon
        self.cwd = cwd  # the reader's working folder, which a `cd` in a block moves
        self.count: int | None = None  # the counter's value seen last (page or redis-cli)

    def http_get(self, url: str, ca: str | None = None) -> tuple[int, str]:
        """What a browser on the reader's machine gets; `ca` is a certificate authority file in the
        reader's folder that their browser trusts."""
        extra = [str(self.cwd() / ca)] if ca else []
        argv = self.daemon.in_network([sys.executable, "-c", _HTTP_GET, url, *extra])
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False,
                                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        try:
            status, body = json.loads(result.stdout)
        except ValueError:
            return 0, result.stderr.strip()
        return status, body

    def inspect(self, kind: str, name: str, template: str = "{{.Name}}") -> str | None:
        result = self.daemon.docker_cmd(kind, "inspect", "--format", template, name, check=False, timeout=30)
        return result.stdout.strip() if result.returncode == 0 else None

    def wait_healthy(self, names: list[str], result: Result, timeout: float = 60) -> None:
        for name in names:
            deadline = time.monotonic() + timeout
            status = None
            while time.monotonic() < deadline:
                status = self.inspect("container", name, "{{if .State.Health}}{{.State.Health.Status}}{{end}}")
                if status == "healthy":
                    break
                time.sleep(0.5)
            if status != "healthy":
                result.fail(f"{name} is not healthy after {timeout:.0f} s (status {status or 'none'})")

    def check(self, expect: Expect, result: Result) -> None:
        # Names and texts the page writes with the reader's own values (<your-docker-id>).
        expect = expect.model_copy(update={
            key: [fill(value) for value in getattr(expect, key)]
            for key in ("output", "absent", "running", "stopped", "gone", "healthy", "images", "no_images")})
        output = result.output
        for text in expect.output:
            if text not in output:
                result.fail(f"the output lacks {text!r}")
        for text in expect.absent:
            if text in output:
                result.fail(f"the output contains {text!r}")
        self.wait_healthy(expect.healthy, result)
        for name in expect.running:
            if self.inspect("container", name, "{{.State.Running}}") != "true":
                result.fail(f"container {name} is not running")
        for name in expect.stopped:
            state = self.inspect("container", name, "{{.State.Running}}")
            if state != "false":
                result.fail(f"container {name} should exist, stopped ({'missing' if state is None else 'running'})")
        for name in expect.gone:
            if self.inspect("container", name) is not None:
                result.fail(f"container {name} still exists")
        if expect.exactly_running is not None:
            names = set(self.daemon.docker_cmd("container", "ls", "--format", "{{.Names}}").stdout.split())
            if names != set(expect.exactly_running):
                result.fail(f"running containers are {sorted(names) or 'none'}, the page says "
                            f"{sorted(expect.exactly_running) or 'none'}")
        for kind, present, absent in (("image", expect.images, expect.no_images),
                                      ("volume", expect.volumes, expect.no_volumes),
                                      ("network", expect.networks, expect.no_networks)):
            for name in present:
                if self.inspect(kind, name, "{{.ID}}" if kind == "image" else "{{.Name}}") is None:
                    result.fail(f"{kind} {name} does not exist")
            for name in absent:
                if self.inspect(kind, name, "{{.ID}}" if kind == "image" else "{{.Name}}") is not None:
                    result.fail(f"{kind} {name} still exists")
        for name in expect.files:
            if not (self.cwd() / name).exists():
                result.fail(f"file {name} does not exist in {self.cwd().name}/")
        for name in expect.no_files:
            if (self.cwd() / name).exists():
                result.fail(f"file {name} still exists")
        for name in expect.owned_by_reader:
            path = self.cwd() / name
            if path.exists() and path.stat().st_uid != self.daemon.reader_uid:
                result.fail(f"{name} belongs to UID {path.stat().st_uid}, not to the reader ({self.daemon.reader_uid})")
        if expect.listening or expect.not_listening:
            listening = self.listening()
            for address in expect.listening:
                if address not in listening:
                    result.fail(f"nothing listens on {address} (listening: {', '.join(sorted(listening)) or 'none'})")
            for address in expect.not_listening:
                if address in listening:
                    result.fail(f"something listens on {address}; the page says nothing does")
        if expect.count_shown:
            match = re.search(expect.count_shown, output)
            if not match or self.count is None or int(match.group(1)) != self.count:
                result.fail(f"the count shown is {match.group(1) if match else 'missing'}; the page showed {self.count}")
        if expect.count_becomes:
            match = re.search(expect.count_becomes, output)
            if match:
                self.count = int(match.group(1))
            else:
                result.fail(f"no count matching {expect.count_becomes!r} in the output")
        for http in expect.browse:
            self.browse(http, result)

    def listening(self) -> set[str]:
        """The TCP and UDP addresses listening in the daemon's network, as `ss` prints them
        (`127.0.0.1:8080`, `0.0.0.0:5000`, `[::]:5000`): where published ports are open."""
        shown = subprocess.run(self.daemon.in_network(["ss", "--listening", "--numeric", "--no-header", "--tcp",
                                                       "--udp"]), capture_output=True, text=True, check=False)
        return {line.split()[4] for line in shown.stdout.splitlines() if len(line.split()) >= 5}

    def browse(self, http: Http, result: Result) -> tuple[int, str]:
        status, body = 0, ""
        for _ in range(http.reloads):
            deadline = time.monotonic() + http.retry
            while True:
                asked = time.monotonic()
                status, body = self.http_get(http.url, http.ca)
                took = time.monotonic() - asked
                good = status == http.status and all(t in body for t in http.contains) \
                    and not any(t in body for t in http.lacks)
                if good or time.monotonic() >= deadline:
                    break
                time.sleep(0.5)
            if not good:
                result.fail(f"{http.url} answered {status} {body.strip()[:100]!r}, expected {http.status}"
                            + (f" with {http.contains}" if http.contains else "")
                            + (f" without {http.lacks}" if http.lacks else ""))
                return status, body
            if http.within is not None and took > http.within:
                result.fail(f"{http.url} took {took:.1f} s to answer; the page says it answers at once "
                            f"(within {http.within:g} s)")
            if http.count:
                match = _COUNT.search(body)
                if not match:
                    result.fail(f"{http.url} shows no count")
                    return status, body
                count = int(match.group(1))
                expected = {"first": 1, "next": (self.count or 0) + 1, "any": count}[http.count]
                if http.count == "next" and self.count is None:
                    result.fail(f"{http.url}: no count seen before, so none to continue")
                elif count != expected:
                    result.fail(f"{http.url} shows the count {count}, expected {expected} "
                                f"({'a fresh count' if http.count == 'first' else 'one more than before'})")
                self.count = count
        result.notes.append(f"{http.url} answered {status}" + (f", count {self.count}" if http.count else ""))
        return status, body

