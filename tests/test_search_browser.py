"""The site's search in real Chromium, through Material's search box: what the Node judge of the
quality set (tests/test_search_quality.py) cannot see. The index and the engine load only once the
reader starts to search, a page opened with a query shows results, matched words are marked in
the results and on the page, and a query with nothing on the site says so."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.search_quality.browser import open_search

pytestmark = pytest.mark.browser

INDEX_FILES = ("search/search_index.json", "javascripts/vendor/minisearch.js", "javascripts/search-engine.js")


def _requests(context) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    return seen


def test_the_index_and_the_engine_load_only_when_the_reader_starts_to_search(browser, served_site):
    context = browser.new_context()
    seen = _requests(context)
    page = context.new_page()
    page.goto(f"{served_site}/networking/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in seen if u.endswith(INDEX_FILES)], "loaded before the reader searched"
    page.keyboard.press("/")
    page.wait_for_function("""() => !/Initializing/i.test(
        document.querySelector('.md-search-result__meta').textContent)""")
    for name in INDEX_FILES:
        assert any(u.endswith(name) for u in seen), f"{name} not loaded once the reader searched"
    page.keyboard.type("redis-cli")
    page.wait_for_selector("li.md-search-result__item")
    context.close()


def test_a_page_opened_with_a_query_loads_the_index_and_shows_results(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served_site}/?q=--volumes-from")
    page.wait_for_selector("li.md-search-result__item")
    first = page.locator("li.md-search-result__item a.md-search-result__link").first.get_attribute("href")
    assert "/sharing-data/" in first
    context.close()


def test_matched_words_are_marked_in_results_and_on_the_page(page, served_site):
    open_search(page, f"{served_site}/")
    page.keyboard.type("redis-cli")
    page.wait_for_selector("li.md-search-result__item mark[data-md-highlight]")
    marks = page.locator("li.md-search-result__item").first.locator("mark[data-md-highlight]").all_inner_texts()
    assert any("redis-cli" in m.lower() for m in marks), marks
    link = page.locator("li.md-search-result__item a.md-search-result__link").first
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query).get("h") == ["redis-cli"], href
    link.click()
    page.wait_for_selector("article mark[data-md-highlight]")
    on_page = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert any(m.lower() in ("redis", "cli") for m in on_page), on_page[:5]


def test_a_query_with_only_missing_words_says_so(page, served_site):
    open_search(page, f"{served_site}/")
    page.keyboard.type("zzqxv")
    page.wait_for_function("""() => /No matching/i.test(
        document.querySelector('.md-search-result__meta').textContent)""")
