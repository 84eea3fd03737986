"""Example files of the pages after the chapters: compose.yaml's develop section and port variable,
the BuildKit and build-secret variants of the Dockerfile, their Compose file, and daemon.json."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import dockerfile
import pathspec
import pytest
import yaml

from sitekit.snippets import includes, section_text
from example_fixtures import COUNTER, ROOT, tool
from tooling import missing

from scripts import docker_toolchain

SNIPPETS = ROOT / "examples" / "snippets"
DAEMON_JSON = ROOT / "examples" / "daemon" / "daemon.json"
APP_BASE_IMAGE = "python:3.14-slim"
PAGES = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("*.md")}


def _included(path: str, page: str) -> bool:
    return path in {include.file for include in includes(PAGES[page])}


def _instructions(path):
    return dockerfile.parse_file(str(path))


def _stages(instructions) -> dict[str, list]:
    stages: dict[str, list] = {}
    current = None
    for instruction in instructions:
        if instruction.cmd == "FROM":
            current = instruction.value[-1] if len(instruction.value) == 3 else f"#{len(stages)}"
            stages[current] = [instruction]
        elif current is not None:
            stages[current].append(instruction)
    return stages


def _last(instructions, cmd):
    return [i for i in instructions if i.cmd == cmd][-1]


# --- compose.yaml: the port variable and the develop section --------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((COUNTER / "compose.yaml").read_text(encoding="utf-8"))


def _interpolate(text: str, environment: dict[str, str]) -> str:
    """Compose's ${NAME:-default}: the variable's value, or the default when it is unset or empty."""
    return re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: environment.get(m[1]) or m[2], text)


@pytest.mark.parametrize(("environment", "published"), [({}, "5000"), ({"WEB_PORT": ""}, "5000"),
                                                        ({"WEB_PORT": "5050"}, "5050")])
def test_the_published_port_comes_from_web_port(compose, environment, published):
    (port,) = compose["services"]["web2"]["ports"]
    assert _interpolate(port, environment) == f"127.0.0.1:{published}:5000"


def test_dotenv_stays_out_of_the_image():
    """The dev-loop page puts WEB_PORT in .env; .dockerignore keeps that file out of the build."""
    patterns = [line for line in (COUNTER / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert pathspec.PathSpec.from_lines("gitignore", patterns).match_file(".env")


def test_watch_rules_name_real_files_and_their_place_in_the_image(compose):
    rules = compose["services"]["web2"]["develop"]["watch"]
    instructions = _instructions(COUNTER / "Dockerfile")
    workdir = _last(instructions, "WORKDIR").value[0]
    assert any(i.cmd == "COPY" and i.value == (".", ".") for i in instructions), "the code is copied to WORKDIR"
    patterns = [line for line in (COUNTER / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    ignored = pathspec.PathSpec.from_lines("gitignore", patterns)
    actions = {}
    for rule in rules:
        path = rule["path"].removeprefix("./")
        assert (COUNTER / path).exists(), path
        assert not ignored.match_file(path), f"{path} is in .dockerignore, so watch would never sync it"
        actions[path] = rule["action"]
        if rule["action"].startswith("sync"):
            assert rule["target"] == f"{workdir}/{path}", rule
    # Gunicorn loads the code once (sync+restart), stylesheets are read per request (sync), and
    # new packages need a new image. Compose Watch skips whatever .dockerignore lists (the
    # Dockerfile among them), so a rule for such a file would never fire: the assert above.
    assert actions == {"app.py": "sync+restart", "public": "sync", "requirements.txt": "rebuild"}


def test_the_develop_section_is_marked_for_the_dev_loop_page():
    section = section_text(COUNTER / "compose.yaml", "develop")
    assert yaml.safe_load(section)["develop"]["watch"]
    assert _included("examples/counter/compose.yaml", "dev-loop")


# --- buildkit.Dockerfile ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def buildkit():
    return _instructions(SNIPPETS / "buildkit.Dockerfile")


def test_buildkit_variant_picks_python_with_a_build_argument(buildkit):
    assert buildkit[0].cmd == "ARG" and buildkit[0].value == ("PYTHON_VERSION=3.14",)
    base = buildkit[1]
    assert base.cmd == "FROM" and base.value[0] == "python:${PYTHON_VERSION}-slim"
    default = base.value[0].replace("${PYTHON_VERSION}", buildkit[0].value[0].split("=", 1)[1])
    assert default == APP_BASE_IMAGE


def test_buildkit_variant_stages_for_target(buildkit):
    stages = _stages(buildkit)
    assert list(stages) == ["app", "dev", "production"], "production last: the default target"
    assert all(stage[0].value[0] == "app" for name, stage in stages.items() if name != "app")
    dev = stages["dev"]
    assert any(i.cmd == "ENV" and "FLASK_DEBUG" in i.value for i in dev)
    assert _last(dev, "CMD").value[:3] == ("flask", "--app", "app")
    assert len(stages["production"]) == 1, "production is the app stage unchanged"


def test_cache_mount_is_pips_own_cache_folder(buildkit):
    """pip, run as root as in the build, keeps its downloads where the cache mount is."""
    run = next(i for i in buildkit if i.cmd == "RUN" and "pip install" in i.value[0])
    mount = dict(part.split("=", 1) for flag in run.flags if flag.startswith("--mount=")
                 for part in flag.removeprefix("--mount=").split(","))
    assert mount["type"] == "cache"
    assert "--no-cache-dir" not in run.value[0], "the cache mount is there to be used"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "XDG_"))}
    environment["HOME"] = "/root"
    pip_cache = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True,
                               env=environment, check=True).stdout.strip()
    assert mount["target"] == pip_cache == "/root/.cache/pip"
    users = [i for i in buildkit if i.cmd == "USER"]
    assert buildkit.index(users[0]) > buildkit.index(run), "pip runs as root, before USER"


@pytest.mark.parametrize("variant", ["buildkit.Dockerfile", "build-secret.Dockerfile"])
def test_variant_runs_the_app_as_the_example_image_does(variant):
    """Apart from what each variant shows, it builds and runs the app as examples/counter/Dockerfile."""
    app = _instructions(COUNTER / "Dockerfile")
    ours = _stages(_instructions(SNIPPETS / variant))
    first = next(iter(ours.values()))
    for cmd in ("ENTRYPOINT", "CMD", "HEALTHCHECK", "USER", "EXPOSE", "WORKDIR"):
        assert _last(first, cmd).value == _last(app, cmd).value, cmd
    assert [i.value for i in first if i.cmd == "COPY"] == [i.value for i in app if i.cmd == "COPY"]


# --- build-secret.Dockerfile and compose.build-secret.yaml --------------------------------------


@pytest.fixture(scope="module")
def secret_mount() -> dict[str, str]:
    run = next(i for i in _instructions(SNIPPETS / "build-secret.Dockerfile") if i.cmd == "RUN" and "pip" in i.value[0])
    return dict(part.split("=", 1) for flag in run.flags if flag.startswith("--mount=")
                for part in flag.removeprefix("--mount=").split(","))


def test_the_secret_is_where_pip_reads_its_configuration(secret_mount):
    assert secret_mount["type"] == "secret"
    debug = subprocess.run([sys.executable, "-m", "pip", "config", "debug"], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if not k.startswith("PIP_")}, check=True).stdout
    global_files = debug.split("global:", 1)[1].split("site:", 1)[0]
    assert f"{secret_mount['target']}, exists:" in global_files, debug


def test_the_secret_stays_out_of_the_image():
    instructions = _instructions(SNIPPETS / "build-secret.Dockerfile")
    assert not [i for i in instructions if i.cmd == "ARG"], "build arguments are not for secrets"
    assert not [i for i in instructions if i.cmd == "ENV" and re.search(r"PIP_|TOKEN|PASSWORD", " ".join(i.value))]
    assert _instructions(SNIPPETS / "build-secret.Dockerfile")[0].value == (APP_BASE_IMAGE,)


def test_every_place_names_the_same_secret(secret_mount):
    compose = yaml.safe_load((SNIPPETS / "compose.build-secret.yaml").read_text(encoding="utf-8"))
    build = compose["services"]["web2"]["build"]
    assert build["dockerfile"] == "build-secret.Dockerfile"
    assert build["secrets"] == [secret_mount["id"]]
    assert secret_mount["id"] in compose["secrets"]
    catalog = yaml.safe_load((ROOT / "assets" / "commands" / "security.yaml").read_text(encoding="utf-8"))
    command = next(e["command"] for e in catalog if e["id"] == "build-secret")
    assert f"--secret id={secret_mount['id']}," in command
    assert "--file build-secret.Dockerfile" in command


def test_compose_build_secret_file_is_valid_compose():
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
                             str(SNIPPETS / "compose.build-secret.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _included("examples/snippets/compose.build-secret.yaml", "security")


# --- daemon.json ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerd() -> list[str]:
    try:
        bin_dir = docker_toolchain.ensure_engine()
    except docker_toolchain.ToolchainError as error:
        missing(f"no Docker Engine of the recorded version: {error}")
    return [str(bin_dir / "dockerd"), str(bin_dir)]


def _validate(dockerd, path) -> subprocess.CompletedProcess:
    binary, bin_dir = dockerd
    # dockerd checks that docker-proxy is on PATH, as it would be in an installation.
    environment = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run([binary, "--validate", "--config-file", str(path)], capture_output=True, text=True,
                          env=environment, timeout=60)


def test_daemon_json_is_valid_for_dockerd(dockerd):
    result = _validate(dockerd, DAEMON_JSON)
    assert (result.returncode, (result.stdout + result.stderr).strip()) == (0, "configuration OK")
    settings = json.loads(DAEMON_JSON.read_text(encoding="utf-8"))
    assert settings["log-driver"] == "local"
    assert set(settings["log-opts"]) == {"max-size", "max-file"}
    assert _included("examples/daemon/daemon.json", "logs")


def test_log_opts_written_as_numbers_are_refused(dockerd, tmp_path):
    """What the logs page says: values in log-opts are strings."""
    settings = json.loads(DAEMON_JSON.read_text(encoding="utf-8"))
    settings["log-opts"]["max-file"] = int(settings["log-opts"]["max-file"])
    bad = tmp_path / "daemon.json"
    bad.write_text(json.dumps(settings), encoding="utf-8")
    result = _validate(dockerd, bad)
    assert result.returncode != 0 and "max-file of type string" in result.stderr


# --- the database, CI and deploy pages' files ----------------------------------------------------

DATABASE = ROOT / "examples" / "database"
DEPLOY = ROOT / "examples" / "deploy"
IMAGE_WORKFLOW = ROOT / "examples" / "counter" / ".github" / "workflows" / "image.yml"


@pytest.mark.parametrize("path", [DATABASE / "compose.yaml", DEPLOY / "compose.yaml"], ids=lambda p: p.parent.name)
def test_next_steps_compose_files_are_valid(path):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("path", "page"), [
    ("examples/database/compose.yaml", "database"), ("examples/database/initdb/01-visits.sql", "database"),
    ("examples/deploy/compose.yaml", "deploy"), ("examples/deploy/nginx.conf", "deploy"),
    ("examples/counter/.github/workflows/image.yml", "ci"), ("examples/snippets/uname.Dockerfile", "multi-platform"),
])
def test_next_steps_files_are_on_their_pages(path, page):
    assert _included(path, page)


def test_the_server_publishes_only_the_proxy():
    """docs/deploy.md: only 80 and 443, on the proxy; Gunicorn and Redis on an internal network."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["proxy"]["ports"] == ["80:80", "443:443"]
    assert [name for name, service in services.items() if "ports" in service] == ["proxy"]
    assert compose["networks"]["back"] == {"internal": True}
    assert set(services["proxy"]["networks"]) == {"front", "back"}
    assert services["web"]["networks"] == ["back"] and services["redis"]["networks"] == ["back"]
    assert services["web"]["image"].startswith("${WEB_IMAGE:?")
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_proxy_reaches_the_app_by_name_and_looks_it_up_again():
    """The nginx configuration passes requests to web:5000 through a variable, with Docker's DNS as
    resolver, so a replaced container's new address is found; it mounts the certificates the page makes."""
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"^resolver 127\.0\.0\.11 valid=\d+s;$", conf, re.MULTILINE)
    assert "set $app http://web:5000;" in conf and "proxy_pass $app;" in conf
    assert "listen 443 ssl;" in conf and "return 301 https://$host$request_uri;" in conf
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    mounts = compose["services"]["proxy"]["volumes"]
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in mounts and "./certs:/etc/nginx/certs:ro" in mounts
    for name in ("server.crt", "server.key"):
        assert f"/etc/nginx/certs/{name}" in conf


