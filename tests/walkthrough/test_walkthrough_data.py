"""The walkthrough's data, without a daemon: every page block is accounted for, every catalog
command says how it runs, every image the pages pull has a stand-in, and the output check and the
terminal rendering catch what they must."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from scripts.walkthrough.compare import Difference, compare, normalize
from scripts.walkthrough.daemon import fresh_run
from scripts.walkthrough.harness import HarnessError, Options, run
from scripts.walkthrough.pages import Block, read_blocks
from scripts.walkthrough.plan import PlanError, make_plan, plan_chapter
from scripts.walkthrough.standins import STAND_INS, normalize as normal_reference
from scripts.walkthrough.terminal import render
from sitekit.catalog import load_catalog
from sitekit.cli_reference import parse_command
from sitekit.walkthrough_spec import Step, WalkthroughError, load_walkthrough
from sitekit.project import ROOT



def test_every_catalog_command_says_how_the_walkthrough_runs_it():
    catalog = load_catalog()
    missing = [c.entry.id for c in catalog.commands.values() if c.entry.walkthrough is None]
    assert not missing, f"entries without 'walkthrough:': {missing}"


def test_every_block_of_every_page_has_its_step_in_order(site):
    plan = make_plan(site)
    walkthrough = load_walkthrough()
    assert set(walkthrough.chapters) <= set(plan)
    assert sum(len(steps) for steps in plan.values()) > 200
    # Steps that only illustrate or need what is missing here say why.
    for steps in plan.values():
        for item in steps:
            if item.spec is not None and (item.spec.how != "run" or item.spec.needs):
                assert item.spec.why, item.where


def _blocks(*specs: tuple[str, str | None, str]) -> list[Block]:
    return [Block(language, text, command_id, None, None) for language, command_id, text in specs]


def test_the_plan_fails_on_a_block_without_a_step_naming_page_and_block():
    catalog = load_catalog()
    steps = [Step(command="diff-scratchpad"), Step(output=True)]
    blocks = _blocks(("bash", "diff-scratchpad", "docker container diff scratchpad\n"),
                     ("text", None, "A /greeting.txt\n"), ("bash", None, "ls -la\n"))
    with pytest.raises(PlanError, match=r"docs/images-and-containers\.md: block 3 \(bash 'ls -la'\) has no step"):
        plan_chapter("images-and-containers", steps, blocks, catalog)


def test_the_plan_fails_on_a_moved_or_changed_block():
    catalog = load_catalog()
    blocks = _blocks(("text", None, "A /greeting.txt\n"), ("bash", "diff-scratchpad", "docker container diff x\n"))
    with pytest.raises(PlanError, match=r"step 1 \(command 'diff-scratchpad'\).*block 1 is text"):
        plan_chapter("images-and-containers", [Step(command="diff-scratchpad"), Step(output=True)], blocks, catalog)
    changed = _blocks(("bash", None, "git clone https://example.com/other.git\n"))
    with pytest.raises(PlanError, match="expected a block starting with 'cd docker-explained'"):
        plan_chapter("building-images", [Step(block="cd docker-explained")], changed, catalog)


def test_blocks_are_read_from_the_built_html_with_their_command_tab_and_title():
    html = """<article>
      <div class="cmd-block" id="cmd-version"><div class="language-bash highlight"><pre><code>docker version
</code></pre></div></div>
      <div class="language-text highlight"><span class="filename">redis-cli</span><pre><code>KEYS *
