"""Every docker command on the site, checked against the Docker CLI's own reference."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit.catalog import load_catalog
from sitekit.cli_reference import CommandError, docker_lines, load_reference, parse_command

ROOT = Path(__file__).resolve().parent.parent
# Code blocks that hold commands a reader runs; output (`text`) and files (yaml, python) are skipped.
COMMAND_LANGUAGES = {"bash", "sh", "shell", "console", "powershell", "ps1", "zsh", ""}


def _language(code) -> str:
    for element in (code, code.parent, code.parent.parent):
        for cls in element.get("class", []) if element else []:
            if cls.startswith("language-"):
                return cls.removeprefix("language-")
    return ""


def test_reference_records_the_cli_version_and_commands():
    reference = load_reference()
    assert reference["cli_version"].split(".")[0] >= "28"
    for key in ("container run", "image build", "network create", "volume create", "compose up"):
        assert key in reference["commands"], key


def test_every_catalog_entry_is_valid_docker_syntax():
    catalog = load_catalog()  # raises on the first entry the CLI would reject
    assert len(catalog.commands) >= 40


def test_every_docker_line_on_every_page_is_valid(html_pages):
    reference = load_reference()
    problems = []
    checked = 0
    for key, soup in html_pages.items():
        for code in soup.select("article pre code"):
            if _language(code) not in COMMAND_LANGUAGES:
                continue
            for number, line in docker_lines(code.get_text()):
                checked += 1
                try:
                    parse_command(line, reference)
                except CommandError as error:
                    problems.append(f"{key}: {line!r}: {error}")
    assert not problems, "\n".join(problems)
    assert checked >= 40


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("docker image built -t web1:1.0 .", "'built'"),
        ("docker container exas -it web1_2 bash", "'exas'"),
        ("docker conatainer exec -it web1_2 touch x", "'conatainer'"),
        ("docker docker container run web1", "'docker'"),
        ("docker image tag username/web1", "at least 2"),
        ("docker container run --rm --net firstnetwork redis:8.10-alpine", "'--net'"),
        ("docker container run -x web1", "'-x'"),
        ("docker network create --driver bridge firstnetwork extra", "'extra'"),
        ("docker container run --publish", "needs a value"),
        ("docker volume inspect", "at least 1"),
    ],
)
def test_the_notes_mistakes_are_caught(line, token):
    with pytest.raises(CommandError) as caught:
        parse_command(line)
    assert token in str(caught.value)


@pytest.mark.parametrize(
    ("line", "key", "flags", "arguments"),
    [
        ("docker run --rm -itd -p 6379:6379 --name redis redis:8.10-alpine",
         "container run", ["--rm", "--interactive", "--tty", "--detach", "--publish", "--name"], ["redis:8.10-alpine"]),
        ("docker container exec -it web1_2 ls -la", "container exec", ["--interactive", "--tty"], ["web1_2", "ls", "-la"]),
        ("docker ps -a", "container ls", ["--all"], []),
        ("docker build -t web1 .", "image build", ["--tag"], ["."]),
        ("docker container inspect --format '{{.NetworkSettings.IPAddress}}' redis",
         "container inspect", ["--format"], ["redis"]),
        ("docker container run --env=FLASK_DEBUG=1 -p5001:5000 web1", "container run", ["--env", "--publish"], ["web1"]),
        ("docker container logs --follow web1 | head", "container logs", ["--follow"], ["web1"]),
        ("docker compose up --detach --wait", "compose up", ["--detach", "--wait"], []),
    ],
)
def test_valid_lines_parse_like_the_cli(line, key, flags, arguments):
    parsed = parse_command(line)
    assert (parsed.key, parsed.flags, parsed.arguments) == (key, flags, arguments)


def test_continued_lines_are_joined():
    code = 'docker container run --detach \\\n  --name web2 \\\n  web1\necho done\n'
    assert docker_lines(code) == [(1, "docker container run --detach --name web2 web1")]


@pytest.mark.skipif(shutil.which("docker") is None, reason="no Docker CLI on this machine to compare with")
def test_reference_file_is_what_the_local_cli_says(tmp_path):
    """The committed reference matches the local CLI, when it is the version the file records."""
    reference = load_reference()
    version = subprocess.run(["docker", "--version"], capture_output=True, text=True).stdout
    if reference["cli_version"] not in version:
        pytest.skip(f"local CLI is not {reference['cli_version']}: {version.strip()}")
    out = tmp_path / "reference.json"
    env = dict(os.environ, CLI_REFERENCE_OUTPUT=str(out))
    subprocess.run([sys.executable, str(ROOT / "scripts" / "update_cli_reference.py")], check=True, env=env,
                   capture_output=True)
    assert json.loads(out.read_text()) == reference, "run scripts/update_cli_reference.py and commit the result"


def test_docker_lines_outside_blocks_are_catalog_commands(html_pages):
    """A docker command typed into a page outside an explanation block repeats a catalog entry
    (or one of its aliases), so every command the site teaches has its flags explained somewhere."""
    catalog = load_catalog()
    known = {e.entry.command for e in catalog.commands.values()}
    known |= {alias for e in catalog.commands.values() for alias in e.entry.aliases}
    strays = []
    for key, soup in html_pages.items():
        if key.startswith("print_page/"):
            continue
        for code in soup.select("article pre code"):
            if code.find_parent(class_="cmd-block") or _language(code) not in COMMAND_LANGUAGES:
                continue
            strays += [f"{key}: {line}" for _, line in docker_lines(code.get_text()) if line not in known]
    assert not strays, "\n".join(strays)
