"""Dockerfile variants the pages show (examples/snippets/) and Dockerfile excerpts written in pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import dockerfile
import pytest
from sitekit.project import ROOT

SNIPPETS = sorted((ROOT / "examples" / "snippets").glob("*.Dockerfile"))
APP_DOCKERFILE = ROOT / "examples" / "counter" / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"
# Debian package versions change with every point release of the base image: pinning them in a
# teaching example (DL3008) would make it fail to build within weeks.
HADOLINT_IGNORES = {"multi-stage.Dockerfile": ["DL3008"],
                    # The shell form is what this variant demonstrates (DL3025), built on the
                    # local web1 image, which has no version tag (DL3006).
                    "shell-form.Dockerfile": ["DL3025", "DL3006"]}


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.name)
def test_hadolint(path):
    ignores = [arg for rule in HADOLINT_IGNORES.get(path.name, []) for arg in ("--ignore", rule)]
    result = subprocess.run([str(HADOLINT), *ignores, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_multi_stage_keeps_compilers_out_of_the_final_stage():
    instructions = dockerfile.parse_file(str(ROOT / "examples" / "snippets" / "multi-stage.Dockerfile"))
    starts = [i for i, c in enumerate(instructions) if c.cmd == "FROM"]
    assert len(starts) == 2 and instructions[starts[0]].value[-1] == "build"
    final = instructions[starts[1]:]
    assert not any("gcc" in " ".join(c.value) for c in final)
    assert any(c.cmd == "RUN" and "from=build" in c.original for c in final)


def test_chmod_variant_is_what_the_entrypoint_page_compares():
    instructions = dockerfile.parse_file(str(ROOT / "examples" / "snippets" / "chmod-entrypoint.Dockerfile"))
    assert [c.cmd for c in instructions[1:4]] == ["COPY", "RUN", "ENTRYPOINT"]
    assert "chmod +x" in instructions[2].value[0]


def test_full_base_differs_from_the_app_only_in_its_base_image():
    """The page compares image sizes: the variant must be the app on the full python image, the
    same Python release, with every other instruction one the app's Dockerfile has, in order."""
    full = dockerfile.parse_file(str(ROOT / "examples" / "snippets" / "full-base.Dockerfile"))
    app = dockerfile.parse_file(str(APP_DOCKERFILE))
    assert (full[0].cmd, app[0].cmd) == ("FROM", "FROM")
    assert full[0].value[0] == app[0].value[0].removesuffix("-slim") != app[0].value[0]
    app_steps = [(i.cmd, i.value) for i in app[1:]]
    full_steps = [(i.cmd, i.value) for i in full[1:]]
    assert _in_order(full_steps, app_steps), f"{full_steps} are not steps of the app's Dockerfile"
    assert [v for c, v in full_steps if c == "CMD"] == [v for c, v in app_steps if c == "CMD"][-1:]


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: p.name)
def test_every_snippet_is_shown_by_a_page(path):
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    assert f'--8<-- "examples/snippets/{path.name}' in pages


def _normalized(lines):
    # Excerpts may drop comments, blank lines and the backslash of a line they cut short.
    return [line.strip().removesuffix("\\").rstrip() for line in lines
            if line.strip() and not line.strip().startswith("#")]


def _in_order(part, whole) -> bool:
    position = 0
    for line in part:
        try:
            position = whole.index(line, position) + 1
        except ValueError:
            return False
    return True


def test_dockerfile_blocks_written_in_pages_are_excerpts_of_the_real_file():
    """A ```dockerfile block typed into a page must be lines of the tested Dockerfile, in order."""
    real = _normalized(APP_DOCKERFILE.read_text(encoding="utf-8").splitlines())
    problems = []
    checked = 0
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for indent, body in re.findall(r"^( *)```dockerfile[^\n]*\n(.*?)^\1```", text, re.M | re.S):
            if "--8<--" in body:
                continue
            checked += 1
            if not _in_order(_normalized(body.splitlines()), real):
                problems.append(f"{page.name}: {body.strip().splitlines()[:2]}")
    assert not problems, "blocks not taken from examples/counter/Dockerfile: " + "; ".join(problems)
    assert checked >= 1
