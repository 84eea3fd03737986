"""The example's Dockerfile, entrypoint, .dockerignore and compose.yaml: linted, and checked
against what the chapters say about them."""

from __future__ import annotations

import os
import re
import subprocess

import dockerfile
import pathspec
import pytest
import yaml

from sitekit.snippets import includes, section_text
from example_fixtures import (  # noqa: F401  (redis_server is a fixture)
    COUNTER,
    ROOT,
    VENV_BIN,
    free_port,
    redis_server,
    tool,
)

ENTRYPOINT = COUNTER / "docker-entrypoint.sh"
# The images the chapters pull; pages, catalog and examples must agree on them.
APP_BASE_IMAGE = "python:3.14-slim"
REDIS_IMAGE = "redis:8.10-alpine"


# --- docker-entrypoint.sh -------------------------------------------------------------------


def run_entrypoint(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REDIS_")}
    environment["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    environment.update(env)
    return subprocess.run(
        ["sh", str(ENTRYPOINT), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_entrypoint_passes_arguments_through_unchanged():
    result = run_entrypoint("printf", "%s\n", "hello", "two words", "")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello\ntwo words\n\n"
    assert "using Redis at redis:6379" in result.stderr  # the defaults


def test_entrypoint_execs_the_command():
    """exec: the command takes over the shell's process, so it would be PID 1 in a container."""
    process = subprocess.Popen(
        ["sh", str(ENTRYPOINT), "sh", "-c", 'echo "$$"'],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    output, _ = process.communicate(timeout=30)
    assert int(output) == process.pid


def test_entrypoint_passes_the_exit_code_on():
    assert run_entrypoint("sh", "-c", "exit 3").returncode == 3


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("REDIS_PORT", "abc", "REDIS_PORT must be a port number, got 'abc'"),
        ("REDIS_PORT", "6379 ", "REDIS_PORT must be a port number, got '6379 '"),
        ("REDIS_PORT", "0", "REDIS_PORT must be between 1 and 65535, got '0'"),
        ("REDIS_PORT", "70000", "REDIS_PORT must be between 1 and 65535, got '70000'"),
        ("REDIS_WAIT", "5s", "REDIS_WAIT must be a number of seconds, got '5s'"),
    ],
)
def test_entrypoint_rejects_malformed_settings(variable, value, message):
    result = run_entrypoint("echo", "must not run", **{variable: value})
    assert result.returncode == 64
    assert result.stdout == ""
    assert result.stderr.strip() == f"docker-entrypoint.sh: {message}"


def test_entrypoint_waits_for_redis_when_asked(redis_server):
    result = run_entrypoint(
        "echo", "started", REDIS_HOST="127.0.0.1", REDIS_PORT=str(redis_server.port), REDIS_WAIT="10"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "started\n"
    assert "Redis answers" in result.stderr


def test_entrypoint_starts_anyway_when_redis_stays_down():
    result = run_entrypoint(
        "echo", "started", REDIS_HOST="127.0.0.1", REDIS_PORT=str(free_port()), REDIS_WAIT="1"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "started\n"
    assert "did not answer within 1s; starting anyway" in result.stderr


def test_shell_scripts_are_shellcheck_clean():
    scripts = sorted((ROOT / "examples").rglob("*.sh"))
    assert ENTRYPOINT in scripts
    result = subprocess.run(
        [tool("shellcheck"), "--shell=sh", *map(str, scripts)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_entrypoint_is_executable_in_git_and_in_the_image():
    """Executable in Git (mode 100755, so every checkout gets it, Windows included) and in the
    image (the Dockerfile copies it with --chmod=755, whatever the checkout did)."""
    mode = subprocess.run(["git", "ls-files", "--stage", str(ENTRYPOINT)], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.split()[0]
    assert mode == "100755"
    assert os.access(ENTRYPOINT, os.X_OK)
    assert ENTRYPOINT.read_text().startswith("#!/bin/sh\n")
    copies = [i for i in dockerfile.parse_file(str(COUNTER / "Dockerfile"))
              if i.cmd == "COPY" and ENTRYPOINT.name in i.value]
    assert copies and all("--chmod=755" in i.flags for i in copies), copies


# --- Dockerfile -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def instructions():
    return dockerfile.parse_file(str(COUNTER / "Dockerfile"))


def index_of(instructions, cmd: str, predicate=lambda c: True) -> int:
    for position, instruction in enumerate(instructions):
        if instruction.cmd == cmd and predicate(instruction):
            return position
    raise AssertionError(f"no matching {cmd} in the Dockerfile")


def test_dockerfile_is_hadolint_clean():
    result = subprocess.run(
        [tool("hadolint"), "--no-color", str(COUNTER / "Dockerfile")],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_dockerfile_base_image(instructions):
    from_lines = [c for c in instructions if c.cmd == "FROM"]
    assert [c.value for c in from_lines] == [(APP_BASE_IMAGE,)]


def test_dockerfile_installs_requirements_before_copying_the_code(instructions):
    """The optimizing chapter's cache rule: dependencies first, code last."""
    copy_requirements = index_of(instructions, "COPY", lambda c: c.value[0] == "requirements.txt")
    install = index_of(
        instructions, "RUN", lambda c: "pip install --no-cache-dir -r requirements.txt" in c.value[0]
    )
    copy_all = index_of(instructions, "COPY", lambda c: c.value == (".", "."))
    assert copy_requirements < install < copy_all


def test_dockerfile_runs_as_a_non_root_user(instructions):
    users = [c for c in instructions if c.cmd == "USER"]
    assert users, "no USER instruction"
    user = users[-1].value[0].split(":")[0]
    assert user not in {"root", "0"}
    assert index_of(instructions, "USER") < index_of(instructions, "CMD")
    # The user must exist: the RUN that creates it uses the same id.
    assert any(c.cmd == "RUN" and f"--uid {user}" in c.value[0] for c in instructions)


def test_dockerfile_exec_form_entrypoint_and_cmd(instructions):
    entrypoint = instructions[index_of(instructions, "ENTRYPOINT")]
    cmd = instructions[index_of(instructions, "CMD")]
    assert entrypoint.json and entrypoint.value == ("docker-entrypoint.sh",)
    assert cmd.json
    # Production: Gunicorn. The development server is the command override of the development
    # chapter (tests/test_example_app.py runs both).
    assert cmd.value == (
        "gunicorn", "--bind", "0.0.0.0:5000", "--workers", "2", "--access-logfile", "-",
        "--no-control-socket", "app:app",
    )
    copy_script = instructions[
        index_of(instructions, "COPY", lambda c: c.value[0] == "docker-entrypoint.sh")
    ]
    assert copy_script.value[1] == "/usr/local/bin/"  # on PATH, as ENTRYPOINT assumes
    assert "--chmod=755" in copy_script.flags


def test_dockerfile_keeps_the_default_stop_signal(instructions):
    # Gunicorn finishes its requests and exits on SIGTERM, what docker container stop sends by
    # default (test_example_app.py stops it that way); the pages say so.
    assert not [c for c in instructions if c.cmd == "STOPSIGNAL"]


def test_dockerfile_expose_healthcheck_labels_and_no_volume(instructions):
    assert instructions[index_of(instructions, "EXPOSE")].value == ("5000",)
    # No VOLUME: an image-declared volume gives every container an anonymous volume, hides
    # bind-mounted edits and keeps stale files across rebuilds. The sharing-data chapter mounts
    # a named volume explicitly instead.
    assert not [c for c in instructions if c.cmd == "VOLUME"]
    assert instructions[index_of(instructions, "WORKDIR")].value == ("/app",)
    health = instructions[index_of(instructions, "HEALTHCHECK")]
    assert health.value[0] == "CMD" and health.json
    assert "http://127.0.0.1:5000/healthz" in " ".join(health.value)
    labels = instructions[index_of(instructions, "LABEL")].value
    keys = labels[0::2]
    assert {"maintainer", "version"} <= set(keys)


def test_dockerfile_run_section_is_marked_for_pages():
    section = section_text(COUNTER / "Dockerfile", "run")
    assert 'ENTRYPOINT ["docker-entrypoint.sh"]' in section
    assert 'CMD ["gunicorn"' in section


# --- .dockerignore --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerignore() -> tuple[list[str], pathspec.PathSpec]:
    lines = (COUNTER / ".dockerignore").read_text().splitlines()
    patterns = [line for line in lines if line.strip() and not line.startswith("#")]
    return patterns, pathspec.PathSpec.from_lines("gitignore", patterns)


# Only paths where gitignore rules (pathspec) and Docker's rules (Go filepath.Match plus **,
# matched against the path from the context root) agree: e.g. "*.md" matches only top-level
# files for Docker but any depth for Git, so no nested .md file is checked.
EXCLUDED = [
    ".git/HEAD",
    ".git/objects/ab/cdef",
    "__pycache__/app.cpython-314.pyc",
    "public/__pycache__/x.cpython-314.pyc",
    "app.pyc",
    "public/.main.css.swp",
    ".app.py.swp",
    "NOTES.md",
    "CHANGELOG.md",
    ".env",
    ".venv/bin/python",
    "compose.yaml",
    "compose.override.yaml",  # the configuration page copies it next to compose.yaml
]
INCLUDED = [
    "app.py",
    "requirements.txt",
    "docker-entrypoint.sh",
    "public/main.css",
    "README.md",  # the ! exception
]


@pytest.mark.parametrize("path", EXCLUDED)
def test_dockerignore_excludes(dockerignore, path):
    assert dockerignore[1].match_file(path), path


@pytest.mark.parametrize("path", INCLUDED)
def test_dockerignore_keeps(dockerignore, path):
    assert not dockerignore[1].match_file(path), path


def test_dockerignore_keeps_every_file_the_dockerfile_copies(dockerignore, instructions):
    for instruction in instructions:
        if instruction.cmd == "COPY" and instruction.value[0] != ".":
            for source in instruction.value[:-1]:
                assert not dockerignore[1].match_file(source), source


def test_dockerignore_exception_comes_after_its_pattern(dockerignore):
    """The last matching line wins, so an exception before its pattern would do nothing."""
    patterns = dockerignore[0]
    assert "!README.md" in patterns
    assert patterns.index("*.md") < patterns.index("!README.md")
    assert patterns[-1] == "!README.md"


# --- compose.yaml ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((COUNTER / "compose.yaml").read_text())


def test_compose_file_is_valid_against_the_compose_specification():
    result = subprocess.run(
        [
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            str(COUNTER / "compose.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_names_follow_the_walkthrough(compose):
    assert "version" not in compose, "the Compose Specification has no version key"
    assert set(compose["services"]) == {"web2", "redis"}
    assert set(compose["networks"]) == {"firstnetwork"}
    assert set(compose["volumes"]) == {"web2_redis"}
    for service in compose["services"].values():
        assert service["networks"] == ["firstnetwork"]


def test_compose_web2_service(compose):
    web2 = compose["services"]["web2"]
    assert web2["build"] == "."
    assert web2["image"] == "web1"
    # This computer only (ports-and-the-host page); 5000 unless WEB_PORT is set (configuration page).
    assert web2["ports"] == ["127.0.0.1:${WEB_PORT:-5000}:5000"]
    assert web2["environment"]["REDIS_HOST"] == "redis"
    assert web2["depends_on"] == {"redis": {"condition": "service_healthy"}}


def test_compose_redis_service(compose):
    redis_service = compose["services"]["redis"]
    assert redis_service["image"] == REDIS_IMAGE
    assert redis_service["volumes"] == ["web2_redis:/data"]
    assert redis_service["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_pages_catalog_and_examples_use_the_same_images():
    """The pages, the command catalog and the example files name the same Redis and Python tags."""
    sources = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "assets" / "commands").glob("*.yaml")),
               *sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file())]
    for source in sources:
        text = source.read_text()
        for tag in re.findall(r"\bredis:\d(?:[\w.-]*\w)?", text):
            if re.fullmatch(r"redis:\d+", tag):
                continue  # host:port, as in "using Redis at redis:6379"
            assert tag == REDIS_IMAGE, f"{source.relative_to(ROOT)} uses {tag}"
        for tag in re.findall(r"\bpython:\d[\w.-]*slim\b", text):
            assert tag == APP_BASE_IMAGE, f"{source.relative_to(ROOT)} uses {tag}"


# --- pages include the files ----------------------------------------------------------------

# Kept out of pages on purpose: the folder's README is for people browsing the repository.
NOT_FOR_PAGES = {"README.md"}


def included_by_pages() -> dict[str, set[str]]:
    """examples/... path -> pages that include it (whole or a :section)."""
    found: dict[str, set[str]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for include in includes(page.read_text()):
            found.setdefault(include.file, set()).add(page.relative_to(ROOT / "docs").as_posix())
    return found


def example_files() -> list[str]:
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in COUNTER.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.relative_to(COUNTER).as_posix() not in NOT_FOR_PAGES
    )


def test_every_example_file_is_included_by_a_page():
    included = included_by_pages()
    missing = [path for path in example_files() if path not in included]
    assert not missing, "not included by any page under docs/: " + ", ".join(missing)


def test_pages_include_only_existing_example_files():
    existing = {path.relative_to(ROOT).as_posix() for path in ROOT.joinpath("examples").rglob("*")}
    wrong = sorted(p for p in included_by_pages() if p.startswith("examples/") and p not in existing)
    assert not wrong, "pages include missing files: " + ", ".join(wrong)


# --- requirements.txt -----------------------------------------------------------------------


def test_requirements_are_pinned_to_the_versions_the_tests_run():
    """The image installs exactly what these tests imported, so passing tests mean something."""
    from importlib.metadata import version

    lines = [
        line.split("#", 1)[0].strip()
        for line in (COUNTER / "requirements.txt").read_text().splitlines()
    ]
    pins = dict(line.split("==", 1) for line in lines if line)
    assert set(pins) == {"flask", "gunicorn", "redis"}
    for name, pinned in pins.items():
        assert version(name) == pinned, f"{name}: image gets {pinned}, tests ran {version(name)}"
