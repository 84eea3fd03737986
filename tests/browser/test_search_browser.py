"""The site's search in real Chromium, through Material's search box: what the Node judge of the
quality set (tests/pages/test_search_quality.py) cannot see. The index and the engine load only once the
reader starts to search, a page opened with a query shows results, matched words are marked in
the results and on the page, a query with nothing on the site says so, a handful of typed queries
show what the engine ranks (online and in the offline copy), and fast typing ends on the results
of the whole query."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from scripts.search_quality.browser import open_search
from scripts.search_quality.engine import node, run_in_node
from scripts.search_quality.quality_set import QualityQuery
from tooling import missing

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
    # (waits for the whole query's marks: results of "redis-c" may still show)
    page.wait_for_function("""() => [...document.querySelectorAll('li.md-search-result__item:first-child mark[data-md-highlight]')]
        .some((m) => m.textContent.toLowerCase().includes('redis-cli'))""")
    marks = page.locator("li.md-search-result__item").first.locator("mark[data-md-highlight]").all_inner_texts()
    assert any("redis-cli" in m.lower() for m in marks), marks
    link = page.locator("li.md-search-result__item a.md-search-result__link").first
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query).get("h") == ["redis-cli"], href
    link.click()
    page.wait_for_selector("article mark[data-md-highlight]")
    on_page = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert any(m.lower() in ("redis", "cli") for m in on_page), on_page[:5]


def test_a_query_nothing_answers_says_so_and_links_dockers_documentation(browser, served_site):
    context = browser.new_context()
    foreign: list[str] = []
    context.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc != urlsplit(served_site).netloc else None)
    page = context.new_page()
    open_search(page, f"{served_site}/")
    page.keyboard.type("zzqxv")
    notice = page.locator("li.md-search-result__item").first
    # Typed key by key: the notice for "zzqx" may be shown until the last key's results replace it.
    expect(notice.locator("a").first).to_have_attribute("href", re.compile(r"^https://docs\.docker\.com/search/\?q=zzqxv(&|$)"))
    assert notice.locator("[data-search-notice=weak]").count() == 1
    assert "Nothing on this site answers" in notice.inner_text()
    context.close()
    assert not foreign, f"the page itself requested {foreign}"


# A handful of queries typed into the real search box: the worker and Material's list show what
# the engine ranks (tests/pages/test_search_quality.py judges the engine on the whole quality set).
TYPED = ["--rm", "docker network create", "-p 5000:5000",
         "Error response from daemon: No such container: web1_2", "docker-compose.yml", "entrypont", "docker swarm init"]


def _engine_first(site, queries: list[str]) -> list[str]:
    if node() is None:
        missing("no node: install Node.js 20 or newer")
    report = run_in_node(site, [QualityQuery(query=q, kind="typed", not_covered=True) for q in queries])
    return [o.groups[0].page or f"[{o.groups[0].notice}: {o.groups[0].reference}]" for o in report.outcomes]


def _typed_first(page, queries: list[str]) -> list[str]:
    from scripts.search_quality.browser import run_query
    from scripts.search_quality.sections import SectionMap

    shown = []
    for query in queries:
        outcome = run_query(page, QualityQuery(query=query, kind="typed", not_covered=True), SectionMap(Path()))
        first = outcome.groups[0]
        shown.append(first.page or f"[{first.notice}: {first.reference}]")
    return shown


def test_the_search_box_shows_what_the_engine_ranks(page, served_site, site):
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    open_search(page, f"{served_site}/")
    assert _typed_first(page, TYPED) == _engine_first(site, TYPED)
    assert not [m for m in messages if "QueryParseError" in m or "failed" in m], messages
    # What the reader typed is marked in the first result; a command the site does not teach
    # gets a notice linking its page in Docker's reference.
    box = page.locator("input.md-search__input")
    box.fill("--volumes-fro")
    page.keyboard.type("m")
    # (waits for this query's marks: the previous query's results may still show theirs)
    page.wait_for_function("""() => [...document.querySelectorAll('li.md-search-result__item:first-child mark')]
        .some((m) => m.textContent.toLowerCase().includes('volumes'))""")
    marks = page.locator("li.md-search-result__item").first.locator("mark").all_text_contents()
    assert any("volumes" in m.lower() for m in marks), marks
    # docker save is taught since the registries chapter; Swarm is still not
    box.fill("docker swarm ini")
    page.keyboard.type("t")
    page.locator("[data-search-notice=command]").wait_for()
    expect(page.locator("li.md-search-result__item").first.locator("a").first).to_have_attribute(
        "href", re.compile(r"^https://docs\.docker\.com/reference/cli/docker/swarm/init/"))


def test_typing_fast_ends_on_the_results_of_the_whole_query(page, served_site):
    """Key after key with no pause: the worker may skip queries typed over, never the last."""
    open_search(page, f"{served_site}/")
    page.keyboard.type("docker network create")
    page.wait_for_function("""() => { const a = document.querySelector('li.md-search-result__item a');
        return a && a.href.includes('/networking/'); }""")
    page.wait_for_timeout(300)  # any later answer would have arrived
    first = page.locator("li.md-search-result__item a.md-search-result__link").first.get_attribute("href")
    assert "/networking/" in first


def test_the_offline_copy_searches_from_file_urls(browser, offline_site):
    context = browser.new_context()
    network: list[str] = []
    context.on("request", lambda r: network.append(r.url) if urlsplit(r.url).scheme in ("http", "https") else None)
    page = context.new_page()
    queries = TYPED[:3] + TYPED[-1:]
    try:
        open_search(page, (offline_site / "index.html").as_uri())
        assert _typed_first(page, queries) == _engine_first(offline_site, queries)
    finally:
        context.close()
    assert not network, network