</code></pre></div>
      <div class="language-yaml highlight"><pre><code>a: 1</code></pre></div>
    </article>"""
    blocks = read_blocks(html)
    assert [(b.language, b.command_id, b.title, b.text) for b in blocks] == [
        ("bash", "version", None, "docker version\n"), ("text", None, "redis-cli", "KEYS *\n")]


def test_walkthrough_file_errors_are_one_line_naming_file_and_line(tmp_path):
    bad = tmp_path / "walkthrough.yaml"
    bad.write_text("chapters:\n  networking:\n    - command: network-ls\n      outptu: true\n", encoding="utf-8")
    with pytest.raises(WalkthroughError) as error:
        load_walkthrough(bad)
    message = str(error.value)
    assert "\n" not in message and ":4:" in message and "outptu" in message
    bad.write_text("chapters:\n  networking:\n    - command: [\n", encoding="utf-8")
    with pytest.raises(WalkthroughError, match="YAML syntax error"):
        load_walkthrough(bad)
    bad.write_text("chapters:\n  x:\n    - command: a\n      how: fail\n", encoding="utf-8")
    with pytest.raises(WalkthroughError, match="how: fail needs a 'why'"):
        load_walkthrough(bad)


def _images_the_pages_pull() -> set[str]:
    catalog = load_catalog()
    built, used = set(), set()
    for located in catalog.commands.values():
        if located.entry.walkthrough and located.entry.walkthrough.how == "illustrate":
            continue  # never run: its image is never pulled
        parsed = parse_command(located.entry.command)
        if parsed.key in ("container run", "container create", "image pull") and parsed.arguments:
            used.add(parsed.arguments[0])
        elif parsed.key == "container commit":
            built.add(parsed.arguments[-1])
        if "--tag" in parsed.flags:
            built.add(re.search(r"--tag (\S+)", located.entry.command).group(1))
    for dockerfile in (ROOT / "examples").rglob("*Dockerfile"):
        text = dockerfile.read_text(encoding="utf-8")
        defaults = dict(re.findall(r"(?m)^ARG\s+(\w+)=(\S+)", text))
        stages = set(re.findall(r"(?im)^FROM\s+.*\s+AS\s+(\S+)", text))
        for image in re.findall(r"(?m)^FROM\s+(?:--\S+\s+)*(\S+)", text):
            image = re.sub(r"\$\{?(\w+)\}?", lambda m: defaults.get(m.group(1), ""), image)
            if image not in stages:
                used.add(image)
    compose = yaml.safe_load((ROOT / "examples" / "counter" / "compose.yaml").read_text(encoding="utf-8"))
    for service in compose["services"].values():
        (built if "build" in service else used).add(service["image"])
    return {normal_reference(image) for image in used - built if "<" not in image}


def test_every_image_the_pages_pull_has_a_stand_in():
    tags = {tag for stand_in in STAND_INS for tag in stand_in.tags}
    pulled = _images_the_pages_pull()
    assert {"hello-world:latest", "alpine:3.22", "python:3.14-slim", "redis:8.10-alpine"} <= pulled
    assert pulled <= tags, f"no stand-in for {sorted(pulled - tags)} (scripts/walkthrough/standins.py)"


TABLE = """\
CONTAINER ID   IMAGE         COMMAND                  CREATED          STATUS                      PORTS     NAMES
3f1c2a9d8e7b   alpine:3.22   "sh -c 'echo \\"hello…"   20 seconds ago   Exited (0) 19 seconds ago             scratchpad
"""
REAL_TABLE = """\
CONTAINER ID   IMAGE         COMMAND                   CREATED         STATUS                     PORTS     NAMES
bb97ebe49e9c   alpine:3.22   "sh -c 'echo \\"hello …"   2 seconds ago   Exited (0) 1 second ago              scratchpad
2a208b91f9c2   hello-world   "/hello"                  5 seconds ago   Exited (0) 3 seconds ago             vibrant_chandrasekhar
"""


def test_outputs_match_whatever_ids_times_and_widths():
    assert compare(TABLE, REAL_TABLE) == []
    assert normalize("9b7e0c2a41f6 web1 28.4MiB / 7.66GiB 0.36% 5.2kB / 3.1kB") == \
        "<id> web1 <size> / <size> <percent> <size> / <size>"


def test_a_renamed_column_and_a_missing_line_are_caught():
    image_ls = "REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\nweb1  latest  3c9a5e1b7d2f  1 day ago  140MB\n"
    real = "IMAGE         ID             DISK USAGE   CONTENT SIZE   EXTRA\nweb1:latest   78746ed7d1dd        343MB         81.8MB\n"
    assert compare(image_ls, real) == ["columns differ: the page shows REPOSITORY | TAG | IMAGE ID | CREATED | SIZE, "
                                       "the real output IMAGE | ID | DISK USAGE | CONTENT SIZE | EXTRA"]
    problems = compare("Untagged: web1:1.0\nDeleted: sha256:…\n", "Untagged: web1:1.0\n")
    assert problems == ["'Deleted: sha256:…' is not in the real output"]
    assert compare("b\na\n", "a\nb\n") == ["'a' is out of order in the real output"]


def test_ellipsis_vary_and_known_differences():
    assert compare("PING web2 (172.18.0.3): 56 data bytes\n...\n", "PING web2 (172.18.0.9): 56 data bytes\n64 bytes\n") == []
    assert compare('"7"\n', '"12"\n') != []
    assert compare('"7"\n', '"12"\n', vary=[r'"\d+"']) == []
    known = [Difference(re.compile(r"Python 3\.14"), re.compile(r"Python 3\.11\.\d+"), "stand-in"),
             Difference(re.compile(r"Pull complete"), None, "nothing pulled")]
    assert compare("abc: Pull complete\nPython 3.14.x\n", "Python 3.11.2\n", differences=known) == []
    assert compare("Python 3.14.x\n", "Python 2.7\n", differences=known) == \
        ["'Python 3.14.x': expected a line matching 'Python 3\\\\.11\\\\.\\\\d+' (stand-in)"]


def test_a_build_step_cut_to_a_narrower_terminal_still_matches():
    sample = " => CACHED [3/7] RUN groupadd --system --gid 10001 app     && useradd --system --no-l    0.0s\n"
    real = (" => CACHED [3/7] RUN groupadd --system --gid 10001 app     && useradd --system --no-log-init "
            "--uid 10001 --gid app app          0.0s\n")
    assert compare(sample, real) == []
    assert compare(sample.replace("CACHED ", ""), real) != []


def test_json_is_compared_by_key():
    sample = '[\n    {\n        "Name": "bridge",\n        "IPAM": {\n            "Config": [\n                {\n' \
             '                    "Subnet": "172.17.0.0/16"\n                }\n            ]\n        },\n' \
             '        "Containers": {},\n        ...\n    }\n]\n'
    real = '[{"Name": "bridge", "Id": "5d1a", "IPAM": {"Config": [{"Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1"}]},' \
           ' "Containers": {}}]'
    assert compare(sample, real) == []
    assert compare(sample.replace('"bridge"', '"host"'), real) == \
        ['\'"Name": "host",\': the real output has \'Name\': "bridge"']
    assert compare('{"a":"1"}', '{"a":"2"}') != []


def test_the_terminal_shows_the_last_frame_of_redrawn_lines():
    raw = "[+] Building 0.1s\r\n => step one\r\n\x1b[2A\x1b[2K[+] Building 0.2s FINISHED\r\n\x1b[2K => step one 0.1s\r\n"
    assert render(raw) == "[+] Building 0.2s FINISHED\n => step one 0.1s"
    assert render("plain\r\ntext \x1b[1mbold\x1b[0m\r\n") == "plain\ntext bold"


def test_the_private_run_folder_keeps_a_resolver_that_lives_in_run(monkeypatch, tmp_path):
    """On Ubuntu /etc/resolv.conf points into /run (systemd-resolved): the engine's fresh /run keeps it."""
    realpath = os.path.realpath
    links = {"/etc/resolv.conf": "/run/systemd/resolve/stub-resolv.conf", "/var/run": "/run"}
    monkeypatch.setattr(os.path, "realpath", lambda p: links.get(p) or realpath(p))
    monkeypatch.setattr(os.path, "isdir", lambda p: p == "/run/systemd/resolve")
    assert fresh_run(tmp_path) == [
        f'mkdir -p "{tmp_path}/0" && mount -n --rbind "/run/systemd/resolve" "{tmp_path}/0"',
        'mount -n -t tmpfs -o mode=755 tmpfs "/run"',
        f'mkdir -p "/run/systemd/resolve" && mount -n --move "{tmp_path}/0" "/run/systemd/resolve"',
    ]


def test_the_host_network_is_only_for_throwaway_ci_machines(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(HarnessError, match="only on a throwaway CI machine"):
        run(Options(isolation="host"))
