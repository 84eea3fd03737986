"""examples/counter/app.py against a real redis-server: what the chapters claim it does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from example_fixtures import (  # noqa: F401  (redis_server is a fixture)
    COUNTER,
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
    assert time.monotonic() - started < 5, "the short socket timeouts should answer quickly"
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
    source = (COUNTER / "app.py").read_text()
    section = source.split("# --8<-- [start:counter]\n", 1)[1].split("# --8<-- [end:counter]", 1)[0]
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


def test_image_command_runs_the_app_through_the_entrypoint(redis_server, tmp_path):
    """What the container does, minus Docker: ENTRYPOINT + CMD from the Dockerfile, then HEALTHCHECK.

    The commands come from the Dockerfile itself, with the port 5000 swapped for a free one.
    """
    import dockerfile

    instructions = {c.cmd: c for c in dockerfile.parse_file(str(COUNTER / "Dockerfile"))}
    port = str(free_port())
    entrypoint = [str(COUNTER / instructions["ENTRYPOINT"].value[0])]
    command = [port if part == "5000" else part for part in instructions["CMD"].value]
    health = instructions["HEALTHCHECK"].value
    assert health[0] == "CMD"
    health_command = [part.replace(":5000/", f":{port}/") for part in health[1:]]

    env = dict(
        os.environ,
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        REDIS_HOST="127.0.0.1",
        REDIS_PORT=str(redis_server.port),
        REDIS_WAIT="5",
        PYTHONDONTWRITEBYTECODE="1",
    )
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
        process.terminate()
        process.wait(timeout=10)
        log.seek(0)
        output = log.read()
        log.close()
    assert f"using Redis at 127.0.0.1:{redis_server.port}" in output
    assert "Redis answers" in output

    # With the app gone, the HEALTHCHECK command must report failure.
    unhealthy = subprocess.run(health_command, env=env, capture_output=True, timeout=10)
    assert unhealthy.returncode != 0


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
