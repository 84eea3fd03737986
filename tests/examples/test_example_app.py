"""examples/counter/app.py against a real redis-server: what the chapters claim it does."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from pathlib import Path

import pytest
import yaml

from sitekit.snippets import section_text
from example_fixtures import (  # noqa: F401  (redis_server is a fixture)
    COUNTER,
    ROOT,
    VENV_BIN,
    RedisServer,
    free_port,
    load_app,
    redis_binary,
    redis_server,
)

COUNT = re.compile(r'<strong id="count">(\d+)</strong>')


def count_in(body: str) -> int:
    match = COUNT.search(body)
    assert match, f"no count in page:\n{body}"
    return int(match.group(1))


def test_counter_increments_on_each_request(monkeypatch, redis_server):
    app = load_app(monkeypatch, "127.0.0.1", redis_server.port).app
    client = app.test_client()

    counts = []
    for _ in range(3):
        response = client.get("/")
        assert response.status_code == 200
        assert response.mimetype == "text/html"
        counts.append(count_in(response.get_data(as_text=True)))

    assert counts == [1, 2, 3]
    # The page and the redis-cli steps of the networking chapter use the same key.
    assert int(redis_server.client().get("web2_counter")) == 3


def test_count_continues_after_redis_restarts_from_its_saved_data(monkeypatch, redis_server):
    """The persisting-data chapter: SAVE, stop Redis, start it on the same data, count on."""
    client = load_app(monkeypatch, "127.0.0.1", redis_server.port).app.test_client()
    for _ in range(2):
        client.get("/")
    redis_server.client().incrby("web2_counter", 10)  # the chapter's INCRBY step
    assert redis_server.client().save()
    assert (redis_server.data_dir / "dump.rdb").is_file()

    redis_server.restart()

    response = client.get("/")
    assert response.status_code == 200
    assert count_in(response.get_data(as_text=True)) == 13


def test_without_a_save_the_count_is_lost(monkeypatch, redis_server):
    """The counter-example the chapter gives: with --save "" and no SAVE, a restart forgets."""
    client = load_app(monkeypatch, "127.0.0.1", redis_server.port).app.test_client()
    client.get("/")
    redis_server.restart()
    assert count_in(client.get("/").get_data(as_text=True)) == 1


def test_unreachable_redis_gives_503_and_the_app_recovers(monkeypatch, tmp_path):
    binary = redis_binary()
    port = free_port()  # nothing listens here yet
    client = load_app(monkeypatch, "127.0.0.1", port).app.test_client()

    started = time.monotonic()
    response = client.get("/")
    # The page says the app answers at once: no retries with pauses between them.
    assert time.monotonic() - started < 1, "an unreachable Redis should give a 503 at once"
    assert response.status_code == 503
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == f"Error: cannot reach Redis at 127.0.0.1:{port}.\n"

    # The app kept running: once Redis starts on that port, the same app counts.
    (tmp_path / "data").mkdir()
    server = RedisServer(binary, tmp_path / "data", port=port)
    server.start()
    try:
        response = client.get("/")
        assert response.status_code == 200
        assert count_in(response.get_data(as_text=True)) == 1
    finally:
        server.stop()


def test_default_redis_address_is_the_container_name(monkeypatch):
    """Without settings the app looks for the container (and Compose service) named redis."""
    module = load_app(monkeypatch, None, None)
    assert (module.REDIS_HOST, module.REDIS_PORT) == ("redis", 6379)


def test_healthz_answers_without_redis(monkeypatch):
    client = load_app(monkeypatch, "127.0.0.1", free_port()).app.test_client()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True).strip() == "ok"


def test_stylesheet_is_served_from_public(monkeypatch, redis_server):
    client = load_app(monkeypatch, "127.0.0.1", redis_server.port).app.test_client()
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'href="(/static/[^"]+)"', page)
    assert "/static/main.css" in links
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        name = link.removeprefix("/static/")
        assert response.data == (COUNTER / "public" / name).read_bytes()
        response.close()
    css = client.get("/static/main.css")
    assert css.mimetype == "text/css"
    css.close()


def test_counter_section_is_marked_for_pages():
    section = section_text(COUNTER / "app.py", "counter")
    assert '@app.get("/")' in section
    assert "web2_counter" in section
    assert "503" in section


def wait_for(url: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def image_commands(port: str) -> tuple[list[str], list[str], list[str]]:
    """ENTRYPOINT, CMD and HEALTHCHECK from the Dockerfile itself, with port 5000 swapped for a free one."""
    import dockerfile

    instructions = {c.cmd: c for c in dockerfile.parse_file(str(COUNTER / "Dockerfile"))}
    entrypoint = [str(COUNTER / instructions["ENTRYPOINT"].value[0])]
    command = [part.replace("0.0.0.0:5000", f"0.0.0.0:{port}") for part in instructions["CMD"].value]
    health = instructions["HEALTHCHECK"].value
    assert health[0] == "CMD"
    return entrypoint, command, [part.replace(":5000/", f":{port}/") for part in health[1:]]


def dev_command(port: str) -> list[str]:
    """What the development chapter types after the image name in place of the CMD."""
    entry = next(e for e in yaml.safe_load((ROOT / "assets/commands/developing-in-containers.yaml").read_text())
                 if e["id"] == "run-web1-2-bind")
    words = shlex.split(entry["command"])
    command = words[words.index("web1") + 1:]
    assert command[:4] == ["flask", "--app", "app", "run"], command
    return [port if part == "5000" else part for part in command]


def container_env(redis_port: int, **extra: str) -> dict[str, str]:
    """The environment the image gives the app (python:3.14-slim with requirements.txt only)."""
    return dict(
        os.environ,
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        # The image installs only requirements.txt: no watchdog, so Flask's reloader is the
        # stat reloader the development chapter shows. This venv has watchdog (MkDocs needs it).
        PYTHONPATH=str(NO_WATCHDOG),
        REDIS_HOST="127.0.0.1",
        REDIS_PORT=str(redis_port),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
        **extra,
    )


@pytest.fixture(scope="module", autouse=True)
def _hide_watchdog(tmp_path_factory):
    global NO_WATCHDOG
    NO_WATCHDOG = tmp_path_factory.mktemp("no-watchdog")
    (NO_WATCHDOG / "watchdog").mkdir()
    (NO_WATCHDOG / "watchdog" / "__init__.py").write_text("raise ImportError('not in the image')\n")
    assert "watchdog" not in (COUNTER / "requirements.txt").read_text()


NO_WATCHDOG = Path()


def stop(process: subprocess.Popen, sig: int, timeout: float = 5.0) -> float:
    """Send a signal and return how long the process took to exit (fail if it did not)."""
    started = time.monotonic()
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        pytest.fail(f"still running {timeout}s after {signal.Signals(sig).name}")
    return time.monotonic() - started


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["docker-stop", "ctrl-c"])
def test_image_command_runs_gunicorn_through_the_entrypoint(redis_server, tmp_path, sig):
    """The container minus Docker: ENTRYPOINT + CMD (Gunicorn) against a real Redis, the
    HEALTHCHECK, the log lines the pages show, and a quick stop on SIGTERM (docker container
    stop) and SIGINT (Ctrl+C)."""
    port = str(free_port())
    entrypoint, command, health_command = image_commands(port)
    assert command[0] == "gunicorn"
    env = container_env(redis_server.port, REDIS_WAIT="5")
    log = (tmp_path / "app.log").open("w+")
    process = subprocess.Popen(
        ["sh", *entrypoint, *command], cwd=COUNTER, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        first = wait_for(f"http://127.0.0.1:{port}/")
        second = wait_for(f"http://127.0.0.1:{port}/")
        assert count_in(second) == count_in(first) + 1
        healthy = subprocess.run(health_command, env=env, capture_output=True, timeout=10)
        assert healthy.returncode == 0, healthy.stderr
    finally:
        took = stop(process, sig)
        log.seek(0)
        output = log.read()
        log.close()
    assert took < 3, f"Gunicorn took {took:.1f}s to stop"
    assert process.returncode == 0
    assert f"using Redis at 127.0.0.1:{redis_server.port}" in output
    assert "Redis answers" in output
    assert "Starting gunicorn 27.0.1" in output
    assert output.count("Booting worker with pid") == 2
    assert re.search(r'"GET / HTTP/1.1" 200 \d+', output), output  # --access-logfile -
    assert "Control socket" not in output  # --no-control-socket
    assert "development server" not in output
    assert ("Handling signal: term" if sig == signal.SIGTERM else "Handling signal: int") in output

    # With the app gone, the HEALTHCHECK command must report failure.
    unhealthy = subprocess.run(health_command, env=env, capture_output=True, timeout=10)
    assert unhealthy.returncode != 0


def test_development_command_reloads_on_edits_and_warns(redis_server, tmp_path):
    """The development chapter: the same entrypoint with Flask's development server in place
    of the CMD, on a bind-mounted copy of the code (here: a copy in tmp_path). It prints the
    lines the page shows, serves the app, reloads an edited app.py, and stops on SIGTERM."""
    app_dir = tmp_path / "app"
    shutil.copytree(COUNTER, app_dir, ignore=shutil.ignore_patterns("__pycache__"))
    port = str(free_port())
    entrypoint, _, _ = image_commands(port)
    command = dev_command(port)
    log = (tmp_path / "dev.log").open("w+")
    process = subprocess.Popen(
        ["sh", str(app_dir / Path(entrypoint[0]).name), *command],
        cwd=app_dir, env=container_env(redis_server.port), stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        assert count_in(wait_for(f"http://127.0.0.1:{port}/")) == 1
        assert wait_for(f"http://127.0.0.1:{port}/healthz") == "ok\n"
        source = app_dir / "app.py"
        source.write_text(source.read_text().replace('return "ok\\n"', 'return "ok, reloaded\\n"'))
        deadline = time.monotonic() + 15
        while wait_for(f"http://127.0.0.1:{port}/healthz") != "ok, reloaded\n":
            assert time.monotonic() < deadline, "the reloader did not pick up the edit"
            time.sleep(0.2)
    finally:
        took = stop(process, signal.SIGTERM)
        log.seek(0)
        output = log.read()
        log.close()
    assert took < 3
    for line in (
        " * Debug mode: on",
        "WARNING: This is a development server. Do not use it in a production deployment. "
        "Use a production WSGI server instead.",
        " * Running on all addresses (0.0.0.0)",
        " * Restarting with stat",
        " * Debugger is active!",
        " * Detected change in ",
    ):
        assert line in output, f"{line!r} not in:\n{output}"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
