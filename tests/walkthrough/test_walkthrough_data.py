"""The walkthrough's data, without a daemon: every page plans (its blocks and the notes beside
them), notes are checked with one-line errors, every image the pages pull has a stand-in, `--update`
rewrites what it must, and the output check and the terminal rendering catch what they must."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from scripts.walkthrough.compare import Difference, compare, normalize
from scripts.walkthrough.daemon import fresh_run
from scripts.walkthrough.harness import HarnessError, Options, run
from scripts.walkthrough.pages import Block, NoteText, read_items
from scripts.walkthrough.plan import PlanError, make_plan, plan_chapter
from scripts.walkthrough.spec import load_differences
from scripts.walkthrough.standins import STAND_INS, build_bases, normalize as normal_reference
from scripts.walkthrough.terminal import render
from scripts.walkthrough.update import Rewrite, keep_known, rewrite_page
from sitekit.cli_reference import parse_command
from sitekit.project import ROOT



def test_every_page_plans_from_its_own_blocks_and_notes(site):
    plan = make_plan(site)
    steps = [step for chapter in plan.values() for step in chapter]
    kinds = {kind: sum(1 for s in steps if s.kind == kind) for kind in {s.kind for s in steps}}
    # Every kind of step occurs, and most steps need no note at all.
    assert {"command", "block", "output", "input", "text", "file", "browse", "keys", "edit", "copy", "type",
            "wait", "check"} <= set(kinds), kinds
    assert kinds["command"] > 150 and kinds["output"] > 100
    # A note says what inference cannot: never nothing, never only the default.
    said = [(s.where, s.note.model_dump(exclude_defaults=True)) for s in steps if s.note is not None]
    assert not [where for where, fields in said if fields in ({}, {"how": "run"})]
    # A why explains an exception (how, needs, compare: none); alone it explains nothing.
    assert not [where for where, fields in said
                if "why" in fields and fields.get("how", "run") == "run" and not fields.get("needs")
                and "compare" not in fields and "text" not in fields]


def _page(*items: str) -> list[Block | NoteText]:
    """A page's items from a tiny HTML page: `bash:…`, `text:…`, `h2:id` and `note:YAML`."""
    html = ["<article>"]
    for item in items:
        kind, _, body = item.partition(":")
        if kind == "note":
            html.append(f"<!-- walkthrough\n{body}\n-->")
        elif kind == "h2":
            html.append(f'<h2 id="{body}">x</h2>')
        else:
            html.append(f'<div class="language-{kind} highlight"><pre><code>{body}\n</code></pre></div>')
    return read_items("\n".join(html + ["</article>"]))


def test_a_text_block_right_after_a_command_is_its_output():
    steps = plan_chapter("x", _page("bash:docker image ls", "text:IMAGE   ID", "bash:echo hi"))
    assert [s.kind for s in steps] == ["block", "output", "block"]
    with pytest.raises(PlanError, match=r"docs/x\.md: block text 'two': a ```text block that follows no command"):
        plan_chapter("x", _page("bash:echo one", "text:one", "text:two"))
    with pytest.raises(PlanError, match="follows no command in its section"):
        plan_chapter("x", _page("bash:echo one", "h2:next", "text:one"))
    steps = plan_chapter("x", _page("bash:echo one", "h2:next", "note:{output: true}", "text:one"))
    assert steps[-1].kind == "output"
    steps = plan_chapter("x", _page("note:{text: Two spellings of one name.}", "text:a b"))
    assert steps[0].kind == "text" and steps[0].why == "Two spellings of one name."


def test_notes_describe_the_next_block_and_actions_stand_alone():
    steps = plan_chapter("x", _page(
        "note:session: {prompt: Booting, ends: later}", "bash:docker container run web1",
        "note:- browse: {url: 'http://localhost:5000/', status: 503}\n- keys: ctrl-c",
        "note:{how: fail, why: The name is taken., expect: {output: [Conflict]}}", "bash:docker container run --name web1 web1",
        "note:{typed_into: redis-cli}", "text:KEYS *"))
    assert [s.kind for s in steps] == ["block", "browse", "keys", "block", "input"]
    assert steps[0].spec.session.ends == "later" and steps[3].spec.how == "fail"
    assert steps[2].action.keys.session is None  # the session opened last, at run time
    assert steps[4].typed_into == "redis-cli"


