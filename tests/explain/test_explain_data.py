"""The Explain page's own data: assets/deprecations.yaml and assets/explain.yaml, and what the build
writes from them (sitekit/hooks/explain_data.py).

Every deprecation names a source that says so: the line of Docker's source at the recorded tag
is read, and the real CLI of that version is asked whether it still accepts what the file says
it accepts and refuses what it says was removed (Compose's entries too, with the official plugin).
Bad input is one line naming the file and entry.
"""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from scripts import docker_sources, docker_toolchain
from sitekit.cli_reference import load_reference
from sitekit.data_files import DataFileError
from sitekit.deprecations import load_deprecations
from sitekit.explain import SETTINGS_FILE, ExplainSettingsError, load_data, load_settings
from sitekit.project import ROOT, Project
from tooling import missing

DEPRECATIONS = load_deprecations(reference=load_reference())
SOURCE_LINE = re.compile(r"^https://github\.com/(docker/[\w-]+)/blob/(v[\d.]+)/([^#]+)#L(\d+)$")
DEPRECATED_MD = re.compile(r"^https://github\.com/docker/cli/blob/(v[\d.]+)/docs/deprecated\.md#(.+)$")


@lru_cache(maxsize=None)
def _source_file(repository: str, tag: str, path: str) -> str:
    """A file of Docker's source at a tag (the mirror, a cache, or a clone: scripts/docker_sources.py)."""
    try:
        found = docker_sources.files_at(repository, tag, frozenset([path]))
    except docker_sources.SourceError as error:
        missing(str(error))
    assert path in found, f"{path} is not in {repository} at {tag}"
    return found[path]


def _slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("entry", DEPRECATIONS.entries, ids=[e.id for e in DEPRECATIONS.entries])
def test_every_deprecation_is_in_its_source(entry):
    if match := SOURCE_LINE.match(entry.source):
        repository, tag, path, line = match.groups()
        text = _source_file(repository, tag, path).splitlines()
        # A flag is named on its line or the one before; a command, in its `Use:` a few lines up.
        before = 8 if entry.command else 2
        near = "\n".join(text[int(line) - 1 - before:int(line) + 2])
        name = (entry.flag or entry.command or "").lstrip("-").split()[-1]
        assert name and name in near, f"{entry.source}: '{name}' is not there:\n{near}"
    elif match := DEPRECATED_MD.match(entry.source):
        tag, anchor = match.groups()
        headings = re.findall(r"^#+ (.+)$", _source_file("docker/cli", tag, "docs/deprecated.md"), re.MULTILINE)
        assert anchor in {_slug(h) for h in headings}, f"no section #{anchor} in deprecated.md at {tag}"
    else:
        assert entry.source.startswith(("https://docs.docker.com/", "https://github.com/docker/")), entry.source


# What a command needs besides the flag under test, for the real CLI to read the line.
ARGUMENTS = {
    "container run": ["alpine"], "container create": ["alpine"], "container update": ["c1"],
    "container stop": ["c1"], "container restart": ["c1"], "container commit": ["c1"], "container ls": [],
    "image pull": ["alpine"], "image push": ["alpine"], "image tag": ["a", "b"], "plugin install": ["p"],
    "plugin push": ["p"], "plugin upgrade": ["p"], "search": ["alpine"], "login": [], "buildx build": ["."],
    "buildx prune": [], "buildx create": [], "volume create": [], "network ls": [],
    "compose exec": ["web", "sh"], "compose run": ["web"], "compose rm": [], "compose build": [], "compose pull": [],
    "compose": ["version"],
}
REFUSED = re.compile(r"unknown flag|unknown shorthand flag|unknown command|is not a docker command")


@pytest.fixture(scope="module")
def docker_cli(tmp_path_factory):
    """The CLI of the recorded version with its Buildx and Compose plugins, and its environment."""
    import json

    from scripts import compose_plugin

    try:
        cli = docker_toolchain.ensure_cli()
        compose = compose_plugin.ensure_compose()
    except docker_toolchain.ToolchainError as error:
        missing(f"no Docker CLI, Buildx and Compose of the recorded versions: {error}")
    config = tmp_path_factory.mktemp("docker-config")
    plugins = json.loads((cli.config / "config.json").read_text(encoding="utf-8"))["cliPluginsExtraDirs"]
    (config / "config.json").write_text(json.dumps({"cliPluginsExtraDirs": [*plugins, str(compose.parent)]}),
                                        encoding="utf-8")
    return cli.docker, cli.env(DOCKER_CONFIG=str(config))


def _cli_lines() -> list[tuple[str, list[str], bool]]:
    """(entry id, the words after `docker`, whether Docker should accept them) for every entry."""
    lines = []
    for entry in DEPRECATIONS.entries:
        accepted = entry.status != "removed"
        if entry.command:
            lines.append((entry.id, entry.command.split(), accepted))
        elif entry.flag and not entry.shorthand:
            for key in entry.commands:
                written = entry.flag if accepted or not entry.short else entry.short
                value = ["1"] if (entry.takes_value or entry.same_as) else []
                lines.append((entry.id, key.split() + [written, *value, *ARGUMENTS[key]], accepted))
        elif entry.shorthand:
            lines.append((entry.id, ["network", "ls", entry.shorthand], accepted))
    return lines


