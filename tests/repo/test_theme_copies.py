"""Copies of Material's internals differ from the installed Material only by a stored, reviewed patch.

overrides/ replaces some of Material's templates with edited copies, and docs/stylesheets/site.css
repeats Material's table rules for the tables the build pre-wraps. When a Material update changes
the original, the copy would silently drift: here the difference between the installed original
and the copy must equal tests/theme_patches/<name>. After reviewing a change, rewrite the patches:

    .venv/bin/python tests/test_theme_copies.py --update
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import material
import pytest
import tinycss2
from sitekit.project import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
PATCHES = Path(__file__).resolve().parent / "theme_patches"

# Templates copied whole from Material into overrides/, edited.
COPIED_TEMPLATES = ["partials/nav-item.html", "partials/search.html", "partials/source.html", "partials/copyright.html"]
_BLOCK = re.compile(r"\{% block config %\}.*?\{% endblock %\}", re.DOTALL)
_MATERIAL_TABLE = "table:not([class])"
_OUR_TABLE = "table.site-table"


def _diff(original: str, copy: str, name: str) -> str:
    lines = difflib.unified_diff(original.splitlines(keepends=True), copy.splitlines(keepends=True),
                                 fromfile=f"material/{name}", tofile=f"overrides/{name}", n=1)
    return "".join(lines)


def template_patches() -> dict[str, str]:
    patches = {}
    for name in COPIED_TEMPLATES:
        patches[f"{name.replace('/', '__')}.diff"] = _diff(
            (MATERIAL / name).read_text("utf-8"), (ROOT / "overrides" / name).read_text("utf-8"), name)
    base = _BLOCK.search((MATERIAL / "base.html").read_text("utf-8"))
    ours = _BLOCK.search((ROOT / "overrides" / "main.html").read_text("utf-8"))
    assert base and ours, "both base.html and overrides/main.html have a config block"
    # Compared line by line without indentation: base.html nests the block deeper than main.html.
    def dedented(block: str) -> str:
        return "".join(line.strip() + "\n" for line in block.splitlines())

    patches["main.html__config-block.diff"] = _diff(dedented(base.group(0)), dedented(ours.group(0)),
                                                    "main.html {% block config %}")
    return patches


# ------------------------------------------------------------------------------------- table CSS

def _selectors(prelude: str) -> list[str]:
    """Single selectors, whitespace-normalised, with `:is(a, b)` written out as two selectors."""
    found: list[str] = []
    for selector in re.split(r",(?![^()]*\))", prelude):
        match = re.search(r":is\(([^)]*)\)", selector)
        variants = [selector[:match.start()] + part.strip() + selector[match.end():]
                    for part in match.group(1).split(",")] if match else [selector]
        for variant in variants:
            variant = re.sub(r"\s*([>+~])\s*", r"\1", variant.strip())
            variant = re.sub(r"\[dir=\"?(\w+)\"?\]", r"[dir=\1]", re.sub(r"\s+", " ", variant))
            found.append(variant)
    return found


def _declarations(content) -> dict[str, str]:
    result = {}
    for item in tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True):
        if item.type == "declaration":
            value = re.sub(r"(?<![\d.])\.(\d)", r"0.\1", tinycss2.serialize(item.value).strip())
            result[item.lower_name] = re.sub(r"\s+", " ", value)
    return result


def _table_rules(css: str, marker: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}

    def walk(items, media: str) -> None:
        for rule in items:
            if rule.type == "qualified-rule":
                prelude = tinycss2.serialize(rule.prelude)
                if marker in prelude:
                    for selector in _selectors(prelude):
                        key = f"{media}{selector.replace(marker, _OUR_TABLE)}"
                        rules.setdefault(key, {}).update(_declarations(rule.content))
            elif rule.type == "at-rule" and rule.content is not None:
                inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
                walk(inner, f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()} ")

    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), "")
    return rules


def table_css_patch() -> dict:
    stylesheet = next((MATERIAL / "assets" / "stylesheets").glob("main.*.min.css"))
    theirs = _table_rules(stylesheet.read_text("utf-8"), _MATERIAL_TABLE)
    ours = _table_rules((ROOT / "docs" / "stylesheets" / "site.css").read_text("utf-8"), _OUR_TABLE)
    patch: dict = {"only_in_material": {}, "only_in_site_css": {}, "changed": {}}
    for selector in sorted(set(theirs) | set(ours)):
        if selector not in ours:
            patch["only_in_material"][selector] = theirs[selector]
        elif selector not in theirs:
            patch["only_in_site_css"][selector] = ours[selector]
        else:
            changed = {prop: [theirs[selector].get(prop), ours[selector].get(prop)]
                       for prop in sorted(set(theirs[selector]) | set(ours[selector]))
                       if theirs[selector].get(prop) != ours[selector].get(prop)}
            if changed:
                patch["changed"][selector] = changed
    return patch


def all_patches() -> dict[str, str]:
    return {**template_patches(), "site.css__tables.json": json.dumps(table_css_patch(), indent=2) + "\n"}


# ------------------------------------------------------------------------------------------ tests

@pytest.mark.parametrize("name", sorted(all_patches()))
def test_copy_differs_from_material_only_by_the_reviewed_patch(name):
    stored = PATCHES / name
    assert stored.exists(), f"no reviewed patch for {name}: review it, then run {__file__} --update"
    assert all_patches()[name] == stored.read_text("utf-8"), (
        f"Material's original or our copy changed ({name}): compare them, bring the copy in step, "
        f"then run `.venv/bin/python tests/test_theme_copies.py --update` and review the git diff")


def test_every_stored_patch_belongs_to_a_copy():
    assert {p.name for p in PATCHES.iterdir()} == set(all_patches())


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    PATCHES.mkdir(exist_ok=True)
    for old in PATCHES.iterdir():
        old.unlink()
    for file_name, text in all_patches().items():
        (PATCHES / file_name).write_text(text, encoding="utf-8")
        print(f"wrote tests/theme_patches/{file_name}")
