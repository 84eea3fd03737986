"""Pages take Docker's version numbers and release facts from the CLI reference and
assets/docker-versions.json, never type them by hand, and say which versions they were checked
against."""

from __future__ import annotations

import re

from sitekit.cli_reference import load_reference
from sitekit.docker_versions import load_facts, page_values
from sitekit.project import ROOT

DOCS = ROOT / "docs"
# Pages without commands of their own: the cheat sheet repeats the chapters', the glossary has none.
NO_NOTE = {"cheat-sheet.md", "glossary.md"}
MACRO = re.compile(r"\{@.*?@\}", re.DOTALL)


def current_versions() -> set[str]:
    """The release's versions and facts: the reference's, and assets/docker-versions.json's
    (API versions, Go, containerd, runc, tini, commits, the build time)."""
    facts = page_values()
    return {v.lstrip("v") for v in load_reference().versions.values()} | {
        value.lstrip("v") for value in facts.values()} | {
        load_facts().containerd.commit[:7], load_facts().runc.commit[:7]}


# Where a release fact could be typed by hand: pages, the data macros render, the walkthrough's
# differences, the tests. Generated files (the reference, the facts, the error strings the bump
# moves) are where they belong, and so are the search quality set's queries: what readers paste
# quotes whatever their own Docker printed (`Minimum supported API version is 1.40`).
QUERIES = ROOT / "assets" / "search-quality"
WRITTEN_BY_HAND = [*sorted(DOCS.glob("*.md")),
                   *sorted(p for p in (ROOT / "assets").rglob("*.yaml") if not p.is_relative_to(QUERIES)),
                   ROOT / "scripts" / "walkthrough" / "differences.yaml", *sorted((ROOT / "tests").rglob("*.py"))]


def test_no_page_or_data_types_a_release_fact_by_hand():
    versions = current_versions()
    assert {"1.55", "2.3.3"} & versions or len(versions) > 8, "the facts were not read"
    typed = []
    for path in WRITTEN_BY_HAND:
        text = MACRO.sub("", path.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            typed += [f"{path.relative_to(ROOT)}:{number}: {v}" for v in versions
                      if re.search(rf"(?<![\w.]){re.escape(v)}(?![\w])", line)]
    assert not typed, "write {@ versions.… @} (or read assets/docker-versions.json) instead of:\n" + "\n".join(typed)


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