def test_postgres_compose_matches_the_page():
    """docs/database.md: the volume on /var/lib/postgresql (18 and later), init scripts read-only,
    the password from a secret file, and a health check over TCP."""
    db = yaml.safe_load((DATABASE / "compose.yaml").read_text(encoding="utf-8"))["services"]["db"]
    assert db["image"] == "postgres:18"
    assert "pgdata:/var/lib/postgresql" in db["volumes"]
    assert "./initdb:/docker-entrypoint-initdb.d:ro" in db["volumes"]
    assert db["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"
    assert db["healthcheck"]["test"][:4] == ["CMD", "pg_isready", "--host", "127.0.0.1"]


def test_the_workflow_tests_before_it_pushes():
    """docs/ci.md: build and load, test with ci/test-image.sh, then sign in and push, never for pull requests."""
    workflow = yaml.safe_load(IMAGE_WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["image"]["steps"]
    names = [step.get("uses", "").split("@")[0] or step.get("run") for step in steps]
    assert names.index("sh ci/test-image.sh web1:test") < names.index("docker/login-action")
    first, last = [s for s in steps if s.get("uses", "").startswith("docker/build-push-action@")]
    assert first["with"]["load"] is True and "push" not in first["with"]
    assert last["with"]["push"] is True and last["if"] == "github.event_name != 'pull_request'"
    assert workflow["jobs"]["image"]["permissions"] == {"contents": "read", "packages": "write"}
    assert (ROOT / "examples" / "counter" / "ci" / "test-image.sh").is_file()
