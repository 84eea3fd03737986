"""The search quality set (assets/search-quality/) and the tools that judge the search on it.

- quality_set.py reads the two parts, tuning.yaml and held-out.yaml;
- engine.py runs them through the site's own search engine in Node (judge.js), on a built
  index: the judge that tests/pages/test_search_quality.py uses, in seconds and without a browser;
- browser.py types them into Material's real search box in Chromium: what scripts/benchmark.py
  measures online and in the offline copy, with the time from keystroke to results;
- report.py turns what either showed into precision at 1 and 3, by part and kind.

    .venv/bin/python -m scripts.search_quality SITE_DIR [--part held-out] [--misses]
    .venv/bin/python -m scripts.search_quality SITE_DIR --browser [--file]
    .venv/bin/python -m scripts.search_quality SITE_DIR --explain "docker stop"

A test tool, not part of the site: nothing under sitekit/ imports it.
"""
