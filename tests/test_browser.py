"""The built site in real headless Chromium: search, the palette toggle, no third-party requests."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def _chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    if os.environ.get("CI"):
        pytest.fail("no Chromium found: install Debian's chromium package (dev.py test does)")
    pytest.skip("no Chromium on this machine")


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def _search(page, base: str, query: str) -> list[str]:
    """Type a query into Material's search box; return the result pages' paths, best first."""
    page.goto(f"{base}/")
    page.keyboard.press("/")  # Material's shortcut to focus search, as a keyboard user would
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=5)
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && !/Initializing|Type to start/i.test(meta.textContent);
        }"""
    )
    assert box.input_value() == query, "the search box must keep what the reader typed"
    links = page.locator("li.md-search-result__item > a.md-search-result__link")
    return [urlsplit(href).path for href in links.evaluate_all("els => els.map(e => e.href)")]


@pytest.mark.parametrize(
    ("query", "teaching_page"),
    [
        ("docker network create", "/networking/"),
        ("volumes-from", "/sharing-data/"),
        ("--volumes-from", "/sharing-data/"),
        ("--rm", "/running-containers/"),
        ("-p 5000:5000", "/running-containers/"),
        ("ENTRYPOINT", "/entrypoint/"),
        (".dockerignore", "/optimizing-images/"),
    ],
)
def test_search_finds_commands_and_flags(page, served_site, query, teaching_page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    results = _search(page, served_site, query)
    assert results, f"no results for {query!r}"
    assert results[0] == teaching_page, f"{query!r}: {results[:5]}"
    assert not [m for m in messages if "QueryParseError" in m or "Invalid query" in m]


def test_palette_toggle_switches_light_and_dark(page, served_site):
    page.emulate_media(color_scheme="light")
    page.goto(f"{served_site}/")

    def scheme() -> str:
        return page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    assert scheme() == "default"  # follows the system preference
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # The toggle cycles system -> light -> dark, with a label saying what the next click does.
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    label = toggle.get_attribute("title") or toggle.get_attribute("aria-label")
    assert label == "Switch to light mode"
    toggle.click()
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate", "the reader's choice survives a reload"


def test_no_request_leaves_the_site(browser, served_site, site):
    origin = urlsplit(served_site).netloc
    pages = sorted(p.relative_to(site) for p in site.rglob("index.html")) + [site.joinpath("404.html").relative_to(site)]
    context = browser.new_context()
    foreign: list[str] = []
    context.on("request", lambda request: foreign.append(request.url)
               if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != origin else None)
    page = context.new_page()
    for path in pages:
        url = f"{served_site}/{path.as_posix()}".replace("index.html", "")
        page.goto(url, wait_until="networkidle")
    context.close()
    assert not foreign, foreign
    assert len(pages) >= 15
