"""The offline copy (mkdocs.offline.yml): opened from the file system, with search, and nothing fetched
from the network. The Pages workflow publishes it as a zip beside the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ZIP_NAME = "docker-explained-offline.zip"


def test_offline_build_keeps_every_plugin_and_uses_file_links(offline_site):
    assert (offline_site / "index.html").is_file()
    assert (offline_site / "running-containers.html").is_file(), "use_directory_urls must be false"
    assert (offline_site / "print_page.html").is_file(), "the print page is part of the offline copy"
    index = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = "), "the offline plugin inlines the search index"
    assert '"synonyms"' in index and "#cmd-" in index, "the site's index additions reach the offline index"
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "iframe-worker-shim.js" in html, "the worker shim is served locally"
    assert ZIP_NAME not in html, "the offline copy does not offer itself for download"
    assert "{@" not in (offline_site / "running-containers.html").read_text(encoding="utf-8"), "macros ran"


def test_offline_copy_finds_flags_from_file_urls(browser, offline_site):
    context = browser.new_context()
    network = []
    context.on("request", lambda r: network.append(r.url) if urlsplit(r.url).scheme in ("http", "https") else None)
    errors = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((offline_site / "index.html").as_uri())
    for query, expected in (("--rm", "running-containers.html"), ("-p 5000:5000", "running-containers.html")):
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.fill("")
        box.type(query, delay=5)
        page.wait_for_function(
            """() => {
                const meta = document.querySelector('.md-search-result__meta');
                return meta && !/Initializing|Type to start/i.test(meta.textContent);
            }""",
            timeout=15000,
        )
        links = page.locator("li.md-search-result__item > a.md-search-result__link")
        hrefs = links.evaluate_all("els => els.map(e => e.href)")
        assert hrefs, f"no results for {query!r} under file://; errors: {errors}"
        assert all(h.startswith("file://") for h in hrefs), hrefs[:3]
        # The same engine ranks the same way from file://: the page that teaches the flag first,
        # as the quality set demands (scripts/benchmark.py runs all of it in the offline copy).
        assert urlsplit(hrefs[0]).path.endswith(expected), hrefs[:5]
        page.keyboard.press("Escape")
    # Following a result and a navigation link works from the file system too.
    page.goto((offline_site / "networking.html").as_uri())
    assert page.locator("h1").first.inner_text()
    context.close()
    assert not network, f"the offline copy made network requests: {network}"
    assert not [e for e in errors if "QueryParseError" in e or "search-worker" in e], errors


def test_pages_workflow_publishes_the_offline_zip_and_the_site_links_to_it(html_pages):
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    runs = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "--config-file mkdocs.offline.yml" in runs
    assert f"_site/{ZIP_NAME}" in runs
    footer = html_pages["index.html"].select_one(".md-copyright")
    link = footer.find("a", href=lambda h: h and h.endswith(ZIP_NAME))
    assert link is not None and "offline" in link.get_text().lower()
