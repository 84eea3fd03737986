"""Shared helpers for the tests of examples/counter: a real redis-server and the app module.

Imported by tests/test_example_*.py (not a conftest, so it stays out of other test files).
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tooling import missing
import redis
from sitekit.project import ROOT

COUNTER = ROOT / "examples" / "counter"
VENV_BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """Path of a linter installed in the venv next to this Python, else on PATH."""
    candidate = VENV_BIN / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not installed (expected in {VENV_BIN} or on PATH)")
    return found


def free_port() -> int:
    """A loopback port that nothing listens on (so it is also a good "Redis is down" port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """Debian's redis-server on a loopback port, with its own data directory."""

    def __init__(self, binary: str, data_dir: Path, port: int | None = None) -> None:
        self.binary = binary
        self.data_dir = data_dir
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def start(self, timeout: float = 10.0) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--dir", str(self.data_dir),
                "--dbfilename", "dump.rdb",
                # No automatic snapshots: the tests SAVE explicitly, like the persisting chapter.
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--logfile", str(self.data_dir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.data_dir / "redis.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"redis-server exited with {self.process.returncode}:\n{log}")
            try:
                if self.client().ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"redis-server did not answer PING on port {self.port} within {timeout}s")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def redis_binary() -> str:
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if binary is None:
        missing("redis-server is not installed (Debian package redis-server)")
    return binary


@pytest.fixture
def redis_server(tmp_path: Path):
    """A running redis-server; stopped at the end of the test, whatever happens."""
    data_dir = tmp_path / "redis-data"
    data_dir.mkdir()
    server = RedisServer(redis_binary(), data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def load_app(monkeypatch: pytest.MonkeyPatch, host: str | None, port: int | None):
    """Import examples/counter/app.py afresh with REDIS_HOST and REDIS_PORT set (None: unset).

    app.py reads the environment at import time, like it does when the container starts, so
    each call gives a new module under a unique name.
    """
    for variable, value in (("REDIS_HOST", host), ("REDIS_PORT", port)):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, str(value))
    name = f"counter_app_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(name, COUNTER / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Flask finds its root path (and so public/) through sys.modules[import_name];
    # setitem removes the module again when the test ends.
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module
