"""Every docker command on the site, checked against the Docker CLI's own reference."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from sitekit.catalog import load_catalog
from sitekit.cli_reference import REFERENCE_PATH as REFERENCE_FILE
from sitekit.cli_reference import CommandError, docker_lines, load_reference, parse_command
from scripts.latest_docker_releases import release_version
from scripts import latest_docker_releases
from sitekit.project import ROOT
from page_blocks import COMMAND_LANGUAGES, block_language
from tooling import missing





def _in_a_file(code) -> bool:
    """A block with a title bar shows a file (a script such as ci/test-image.sh): its docker lines
    run inside it, with redirections and variables, rather than being typed by the reader."""
    block = code.find_parent(class_="highlight")
    return block is not None and block.find(class_="filename") is not None


def test_reference_records_where_it_came_from():
    """Each source: its repository, a release tag and the full commit, and today's major versions."""
    reference = load_reference()
    sources = reference.sources
    assert {name: s.repository for name, s in sources.items()} == {
        "docker-cli": "docker/cli", "buildx": "docker/buildx", "compose": "docker/compose"}
    for source in sources.values():
        assert re.fullmatch(r"v\d+\.\d+\.\d+", source.version), source
        assert re.fullmatch(r"[0-9a-f]{40}", source.commit), source
    assert release_version(sources["docker-cli"].version) >= (29,)
    assert release_version(sources["buildx"].version) >= (0, 36)
    assert release_version(sources["compose"].version) >= (5,)
    for key in ("container run", "buildx build", "network create", "volume create", "compose up",
                "compose watch", "system df", "buildx prune"):
        assert key in reference.commands, key
    assert reference.commands["compose up"].source == "compose"
    assert reference.commands["buildx build"].source == "buildx"


def test_every_catalog_entry_is_valid_docker_syntax():
    catalog = load_catalog()  # raises on the first entry the CLI would reject
    assert len(catalog.commands) >= 40


def test_every_docker_line_on_every_page_is_valid(html_pages):
    reference = load_reference()
    problems = []
    checked = 0
    for key, soup in html_pages.items():
        for code in soup.select("article pre code"):
            if block_language(code) not in COMMAND_LANGUAGES:
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
        ("docker compose --no-such-flag up", "'--no-such-flag'"),
        ("docker compose upp", "unknown subcommand 'upp' of 'docker compose'"),
        ("docker buildx bulid .", "unknown subcommand 'bulid' of 'docker buildx'"),
        ("docker build --squash .", "'--squash'"),
        ("docker init --language python", "Docker Desktop plugin"),
        ("docker", "no command"),
        ("docker container --hlep", "'--hlep'"),
        ("docker compose --file", "needs a value"),
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
        ("docker build -t web1 .", "buildx build", ["--tag"], ["."]),
        ("docker image build --tag web1 --target production .", "buildx build", ["--tag", "--target"], ["."]),
        ("docker builder prune --all --force", "buildx prune", ["--all", "--force"], []),
        ("docker compose -f compose.yaml --project-name demo up -d", "compose up",
         ["--file", "--project-name", "--detach"], []),
        ("docker compose logs --follow --tail 5 web2", "compose logs", ["--follow", "--tail"], ["web2"]),
        ("docker compose exec redis redis-cli -n 0 GET x", "compose exec", [], ["redis", "redis-cli", "-n", "0", "GET", "x"]),
        ("docker image ls --all", "image ls", ["--all"], []),
        ("docker --context remote container ls", "container ls", ["--context"], []),
        ("docker compose --file other.yaml build", "compose build", ["--file"], []),
        ("docker compose logs -f web2", "compose logs", ["--follow"], ["web2"]),
        ("docker compose -f other.yaml logs -f", "compose logs", ["--file", "--follow"], []),
        ("docker container run --help", "container run", ["--help"], []),
        ("docker run -h myhost redis:8.10-alpine", "container run", ["--hostname"], ["redis:8.10-alpine"]),
        ("docker network ls -h", "network ls", ["--help"], []),
        ("docker container --help", "container", ["--help"], []),
        ("docker --help", "", ["--help"], []),
        ("docker --version", "", ["--version"], []),
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


def test_reference_file_is_what_the_real_cli_and_sources_say():
    """Regenerate the reference from the real CLI of the recorded version (with its Buildx plugin)
    and Compose's generated reference at the recorded tag: the committed file must be identical.

    dev.py provides the binaries (built from a local mirror of Docker's sources when the
    DOCKER_UPSTREAM_MIRROR setting names one, else Docker's release binaries); on GitHub, ci.yml
    and the freshness workflow run this with Docker's static binaries and shallow clones."""
    update = _update_script()
    try:
        text = update.generate(update.recorded_tags())
    except (update.SourceError, update.docker_toolchain.ToolchainError) as error:
        missing(f"cannot get the CLI or sources of the recorded versions: {error}")
    assert text == REFERENCE_FILE.read_text(encoding="utf-8"), \
        "the committed reference differs from what the sources give: run scripts/update_cli_reference.py"


