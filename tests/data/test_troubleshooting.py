"""The troubleshooting entries: Docker's own wording, the kernel's own errors, and the page.

- Every message that Docker prints is what the format strings it names print
  (assets/docker-error-strings.tsv), and every row of that file is in Docker's source, at the
  tag and line it names.
- Messages marked as the kernel's or runc's are what they really print: the kernel's errors are
  caused here for real, and runc's wording is read from its source.
- Messages of the postgres image are the official wording that the walkthrough's stand-in prints,
  recorded with the repository, commit, file and line it comes from (the stand-in's messages.yaml).
- The three messages about reaching the daemon are printed by the real CLI of the recorded
  version, run against sockets made for the purpose.
- The page shows every entry, word for word, under its stable anchor.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import stat
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from scripts import docker_sources, docker_toolchain
from sitekit.docker_versions import load_facts
from sitekit.go_format import FormatString, chain_pattern, go_format_pattern
from sitekit.troubleshooting import load_troubleshooting
from tooling import missing

DATA = load_troubleshooting()
STRINGS = DATA.strings


def entry(entry_id: str):
    return next(located.entry for located in DATA.entries if located.entry.id == entry_id)


# --- Go format strings as regular expressions ------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "inner", "text", "matches"),
    [
        ("Bind for %s:%d failed: port is already allocated", None,
         "Bind for 0.0.0.0:5000 failed: port is already allocated", True),
        ("Bind for %s:%d failed: port is already allocated", None,
         "Bind for 0.0.0.0:http failed: port is already allocated", False),  # %d is a number
        ("container %q is running", None, 'container "web1" is running', True),
        ("container %q is running", None, "container web1 is running", False),  # %q is quoted
        ("100%% sure: %v", None, "100% sure: yes", True),
        ("%-10s|%5.2f|%x", None, "abc       | 3.14|ff", True),
        ("docker: %w\n\nRun 'docker %s --help' for more information", "inner",
         "docker: inner\n\nRun 'docker run --help' for more information", True),  # %w, not the last verb
        ("endpoint %s (%s): %v", "inner", "endpoint web1 (abc): inner", True),  # without %w: the last verb
        ("No such container: ", "inner", "No such container: inner", True),  # no verb: joined after
        ("Error response from daemon: %w", "inner", "Error response from daemon: other", False),
    ],
)
def test_go_format_pattern(fmt, inner, text, matches):
    pattern = go_format_pattern(fmt, re.escape(inner) if inner else None)
    assert bool(re.fullmatch(pattern, text, re.DOTALL)) is matches


def test_constants_fill_the_other_verbs():
    outer = FormatString("s", "a.go:1", "%s: %w")
    const = FormatString("s", "b.go:2", "failed to set up container networking")
    inner = FormatString("s", "c.go:3", "Bind for %s:%d failed")
    pattern = chain_pattern([(outer, (const.text,)), (inner, ())])
    assert pattern.fullmatch("failed to set up container networking: Bind for 0.0.0.0:5000 failed")
    assert not pattern.fullmatch("something else: Bind for 0.0.0.0:5000 failed")


def test_a_value_fill_and_a_value_after_the_text():
    outer = FormatString("s", "a.go:1", "conflict: unable to delete %s (%s) - %s")
    forced = FormatString("s", "a.go:2", "must be forced")
    reason = FormatString("s", "a.go:3", "No such container: ")
    pattern = chain_pattern([(outer, (None, forced.text)), (reason, ())], value_after=True)
    assert pattern.fullmatch("conflict: unable to delete web1:latest (must be forced) - No such container: x")
    assert not pattern.fullmatch("conflict: unable to delete web1:latest (cannot be forced) - No such container: x")
    assert not chain_pattern([(reason, ())]).fullmatch("No such container: x"), "a value needs value_after"


def test_go_escapes_in_rows_are_resolved():
    row = STRINGS["cli/command/container/run.go:319"]
    assert "\\n" in row.format and "\n\nRun 'docker %s --help'" in row.text


# --- the entries ------------------------------------------------------------------------------------

# What issue 10 asks the page to cover, by entry.
REQUIRED = [
    "port-already-allocated", "container-name-in-use", "daemon-socket-missing", "daemon-not-running",
    "socket-permission-denied", "image-not-found", "tag-not-found", "exec-format-error", "crlf-entrypoint",
    "no-space-left", "container-exits-at-once", "compose-network-not-created-by-compose",
    "compose-volume-not-created-by-compose", "compose-external-network-missing",
    "compose-external-volume-missing",
    # Issue 19: the first errors.
    "copy-source-not-found", "executable-not-found", "push-access-denied", "pull-rate-limit",
    "bind-source-path-missing",
]


def test_the_entries_cover_what_beginners_hit():
    ids = [located.entry.id for located in DATA.entries]
    assert not [i for i in REQUIRED if i not in ids]
    assert len(ids) == len(set(ids))


def test_every_docker_message_names_its_format_strings_and_every_row_is_used():
    used = set()
    docker_messages = 0
    for located in DATA.entries:
        for message in located.entry.messages:
            if message.origin == "docker":
                docker_messages += 1
                used |= {s.location for s in DATA.chain(message)}
    assert docker_messages >= 20
    assert set(STRINGS) == used, f"rows no entry uses: {sorted(set(STRINGS) - used)}"


def test_a_changed_word_is_caught():
    """The check that the loader runs: one word off and the message is no longer Docker's."""
    message = entry("container-name-in-use").messages[0]
    changed = message.model_copy(update={"text": message.text.replace("already in use", "already used")})
    from sitekit.troubleshooting import check_message

    assert check_message(message, STRINGS) is None
    assert "not what Docker's format strings print" in check_message(changed, STRINGS)