@pytest.mark.parametrize("items, message", [
    (("note:{hwo: fail}", "bash:x"), r"docs/x\.md: walkthrough note: unknown field 'hwo'"),
    (("note:{how: fail}", "bash:x"), "how: fail needs a 'why'"),
    (("note:how: [", "bash:x"), "the walkthrough note is not YAML"),
    (("note:{how: fail, why: y}",), "this walkthrough note describes no block"),
    (("note:{keys: ctrl-c, why: z, how: run}",), "how, needs, session, expect, timeout and id belong to `type`"),
    (("note:{vary: [a]}", "bash:x"), "text, output, vary and compare belong to ```text blocks"),
    (("note:{session: {prompt: a}}", "text:x"), "a ```text block does not run"),
    (('python:import os',), "a ```python block without a title is typed into a session"),
    (("note:{provides: [docker-credential-pass]}", "bash:sudo apt-get install pass"),
     "provides belongs to an install the walkthrough illustrates"),
])
def test_bad_notes_are_one_line_naming_the_page(items, message):
    with pytest.raises(PlanError, match=message) as error:
        plan_chapter("x", _page(*items))
    assert "\n" not in str(error.value) and str(error.value).startswith("docs/x.md")


def test_a_note_error_names_its_line_in_the_page_source():
    source = "# X\n\nText.\n\n<!-- walkthrough\nhow: fail\n-->\n\n```bash\nx\n```\n"
    with pytest.raises(PlanError, match=r"^docs/x\.md:6: walkthrough note: how: fail needs a 'why'"):
        plan_chapter("x", _page("note:how: fail", "bash:x"), source)


def test_a_reference_page_default_covers_its_blocks():
    steps = plan_chapter("x", _page("note:default: {how: illustrate, why: A fix., text: A message.}",
                                    "text:Error: boom", "bash:docker rm -f web1", "note:{how: run}", "bash:docker ps"))
    assert [(s.kind, s.spec.how if s.spec else s.why) for s in steps] == \
        [("text", "A message."), ("block", "illustrate"), ("block", "run")]


def test_a_note_beside_a_moved_or_new_block_moves_with_it(site):
    """Moving, adding or rewording a block is one edit in the page: the plan follows the HTML."""
    html = (site / "running-containers" / "index.html").read_text(encoding="utf-8")
    items = read_items(html)
    before = plan_chapter("running-containers", items)
    extra = read_items('<article><div class="language-bash highlight"><pre><code>docker container ls --all\n'
                       '</code></pre></div><div class="language-text highlight"><pre><code>CONTAINER ID   IMAGE\n'
                       '</code></pre></div></article>')
    # A new command and its output at the end of the page, and the page's first section moved last.
    first_heading = next(i for i, item in enumerate(items) if isinstance(item, Block) and item.heading)
    changed = items[first_heading:] + items[:first_heading] + extra
    after = plan_chapter("running-containers", changed)
    assert len(after) == len(before) + 2 and [s.kind for s in after[-2:]] == ["block", "output"]


def _images_the_pages_pull(site) -> set[str]:
    """What the walkthrough pulls: images its runnable steps name, and the bases of the Dockerfiles."""
    used, built = set(), set()
    for steps in make_plan(site).values():
        for step in steps:
            if step.spec is None or step.spec.how == "illustrate" or not (step.text or "").startswith("docker "):
                continue
            try:
                parsed = parse_command(step.text.strip().splitlines()[0].rstrip(" \\"))
            except Exception:  # a multi-line block whose first line is not a whole command
                continue
            if parsed.key in ("container run", "container create", "image pull") and parsed.arguments:
                used.add(parsed.arguments[0])
            elif parsed.key in ("container commit", "image tag") and parsed.arguments:
                built.add(parsed.arguments[-1])
            tag = re.search(r"--tag (\S+)", step.text)
            if tag:
                built.add(tag.group(1))
    for dockerfile in (ROOT / "examples").rglob("*Dockerfile"):
        used.update(build_bases(dockerfile.read_text(encoding="utf-8")))
    compose = yaml.safe_load((ROOT / "examples" / "counter" / "compose.yaml").read_text(encoding="utf-8"))
    for service in compose["services"].values():
        (built if "build" in service else used).add(service["image"])
    return {normal_reference(image) for image in used - built if "<" not in image and "$" not in image}