# Documented commands the reference rightly differs from, and why.
REPLACED_BY_BUILDX = {"build", "builder build", "image build", "builder prune"}  # the legacy builder's pages
HIDDEN_FROM_HELP = {"system dial-stdio", "buildx debug", "buildx policy json-schema"}  # hidden or experimental
_OPTIONS_ROW = re.compile(r"^\|\s*(?P<names>[^|]*`--[\w-]+`[^|]*)\|")


def _documented(path: Path) -> tuple[list[str], set[str]] | None:
    """Aliases and long flags of one generated Markdown page (between the MARKER_GEN lines)."""
    text = path.read_text(encoding="utf-8")
    if "<!---MARKER_GEN_START-->" not in text:
        return None
    generated = text.split("<!---MARKER_GEN_START-->", 1)[1].split("<!---MARKER_GEN_END-->", 1)[0]
    aliases = re.search(r"### Aliases\s+(.+)", generated)
    flags: set[str] = set()
    for line in generated.partition("### Options")[2].splitlines():
        if match := _OPTIONS_ROW.match(line):
            flags |= set(re.findall(r"`(--[\w-]+)`", match["names"]))
    return (re.findall(r"`docker ([^`]+)`", aliases.group(1)) if aliases else []), flags


def test_reference_agrees_with_the_generated_markdown_reference():
    """The CLI's and Buildx's own generated docs (docs/reference) list the same flags for every
    command as the reference read from `--help`: two outputs of Docker's sources, compared."""
    update = _update_script()
    try:
        checked = update.checkouts(update.recorded_tags(), {})
    except update.SourceError as error:
        missing(f"cannot get the documentation of the recorded tags: {error}")
    reference = load_reference()
    folders = [checked["docker-cli"].root / "docs" / "reference" / "commandline",
               checked["buildx"].root / "docs" / "reference"]
    compared, problems = 0, []
    for path in sorted(p for folder in folders for p in folder.glob("*.md")):
        documented = _documented(path)
        spelled = path.stem.replace("_", " ")
        if documented is None or spelled in REPLACED_BY_BUILDX | HIDDEN_FROM_HELP | {"docker"}:
            continue
        aliases, flags = documented
        key = reference.key_of(spelled) or next(filter(None, map(reference.key_of, aliases)), None)
        if key is None:
            if spelled not in reference.groups:
                problems.append(f"{path.name}: 'docker {spelled}' is not in the reference")
            continue
        compared += 1
        # --help is cobra's: tables list it only where -h means something else (`run -h` is --hostname).
        ours, flags = set(reference.options_of(key)) - {"--help"}, flags - {"--help"}
        if flags and flags != ours:
            problems.append(f"{path.name}: only documented {sorted(flags - ours)}, only in --help {sorted(ours - flags)}")
    assert not problems, "\n".join(problems)
    assert compared >= 150


def _update_script():
    spec = importlib.util.spec_from_file_location("update_cli_reference", ROOT / "scripts" / "update_cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_docker_lines_outside_blocks_are_catalog_commands(html_pages):
    """A docker command typed into a page outside an explanation block repeats a catalog entry
    (or one of its aliases), so every command the site teaches has its flags explained somewhere.
    Questions (class quiz) test what the chapter taught with commands of their own, checked
    against the reference when they load (sitekit/questions.py)."""
    catalog = load_catalog()
    known = {e.entry.command for e in catalog.commands.values()}
    known |= {alias for e in catalog.commands.values() for alias in e.entry.aliases}
    strays = []
    for key, soup in html_pages.items():
        if key.startswith(("print_page/", "print_questions/")):
            continue
        for code in soup.select("article pre code"):
            if (code.find_parent(class_="cmd-block") or code.find_parent(class_="quiz")
                    or block_language(code) not in COMMAND_LANGUAGES or _in_a_file(code)):
                continue
            strays += [f"{key}: {line}" for _, line in docker_lines(code.get_text()) if line not in known]
    assert not strays, "\n".join(strays)


def test_the_freshness_workflow_picks_the_newest_final_release():
    """Final releases only, compared as numbers (as strings, v3.0.0 would beat v29.9.1)."""
    module = latest_docker_releases
    tags = "\n".join(f"{'0' * 40}\trefs/tags/{tag}" for tag in
                     ("v29.7.2", "v29.10.0-rc.1", "v29.9.1", "v3.0.0", "v29.10.0-beta.2", "v28.5.9"))
    assert module.newest(tags) == "v29.9.1"
    with pytest.raises(ValueError):
        module.newest("abc\trefs/tags/v30.0.0-rc.1")