# --- the rows are Docker's source -----------------------------------------------------------------

# A row that is not a format string of its own, with the Go code on its line that it stands for.
NOT_A_FORMAT = {
    "cli/command/container/create.go:375": 'fmt.Fprintln(dockerCLI.Err(), "WARNING:", w)',
    "commands/build.go:504": 'errors.Wrapf(err, "failed to build")',
    "vendor/github.com/moby/buildkit/client/solve.go:339": 'errors.Wrap(err, "failed to solve")',
    "vendor/github.com/moby/buildkit/solver/edge.go:916": 'errors.Wrap(err, "failed to compute cache key")',
    "vendor/github.com/moby/buildkit/solver/llbsolver/ops/opsutils/contenthash.go:60":
        'errors.Wrapf(err, "failed to calculate checksum of ref %s", ref.ID())',
    "vendor/github.com/moby/buildkit/cache/contenthash/checksum.go:895": 'errors.Wrapf(errNotFound, "%q", ',
    "daemon/internal/libcontainerd/remote/client.go:233": 'pkgerrors.Wrap(err, "failed to create task for container")',
}


def _source_of(row: FormatString) -> tuple[str, str]:
    repository, tag = row.source.split("@")
    return repository, tag


@lru_cache(maxsize=None)
def _source_files(repository: str, tag: str, wanted: frozenset[str] | None = None) -> dict[str, str]:
    """Files of one repository at a tag (by default those its rows name): scripts/docker_sources.py
    reads them from a cache, the mirror or a shallow clone of the tag."""
    if wanted is None:
        wanted = frozenset(row.location.rsplit(":", 1)[0] for row in STRINGS.values()
                           if _source_of(row) == (repository, tag))
    try:
        return docker_sources.files_at(repository, tag, wanted)
    except docker_sources.SourceError as error:
        missing(str(error))


