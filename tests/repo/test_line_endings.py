""".gitattributes keeps the files that run inside Linux containers LF on every checkout.

Git for Windows checks text files out with CRLF (core.autocrlf=true). A CRLF entrypoint
script makes every container of the example image fail with "exec
/usr/local/bin/docker-entrypoint.sh: no such file or directory", which the ENTRYPOINT chapter
tells Windows readers about.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitekit.project import ROOT
from tooling import missing

ENTRYPOINT = "examples/counter/docker-entrypoint.sh"


def git(*args: str, cwd: Path = ROOT, check: bool = True) -> str:
    # A clean environment: no global or system settings (a developer's own core.autocrlf)
    # may change what these tests see.
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed: {result.stderr.strip()}", pytrace=False)
    return result.stdout


@pytest.fixture(scope="module")
def tracked() -> list[str]:
    if shutil.which("git") is None:
        missing("git is not installed")
    if git("rev-parse", "--is-inside-work-tree", check=False).strip() != "true":
        missing("not a Git checkout (a downloaded ZIP has no .gitattributes to check)")
    return git("ls-files").splitlines()


def must_be_lf(paths: list[str]) -> list[str]:
    """Tracked files that a Linux container runs or Docker reads during a build."""
    names = {"Dockerfile", ".dockerignore"}
    return [p for p in paths if p.endswith((".sh", ".Dockerfile")) or Path(p).name in names]


def crlf_lines(path: Path) -> list[int]:
    """Numbers of the lines that end with CRLF: what a container would choke on."""
    return [n for n, line in enumerate(path.read_bytes().split(b"\n"), 1) if line.endswith(b"\r")]


def test_the_rules_cover_every_file_that_must_stay_lf(tracked):
    paths = must_be_lf(tracked)
    assert ENTRYPOINT in paths
    assert "examples/counter/Dockerfile" in paths
    output = git("check-attr", "text", "eol", "--", *paths)
    attributes: dict[str, dict[str, str]] = {}
    for line in output.splitlines():
        path, name, value = line.rsplit(": ", 2)
        attributes.setdefault(path, {})[name] = value
    wrong = [p for p in paths if attributes[p] != {"text": "set", "eol": "lf"}]
    assert not wrong, f"not forced to LF by .gitattributes: {wrong}"


def test_the_repository_stores_them_with_lf(tracked):
    # `git ls-files --eol`: "i/lf" is the index (what a clone gets), "w/..." the working tree.
    rows = {line.split("\t")[-1]: line.split() for line in git("ls-files", "--eol").splitlines()}
    wrong = [(p, rows[p][0], rows[p][1]) for p in must_be_lf(tracked) if rows[p][:2] != ["i/lf", "w/lf"]]
    assert not wrong, f"CRLF in the index or the working tree: {wrong}"
    assert not crlf_lines(ROOT / ENTRYPOINT)


def test_a_windows_checkout_keeps_them_lf(tracked, tmp_path):
    """Check the files out the way Git for Windows does (core.autocrlf=true) into a new clone
    of the project's own files and .gitattributes, and look at the bytes."""
    files = [*must_be_lf(tracked), ".gitattributes", "README.md"]
    repo = tmp_path / "repo"
    for path in files:
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / path, target)
    git("init", "--quiet", cwd=repo)
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--message", "files", cwd=repo)

    clone = tmp_path / "windows"
    git("-c", "core.autocrlf=true", "clone", "--quiet", "--config", "core.autocrlf=true",
        str(repo), str(clone), cwd=tmp_path)

    # The control: without a rule, a text file does get CRLF, so this checkout is Windows-like.
    assert crlf_lines(clone / "README.md"), "the simulated Windows checkout wrote no CRLF at all"
    wrong = {p: crlf_lines(clone / p)[:3] for p in must_be_lf(tracked) if crlf_lines(clone / p)}
    assert not wrong, f"a Windows checkout gets CRLF in: {wrong}"


def test_a_crlf_entrypoint_fails_the_way_the_page_says(tmp_path):
    """The failure the rules prevent, shown on this machine: the kernel cannot find "/bin/sh\\r"
    and reports ENOENT, which runc prints as "exec …: no such file or directory"."""
    script = tmp_path / "docker-entrypoint.sh"
    script.write_bytes((ROOT / ENTRYPOINT).read_bytes().replace(b"\n", b"\r\n"))
    script.chmod(0o755)
    assert crlf_lines(script)[0] == 1
    with pytest.raises(FileNotFoundError):
        subprocess.run([str(script), "true"], capture_output=True, check=False)
    # The LF original runs.
    lf = tmp_path / "lf.sh"
    shutil.copyfile(ROOT / ENTRYPOINT, lf)
    lf.chmod(0o755)
    assert subprocess.run([str(lf), "true"], capture_output=True).returncode == 0
