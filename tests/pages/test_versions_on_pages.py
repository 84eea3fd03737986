"""Pages take Docker's version numbers from the CLI reference, never type them by hand, and say
which versions they were checked against."""

from __future__ import annotations

import re

from sitekit.cli_reference import load_reference
from sitekit.project import ROOT

DOCS = ROOT / "docs"
# Pages without commands of their own: the cheat sheet repeats the chapters', the glossary has none.
NO_NOTE = {"cheat-sheet.md", "glossary.md"}
MACRO = re.compile(r"\{@.*?@\}", re.DOTALL)


def current_versions() -> set[str]:
    return {v.lstrip("v") for v in load_reference().versions.values()}


def test_no_page_types_a_current_version_by_hand():
    versions = current_versions()
    assert versions, "the reference records no versions"
    typed = []
    for page in sorted(DOCS.glob("*.md")):
        text = MACRO.sub("", page.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            typed += [f"{page.name}:{number}: {v}" for v in versions if re.search(rf"(?<![\d.]){re.escape(v)}(?![\d])", line)]
    assert not typed, "write {@ versions.… @} instead of:\n" + "\n".join(typed)


def test_every_chapter_says_what_it_was_checked_against(html_pages):
    versions = load_reference().versions
    expected = (f"Checked against Docker Engine and CLI {versions['cli']}, "
                f"Buildx {versions['buildx']} and Compose {versions['compose']}.")
    missing = []
    for page in sorted(DOCS.glob("*.md")):
        if page.name in NO_NOTE:
            continue
        key = "index.html" if page.stem == "index" else f"{page.stem}/index.html"
        notes = html_pages[key].select("article .checked-against")
        if [n.get_text(" ", strip=True) for n in notes] != [expected]:
            missing.append(f"{page.name}: {[n.get_text(' ', strip=True) for n in notes]}")
    assert not missing, "no (or a wrong) checked_against() note:\n" + "\n".join(missing)


def test_version_outputs_show_the_reference_versions(html_pages):
    """The sample outputs of docker version, docker buildx version and docker compose version."""
    versions = load_reference().versions
    text = {key: soup.select_one("article").get_text() for key, soup in html_pages.items()
            if key in {"architecture/index.html", "editions-and-installing/index.html", "compose/index.html"}}
    assert f" Version:           {versions['cli']}" in text["architecture/index.html"]
    assert f"github.com/docker/buildx v{versions['buildx'].lstrip('v')} " in text["editions-and-installing/index.html"]
    for key in ("editions-and-installing/index.html", "compose/index.html"):
        assert f"Docker Compose version v{versions['compose'].lstrip('v')}" in text[key]
