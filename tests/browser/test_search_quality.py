"""Search as readers use it, in real Chromium through Material's search box: the quality set
(assets/search-quality.yaml) in the online build and in the offline copy, the index loading only
once the reader starts to search, and matched words highlighted in the results and on the page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from sitekit.search_quality import (MIN_PRECISION_AT_1, MIN_PRECISION_AT_3, QualitySetError,
                                    load_quality_set, open_search, run_quality_set)

pytestmark = pytest.mark.browser

INDEX_FILES = ("search/search_index.json", "javascripts/vendor/minisearch.js", "javascripts/search-engine.js")


def _judge(report, where: str) -> None:
    summary = report.summary()
    print(f"\n{where}: {summary}")
    misses = "\n".join(report.misses())
    assert report.precision_at(1) >= MIN_PRECISION_AT_1, f"{where}: {summary}\n{misses}"
    assert report.precision_at(3) >= MIN_PRECISION_AT_3, f"{where}: {summary}\n{misses}"


def test_quality_set_online(page, served_site, site):
    _judge(run_quality_set(page, f"{served_site}/", site), "online")


def test_quality_set_offline_from_file_urls(browser, offline_site):
    context = browser.new_context()
    network: list[str] = []
    context.on("request", lambda r: network.append(r.url) if urlsplit(r.url).scheme in ("http", "https") else None)
    page = context.new_page()
    try:
        _judge(run_quality_set(page, (offline_site / "index.html").as_uri(), offline_site), "offline")
    finally:
        context.close()
    assert not network, network


def test_quality_set_names_real_pages_and_is_big_enough():
    queries = load_quality_set()
    assert len(queries) >= 100
    kinds = {q.kind for q in queries}
    assert {"command", "flag", "compound", "dockerfile", "error", "question", "synonym", "platform",
            "prefix", "common", "typo"} <= kinds


@pytest.mark.parametrize(("text", "problem"), [
    ("queries: []\n", "needs a non-empty list under 'queries:'"),
    ("queries:\n  - {query: x, page: nowhere.md, kind: term}\n", "query 1 ('x'): no page docs/nowhere.md"),
    ("queries:\n  - {query: x, kind: term}\n", "query 1 ({'query': 'x', 'kind': 'term'}): page: Field required"),
    ("queries:\n  - {query: x, page: index.md, kind: term, sction: y}\n", "sction: Extra inputs are not permitted"),
    ("queries:\n  - {query: x, page: index.md, kind: term}\n  - {query: x, page: index.md, kind: term}\n",
     "query 2 ('x') is listed twice"),
])
def test_a_broken_quality_set_gives_one_line(tmp_path, text, problem):
    path = tmp_path / "search-quality.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QualitySetError) as caught:
        load_quality_set(path)
    assert "\n" not in str(caught.value) and problem in str(caught.value), str(caught.value)


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


def test_quality_set_errors_are_quality_set_errors():
    assert issubclass(QualitySetError, ValueError)