def _literal_at(text: str, line: int) -> list[str]:
    """The Go string literals on a line, the pieces of a `"…" +` continuation joined."""
    lines = text.splitlines()
    pieces: list[str] = []
    number = line - 1
    raw = re.fullmatch(r'[^"`]*`([^`]*)', lines[number])
    if raw:  # a raw string that goes on over the next lines: its newlines as Go's \n escapes
        body = [raw.group(1)]
        for following in lines[number + 1:]:
            if "`" in following:
                body.append(following.split("`", 1)[0])
                break
            body.append(following)
        return ["\\n".join(body)]
    while True:
        code = lines[number]
        pieces += re.findall(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`', code)
        if not code.rstrip().endswith("+"):
            break
        number += 1
    strings = ["".join(p) for p in pieces]
    return strings + (["".join(strings)] if len(strings) > 1 else [])


@pytest.mark.parametrize("row", list(STRINGS.values()), ids=list(STRINGS))
def test_row_is_in_dockers_source_at_its_line(row):
    repository, tag = _source_of(row)
    path, line = row.location.rsplit(":", 1)
    files = _source_files(repository, tag)
    assert path in files, f"{path} is not in {repository} at {tag}"
    source_line = files[path].splitlines()[int(line) - 1]
    if row.location in NOT_A_FORMAT:
        assert NOT_A_FORMAT[row.location] in source_line, source_line
        return
    assert row.format in _literal_at(files[path], int(line)), f"{row.location}: {source_line.strip()}"


# --- Docker Hub's own texts ------------------------------------------------------------------------


def _docs_file(source: str) -> str:
    """A file of docker/docs at a commit (`docker/docs@SHA:path`): from the cache of an earlier read,
    or fetched with git (the repository has no tags to archive, so no mirror holds it)."""
    repository, rest = source.split("@", 1)
    commit, path = rest.split(":", 1)
    cache = docker_toolchain.cache_dir() / "src" / "docs" / commit / path
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    if shutil.which("git") is None:
        missing(f"git is needed to read {source}")
    work = cache.parent / ".git-work"
    work.mkdir(parents=True, exist_ok=True)
    git = ["git", "-C", str(work)]
    steps = [git + ["init", "--quiet"],
             git + ["fetch", "--quiet", "--depth", "1", "--filter=blob:none", f"https://github.com/{repository}", commit],
             git + ["show", f"{commit}:{path}"]]
    result = None
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=300, check=False)
        if result.returncode != 0:
            missing(f"cannot read {source}: {result.stderr.strip()[-200:]}")
    shutil.rmtree(work, ignore_errors=True)
    cache.write_text(result.stdout, encoding="utf-8")
    return result.stdout


def test_docker_hub_texts_are_what_dockers_documentation_quotes():
    quoted = [(located.entry.id, message) for located in DATA.entries for message in located.entry.messages
              if message.origin == "docker-hub"]
    assert quoted, "the rate limit entry quotes Docker Hub"
    for entry_id, message in quoted:
        text = _docs_file(message.documented.source)
        assert message.text in text, f"{entry_id}: not in {message.documented.source}"


# --- messages from the kernel and runc -----------------------------------------------------------


def _runc_exec_error(path: str, code: int) -> str:
    """What runc prints when the kernel refuses to start the container's process: Go's os.PathError
    ("exec PATH: ERROR") with the error text Go gives the errno (the C library's, in lower case)."""
    return f"exec {path}: {os.strerror(code).lower()}"


def test_runc_wraps_exec_errors_as_the_entries_say():
    # The runc the recorded Engine is released with (assets/docker-versions.json).
    path = "internal/linux/linux.go"
    runc = load_facts().runc.version
    source = _source_files("opencontainers/runc", f"v{runc}", frozenset({path})).get(path, "")
    assert 'return &os.PathError{Op: "exec", Path: cmd, Err: err}' in source


def _exec(path: Path) -> int:
    try:
        subprocess.run([str(path)], capture_output=True, check=False)
    except OSError as error:
        return error.errno
    return 0


def test_a_script_with_crlf_endings_is_no_such_file_or_directory(tmp_path):
    script = tmp_path / "docker-entrypoint.sh"
    script.write_bytes(b"#!/bin/sh\r\necho started\r\n")
    script.chmod(0o755)
    code = _exec(script)
    assert code == errno.ENOENT, os.strerror(code)
    text = entry("crlf-entrypoint").messages[0].text
    assert text == _runc_exec_error("/usr/local/bin/docker-entrypoint.sh", code)
    script.write_bytes(b"#!/bin/sh\necho started\n")
    assert _exec(script) == 0, "the same script with LF endings runs"


def test_a_program_for_another_cpu_is_exec_format_error(tmp_path):
    """A 64-bit ELF program header for the other architecture (arm64 on amd64 and the reverse):
    the kernel refuses it unless an emulator is registered for it."""
    # ELF machine numbers of CPUs Docker builds for, the other one of amd64/arm64 first; skipped
    # are those this computer emulates (a registered qemu would run the program).
    candidates = [(62, "qemu-x86_64"), (183, "qemu-aarch64"), (22, "qemu-s390x"), (21, "qemu-ppc64le"),
                  (243, "qemu-riscv64")]
    own = 183 if os.uname().machine == "aarch64" else 62
    emulated = [name for _, name in candidates if Path("/proc/sys/fs/binfmt_misc", name).exists()]
    other = next((number for number, name in candidates if number != own and name not in emulated), None)
    if other is None:
        missing(f"this computer emulates every other CPU ({', '.join(emulated)}): no program can fail to run")
    header = (b"\x7fELF\x02\x01\x01" + bytes(9) + (2).to_bytes(2, "little") + other.to_bytes(2, "little")
              + (1).to_bytes(4, "little") + bytes(24) + (64).to_bytes(2, "little") + bytes(10))
    program = tmp_path / "docker-entrypoint.sh"
    program.write_bytes(header.ljust(128, b"\0"))
    program.chmod(0o755)
    code = _exec(program)
    assert code == errno.ENOEXEC, os.strerror(code)
    text = entry("exec-format-error").messages[1].text
    assert text == _runc_exec_error("/usr/local/bin/docker-entrypoint.sh", code)


def test_a_port_in_use_is_address_already_in_use():
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        first.listen()
        with pytest.raises(OSError) as caught:
            second.bind(first.getsockname())
    assert caught.value.errno == errno.EADDRINUSE
    text = entry("port-address-in-use").messages[0].text.splitlines()[0]
    assert text.endswith(f": {os.strerror(errno.EADDRINUSE).lower()}")


def test_a_full_disk_is_no_space_left_on_device():
    assert entry("no-space-left").messages[0].text == os.strerror(errno.ENOSPC).lower()


# --- messages from the postgres image ------------------------------------------------------------

# The walkthrough's postgres stand-in prints the official image's wording from this file, which
# records where in docker-library/postgres each text is written; the database chapter of the
# walkthrough runs the stand-in and finds the page's lines in what it prints.
POSTGRES_WORDING = Path(__file__).resolve().parents[2] / "scripts" / "walkthrough" / "standin_images" / "postgres"


def _postgres_wording() -> dict:
    return yaml.safe_load((POSTGRES_WORDING / "messages.yaml").read_text(encoding="utf-8"))


def test_postgres_messages_are_the_recorded_official_wording():
    """Every message of origin postgres-image is word for word a text the stand-in prints ({} is
    what the official script fills in, any value), and each text names its place in the source."""
    wording = _postgres_wording()
    source = wording["source"]
    assert source["repository"] == "docker-library/postgres"
    assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    assert source["file"].endswith("/docker-entrypoint.sh")
    assert source["commit"] in (POSTGRES_WORDING.parent / "README.md").read_text(encoding="utf-8")
    texts = {name: message["text"] for name, message in wording["messages"].items()}
    assert all(isinstance(message["line"], int) for message in wording["messages"].values())
    messages = [m for located in DATA.entries for m in located.entry.messages if m.origin == "postgres-image"]
    assert len(messages) >= 2
    patterns = [re.escape(text).replace(re.escape("{}"), ".+") for text in texts.values()]
    for message in messages:
        assert any(re.fullmatch(pattern, message.text) for pattern in patterns), message.text[:80]


def test_the_postgres_stand_in_takes_its_wording_from_the_record():
    """The stand-in's entrypoint prints each recorded text and writes none of that wording itself."""
    entrypoint = (POSTGRES_WORDING / "docker-entrypoint.sh").read_text(encoding="utf-8")
    for name, message in _postgres_wording()["messages"].items():
        assert re.search(rf"\bofficial {re.escape(name)}\b", entrypoint), name
        assert message["text"].splitlines()[0] not in entrypoint, name


# --- the real CLI --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docker_cli():
    try:
        return docker_toolchain.ensure_cli()
    except docker_toolchain.ToolchainError as error:
        missing(f"no Docker CLI of the recorded version: {error}")


def _cli_error(cli, socket_path: Path, *, drop_privileges: bool = False) -> str:
    env = cli.env(DOCKER_HOST=f"unix://{socket_path}")
    command = [str(cli.docker), "container", "ls"]
    if drop_privileges:
        # Root reads any file; without its capabilities, root obeys file permissions like anyone.
        if shutil.which("setpriv") is None:
            missing("setpriv (util-linux) is needed to run the CLI as root without capabilities")
        command = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", *command]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    return result.stderr.strip()


def _as_on_the_page(text: str, socket_path: Path) -> str:
    return text.replace(str(socket_path), "/var/run/docker.sock")


def test_cli_without_a_socket_file(docker_cli, tmp_path):
    path = tmp_path / "docker.sock"
    assert _as_on_the_page(_cli_error(docker_cli, path), path) == entry("daemon-socket-missing").messages[0].text


def test_cli_with_a_socket_nobody_answers(docker_cli, tmp_path):
    path = tmp_path / "docker.sock"
    left_over = socket.socket(socket.AF_UNIX)
    left_over.bind(str(path))
    left_over.close()  # the file stays, as after a daemon that crashed
    assert _as_on_the_page(_cli_error(docker_cli, path), path) == entry("daemon-not-running").messages[0].text


def test_cli_without_permission_on_the_socket(docker_cli, tmp_path):
    path = tmp_path / "docker.sock"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        listening.listen()
        path.chmod(0)  # like a root-owned socket for a user outside the docker group
        assert not stat.S_IMODE(path.stat().st_mode)
        printed = _cli_error(docker_cli, path, drop_privileges=os.geteuid() == 0)
    assert _as_on_the_page(printed, path) == entry("socket-permission-denied").messages[0].text


# --- the page ----------------------------------------------------------------------------------


def test_every_entry_is_on_the_page_word_for_word(html_pages):
    article = html_pages["troubleshooting/index.html"].select_one("article")
    for located in DATA.entries:
        found = located.entry
        heading = article.find(id=found.id)
        assert heading is not None and heading.name == "h3", found.id
        assert heading.get_text().rstrip("¶").strip() == found.title
        block = heading.find_next("pre")
        shown = block.get_text().rstrip("\n")
        assert shown == "\n".join(m.text.rstrip("\n") for m in found.messages), found.id
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            section.append(sibling)
        links = [a["href"] for part in section for a in part.select("p a[href]") if "Read more" in part.get_text()]
        assert links, f"{found.id}: no Read more links"


def test_the_index_links_every_entry(html_pages):
    article = html_pages["troubleshooting/index.html"].select_one("article")
    index = article.find("table")
    anchors = [a["href"] for a in index.select("a[href^='#']")]
    assert anchors == [f"#{located.entry.id}" for located in DATA.entries]


def test_entries_are_grouped_in_the_order_of_the_data_file(html_pages):
    article = html_pages["troubleshooting/index.html"].select_one("article")
    order = [h["id"] for h in article.select("h3[id]")]
    assert order == [located.entry.id for group in DATA.groups for located in DATA.entries
                     if located.entry.group == group.id]
