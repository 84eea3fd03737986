"""The README's Quick start is what CI runs, and the layout it describes is the repository's."""

from __future__ import annotations

import re
import subprocess
from sitekit.project import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "Quick start holds exactly one code block"
    return [line for line in blocks[0].splitlines() if line.strip()]


def test_quick_start_has_two_commands_serve_then_test():
    commands = _quick_start_commands()
    assert commands == ["python3 dev.py serve", "python3 dev.py test"]


def test_ci_runs_the_readme_test_command():
    """.ci/run ends by running the Quick start's test command (with pytest options only)."""
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.strip().startswith("#")]
    test_command = _quick_start_commands()[1]
    assert lines[-1].startswith(f"exec {test_command}"), lines[-1]
    assert re.fullmatch(r"(\s+-[\w-]+(\s+[\w:=.-]+)?)*", lines[-1].removeprefix(f"exec {test_command}")), lines[-1]


def test_layout_table_names_every_top_level_entry():
    listed = set(re.findall(r"^\| `([^`]+)`", README, re.M))
    listed = {name.split(",")[0].rstrip("/").split("/")[0] for name in listed} | {"README.md"}
    # What Git tracks: outputs of local runs (site/, walkthrough-outputs/) are ignored files.
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    tracked = {line.split("/", 1)[0] for line in files.splitlines()}
    tracked = {name for name in tracked if not name.startswith(".") or name in (".github", ".ci")}
    tracked -= {"node_modules", "site", "__pycache__", ".venv", "pytest.ini"}
    tracked -= {"requirements-test.txt", "package-lock.json", ".codespell-words.txt", "docker_explained_sitekit.egg-info"}
    missing = sorted(name for name in tracked if name not in listed and name.replace(".txt", "") not in listed)
    assert not missing, f"README's layout table does not describe: {missing}"