def test_every_image_the_pages_pull_has_a_stand_in(site):
    tags = {tag for stand_in in STAND_INS for tag in stand_in.tags}
    pulled = _images_the_pages_pull(site)
    assert {"hello-world:latest", "alpine:3.22", "python:3.14-slim", "redis:8.10-alpine"} <= pulled
    assert pulled <= tags, f"no stand-in for {sorted(pulled - tags)} (scripts/walkthrough/standins.py)"


def test_dockerfile_bases_follow_args_and_skip_stages():
    dockerfile = "ARG BASE=python:3.14-slim\nFROM ${BASE} AS build\nFROM build AS test\nFROM --platform=$X alpine:3.22\n"
    assert build_bases(dockerfile) == ["python:3.14-slim", "alpine:3.22"]
    assert build_bases(dockerfile, {"BASE": "python:3.14"})[0] == "python:3.14"


def test_update_rewrites_a_stale_sample_and_keeps_its_macros(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("# X\n\n=== \"Tab\"\n\n    ```text\n    Version: {@ versions.cli @}\n    old line\n    ```\n\n"
                    "```text\nVersion: 9.9.9\nold line\n```\n", encoding="utf-8")
    rewrite_page(page, [Rewrite("x", "Version: 9.9.9\nold line\n", "Version: 9.9.9\nnew line\n", 0)])
    assert "    Version: {@ versions.cli @}\n    new line\n    ```" in page.read_text(encoding="utf-8")
    assert page.read_text(encoding="utf-8").endswith("```text\nVersion: 9.9.9\nold line\n```\n")


def test_update_keeps_the_lines_a_known_difference_explains():
    known = [Difference(re.compile(r"Python 3\.14"), re.compile(r"Python 3\.11\.\d+"), "stand-in"),
             Difference(re.compile(r": Pull complete"), None, "nothing pulled")]
    sample = "abc: Pull complete\nPython 3.14.2\nold\n"
    assert keep_known(sample, "Python 3.11.2\nnew\n", known) == "abc: Pull complete\nPython 3.14.2\nnew\n"


def test_the_known_differences_load():
    assert load_differences()


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


def test_a_menu_drawn_at_the_bottom_row_does_not_hide_the_lines_above():
    """Compose's watch logs a line, makes room below it (a newline), goes back up, and draws its key
    menu at the window's last row (ESC[40;0H), then restores the cursor: as in a reader's 40-row
    window, the line stays, and so do those that scrolled off the top."""
    log = "".join(f"line {n}\r\n" for n in range(39)) + "      \u29bf Watch enabled\r\n"
    menu = "\x1b[K\n\r\x1b[1A\r\x1b7\x1b[40;0H\x1b[Kw Enable Watch\r\x1b8"
    shown = render(log + menu).splitlines()
    assert "      \u29bf Watch enabled" in shown and shown[-1] == "w Enable Watch"
    shown = render("".join(f"early {n}\r\n" for n in range(30)) + log + menu).splitlines()
    assert shown[0] == "early 0" and "line 38" in shown and "      \u29bf Watch enabled" in shown


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


def test_an_illustrated_install_provides_its_programs():
    steps = plan_chapter("x", _page(
        "note:{how: illustrate, why: No installs here., provides: [docker-credential-pass]}",
        "bash:sudo apt-get install pass golang-docker-credential-helpers"))
    assert steps[0].spec.how == "illustrate" and steps[0].spec.provides == ["docker-credential-pass"]
    from scripts.walkthrough import tools
    assert set(tools.PACKAGES) == {"docker-credential-pass"}


def test_the_readers_own_values_fill_commands_samples_and_expectations():
    from scripts.walkthrough.registry import TOKEN_VARIABLES, fill
    assert fill("docker image push <your-docker-id>/web1:1.0 ghcr.io/<your-github-user>/web1") == \
        "docker image push reader/web1:1.0 ghcr.io/reader/web1"
    assert {"DOCKER_PAT", "GHCR_TOKEN"} <= set(TOKEN_VARIABLES)