@pytest.mark.parametrize(("entry_id", "words", "accepted"), _cli_lines(), ids=lambda v: v if isinstance(v, str) else None)
def test_the_real_cli_agrees(docker_cli, tmp_path, entry_id, words, accepted):
    docker, env = docker_cli
    result = subprocess.run([str(docker), *words], env=dict(env, HOME=str(tmp_path)), cwd=tmp_path,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)
    said = (result.stdout + result.stderr).strip()
    assert bool(REFUSED.search(said)) != accepted, f"docker {' '.join(words)}: {said[:300]}"


# --- bad input: one line naming the file and the entry ------------------------------------------------

GOOD = """entries:
  - id: net
    flag: --net
    commands: [container run]
    same_as: --network
    status: hidden
    instead: "`--network`"
    text: The older name.
    source: https://github.com/docker/cli/blob/v29.7.2/cli/command/container/opts.go#L246
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("entries: [unclosed\n", ("deprecations.yaml:", "YAML syntax error")),
    ("- just a list\n", ("deprecations.yaml:1", "'entries'")),
    (GOOD.replace("status: hidden", "status: gone"), ("deprecations.yaml:2", "entry 'net'", "status")),
    (GOOD.replace("    commands: [container run]\n", ""), ("entry 'net'", "commands")),
    (GOOD.replace("[container run]", "[container runn]"), ("entry 'net'", "'container runn' is not a command")),
    (GOOD.replace("--net\n", "--network\n"), ("entry 'net'", "lists --network")),
    (GOOD.replace("https://github.com/docker/cli/blob/v29.7.2/cli/command/container/opts.go#L246",
                  "https://example.com/blog"), ("entry 'net'", "is not Docker's")),
    (GOOD + GOOD.split("entries:\n")[1], ("deprecations.yaml:10", "duplicate id")),
])
def test_bad_deprecations_are_one_line(tmp_path, text, expected):
    path = tmp_path / "deprecations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:  # DeprecationsError, or the YAML reader's own
        load_deprecations(path, load_reference())
    message = str(caught.value)
    assert "\n" not in message
    for words in expected:
        assert words in message, message


@pytest.mark.parametrize(("change", "expected"), [
    (lambda s: s.replace("  - '^[ \\t]*%[ \\t]+'", "  - '^\\s*%\\s+'"), "Python and JavaScript read alike"),
    (lambda s: s.replace("  smart-quote:", "  smart-quotes:"), "no words for 'smart-quote'"),
    (lambda s: s.replace("format: publish,", "format: publishh,"), "unknown format 'publishh'"),
])
def test_bad_explain_settings_are_one_line(tmp_path, change, expected):
    path = tmp_path / "explain.yaml"
    path.write_text(change(SETTINGS_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ExplainSettingsError) as caught:
        load_settings(path)
    assert "\n" not in str(caught.value) and "explain.yaml" in str(caught.value) and expected in str(caught.value)


def test_a_bad_deprecation_is_one_line_naming_the_file_and_entry(project_copy):
    """What the build's hook (sitekit/hooks/explain_data.py) loads, from the project it builds."""
    project = Project(project_copy)
    path = project.deprecations
    path.write_text(path.read_text(encoding="utf-8").replace("status: hidden", "status: gone", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_data(project)
    assert "\n" not in str(caught.value) and str(caught.value).startswith("assets/deprecations.yaml:"), caught.value


# --- what the build writes ---------------------------------------------------------------------------

def test_the_data_is_a_script_that_sets_one_global(site):
    text = (site / "javascripts" / "explain-data.js").read_text(encoding="utf-8")
    assert text.startswith("self.DockerExplainData={") and text.endswith("};\n")
    assert "</script" not in text.lower()


def test_the_data_holds_the_reference_docker_accepts(site):
    import json

    text = (site / "javascripts" / "explain-data.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("=") + 1:-2])
    reference = load_reference()
    assert set(reference.commands) <= set(data["reference"]["commands"])
    assert "--net" in data["reference"]["commands"]["container run"]["options"], "hidden spellings Docker accepts"
    assert data["versions"] == reference.versions
    assert {"patterns", "fingerprints", "words"} <= set(data["troubleshooting"][0])
    teach = data["teach"]
    homes = {key: title for key, (_, title) in teach["commands"].items()}
    assert homes["container exec"] == "Developing in containers", "the first chapter whose prose names it"
    assert homes["buildx build"] == "Building images" and "Compose" in homes["compose up"]
    assert teach["flags"]["container run"]["--publish"][0].startswith("running-containers/#cmd-")


def test_an_address_the_site_does_not_have_is_a_warning_naming_it(site):
    """The hook checks every address the data holds against the built pages; under `strict` a
    warning fails the build (README: one real build per route covers how a hook's warning ends it)."""
    import json

    from sitekit.hooks.explain_data import _missing_addresses

    text = (site / "javascripts" / "explain-data.js").read_text(encoding="utf-8")
    content = json.loads(text[text.index("=") + 1:-2])
    assert _missing_addresses(content, site) == []
    content["settings"]["warnings"][0]["read"][0] = "security/#no-such-section"
    assert _missing_addresses(content, site) == [
        "explain data: 'security/#no-such-section' names a section that is not on the page"]