"""README's "Add a page" steps are enough: followed word for word on a copy of the project, the
suite's page checks pass on it.

The steps are read from the README: the page's Markdown (step 1), the navigation entry under its
section (step 2) and the questions file (step 3), each from its code block, with `<slug>` filled
in. The copy is then tested by the suite's own checks of pages (navigation, descriptions, links,
versions note, questions, tools' outputs, every docker line), run by pytest on the copy, which
builds the copy once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitekit.project import PROJECT_PARTS, ROOT, copy_project

SLUG = "zz-added-page"
# The suite's checks of pages, as they are: run on the copy, they build it and read it.
PAGE_CHECKS = ["tests/pages/test_site.py", "tests/pages/test_versions_on_pages.py", "tests/pages/test_for_tools.py",
               "tests/pages/test_print.py", "tests/browser/test_questions.py",
               "tests/data/test_cli_reference.py::test_every_docker_line_on_every_page_is_valid"]


def readme_steps() -> list[str]:
    """The numbered steps of README's "Add a page", each with its text and code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a page\n", 1)[1].split("\n### ", 1)[0]
    return re.split(r"\n(?=\d+\. )", section.strip())


def code_block(step: str) -> str:
    """The step's code block as written, without the indentation of the list item it is in."""
    match = re.search(r"\n( *)```\w*\n(.*?)\n\1```", step, re.DOTALL)
    assert match, f"no code block in step: {step[:60]}"
    indent = match.group(1)
    lines = [line.removeprefix(indent) for line in match.group(2).splitlines()]
    return "\n".join(lines).replace("<slug>", SLUG) + "\n"


def follow_the_readme(root: Path) -> None:
    steps = readme_steps()
    assert [s[:2] for s in steps] == ["1.", "2.", "3.", "4."], [s[:30] for s in steps]
    create, navigation, questions = steps[0], steps[1], steps[2]
    assert "`docs/<slug>.md`" in create and "`nav:` in `mkdocs.yml`" in navigation
    assert "`assets/questions/<slug>.yaml`" in questions
    (root / "docs" / f"{SLUG}.md").write_text(code_block(create), encoding="utf-8")
    (root / "assets" / "questions" / f"{SLUG}.yaml").write_text(code_block(questions), encoding="utf-8")
    # Step 2 shows the page under its section: put it there, as the last page of that section.
    section, entry = code_block(navigation).rstrip("\n").split("\n")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = config.index(section)
    end = start + 1
    while end < len(config) and config[end].startswith(entry[: len(entry) - len(entry.lstrip())]):
        end += 1
    config.insert(end, entry)
    (root / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")


def test_a_page_added_as_the_readme_says_passes_the_page_checks(tmp_path):
    root = copy_project(tmp_path / "project", [*PROJECT_PARTS, "tests", "pytest.ini", "scripts", "README.md"])
    follow_the_readme(root)
    assert f"      - {SLUG}.md" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    # The copy's own code and data: PYTHONPATH puts its sitekit ahead of the installed one.
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser",
                             "-x", *PAGE_CHECKS], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout), result.stdout[-2000:]
