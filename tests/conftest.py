"""Shared fixtures: one strict build of the site per session, the browser, throwaway project
copies; and the `browser` and `daemon` markers, put on each test from the fixtures it uses."""

from __future__ import annotations

import functools
import json
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit.project import ROOT, copy_project
from tooling import missing

BIN = Path(sys.executable).parent


# A test's markers follow from the fixtures it uses, directly or through other fixtures, so
# `-m "not browser"` and `-m "not daemon"` select by what a test really needs; nobody marks by hand.
MARKERS_BY_FIXTURE = {
    "browser": "browser",  # headless Chromium (every page-driving fixture builds on it)
    "private_daemon": "daemon",  # a private Docker Engine (tests/walkthrough/)
    "walkthrough": "daemon",
}


# Under `-n` (.ci/run) each test module runs whole on one worker (`--dist loadfile`): the daemon's
# tests one after the other (one daemon at a time), and a module's costly fixtures (the
# walkthrough, the reading sweep, the search quality set, the Explain corpus) made once.
def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in MARKERS_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


def mkdocs_build(project: Path, site_dir: Path, config_file: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    # The build reads the data of the project it builds (sitekit.project.Project.from_config).
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    # No -v: with it MkDocs can skip the anchor check (reported upstream).
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--config-file", config_file, "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env, timeout=600, check=False,
    )


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The problems a build reported (ERROR and WARNING lines, not INFO nor the final abort line).

    MkDocs continues a few messages on indented lines (the list of pages missing from the nav):
    those belong to the problem above them.
    """
    problems: list[str] = []
    for line in (result.stdout + result.stderr).splitlines():
        if line.startswith(("ERROR", "WARNING")):
            if "Material for MkDocs" not in line:  # Material's end-of-life notice is not about our input
                problems.append(line)
        elif line.startswith("  ") and problems and not line.strip().startswith("File "):
            problems[-1] += " " + line.strip()
    return problems


def build_one_page(project: Path, src_uri: str) -> str:
    """One page of a project copy through the real build's steps (configuration, plugins and hooks,
    macros, Markdown, step 3's extension), in-process: its content as HTML. Far cheaper than
    building the whole copy, for a test about what one page becomes."""
    from mkdocs.commands.build import _populate_page  # MkDocs 1.6's own step for one page
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    page = files.get_file_from_path(src_uri).page
    _populate_page(page, config, files)
    return page.content


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once with `mkdocs build --strict` into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(problem_lines(result) or [result.stderr[-3000:]]))
    return site_dir


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline copy (mkdocs.offline.yml), built once, to open from file://."""
    site_dir = tmp_path_factory.mktemp("offline-site")
    result = mkdocs_build(ROOT, site_dir, config_file="mkdocs.offline.yml")
    if result.returncode != 0:
        pytest.fail("offline build failed:\n" + "\n".join(problem_lines(result) or [result.stderr[-3000:]]))
    return site_dir


@pytest.fixture(scope="session")
def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every built page, parsed, keyed by its path in the site (e.g. 'networking/index.html')."""
    return {
        str(path.relative_to(site)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the site's sources to break on purpose."""
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(site: Path):
    """The built site over HTTP on a free loopback port, as GitHub Pages would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# Headless Chromium, shared by every browser test (one Playwright instance per session: the sync API
# allows only one at a time). Debian's chromium: `playwright install` cannot download a browser here.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    missing("no Chromium found: install Debian's chromium package (dev.py test does)")


@pytest.fixture(scope="session")
def browser():
    from playwright import sync_api  # pinned in requirements-test.txt: missing means a broken install

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def context_with_storage(browser, key: str, stored: str):
    """A browser context whose localStorage holds `stored` under `key` before any page script runs,
    or whose localStorage throws on every use when `stored` is "blocked" (private modes, policies)."""
    context = browser.new_context()
    if stored == "blocked":
        context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});")
    else:
        context.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(stored)});")
    return context


def page_errors(page) -> list[str]:
    """The uncaught errors of the page's own scripts, filled as they happen. Material's inline storage
    helper (__md_get) throws when storage is blocked; that one is Material's, not ours."""
    errors: list[str] = []
    page.on("pageerror", lambda error: "__md_get" in (error.stack or "") or errors.append(error.stack))
    return errors


def search_result_links(page, base: str, query: str, pages_only: bool = False) -> list[str]:
    """Enter a query into Material's real search box, as a reader does; return the result links
    (full URLs, best first): every page and section link, or with `pages_only` the pages' own.

    Material searches on keyup: all but the last character are set silently, then the last one
    is typed, so exactly one query (the whole one, as when pasted) reaches the search worker."""
    page.goto(f"{base}/")
    page.keyboard.press("/")  # Material's shortcut to focus search, as a keyboard user would
    box = page.locator("input.md-search__input")
    box.fill(query[:-1])
    box.type(query[-1])
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && !/Initializing|Type to start/i.test(meta.textContent);
        }"""
    )
    assert box.input_value() == query, "the search box must keep what the reader typed"
    selector = "li.md-search-result__item " + ("> " if pages_only else "") + "a.md-search-result__link"
    return page.locator(selector).evaluate_all("els => els.map(e => e.href)")
