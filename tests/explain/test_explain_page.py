"""The Explain page in real Chromium: paste a command, read the explanation, follow its links.

Online and in the offline copy from file://, on a phone and a desktop, light and dark; the data
loads only once the reader uses the page; the search box and every command block lead to it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from sitekit.project import ROOT

from conftest import page_errors

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DATA = "javascripts/explain-data.js"
PHONE = {"width": 390, "height": 844}


def _explain(page, text: str) -> None:
    """Paste into the box as a reader does, and wait for the explanation."""
    box = page.locator("#explain-input")
    box.click()
    page.wait_for_selector("html[data-explain-ready]")
    box.fill(text)
    page.locator("#explain button[type=submit]").click()
    page.wait_for_function("() => document.querySelector('#explain-result').childElementCount > 0")


def _parts(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.explain-parts dt')].map(
        dt => [dt.textContent, dt.nextElementSibling.textContent]))""")


def _link_targets_exist(site: Path, hrefs: list[str], base: str) -> None:
    for href in hrefs:
        parts = urlsplit(href)
        if not href.startswith(base):
            continue
        path = parts.path[len(urlsplit(base).path):].lstrip("/")
        target = site / path
        target = target / "index.html" if target.is_dir() or not path else target
        assert target.is_file(), href
        if parts.fragment:
            assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), href


def test_the_data_loads_only_when_the_reader_uses_the_page(browser, served_site):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(f"{served_site}/explain/", wait_until="networkidle")
    assert not any("explain" in url and url.endswith(".js") for url in requests), requests
    page.locator("#explain-input").focus()
    page.wait_for_selector("html[data-explain-ready]")
    assert any(url.endswith(DATA) for url in requests)
    context.close()


def test_a_pasted_command_is_explained_part_by_part(page, site, served_site):
    errors = page_errors(page)
    page.goto(f"{served_site}/explain/")
    _explain(page, 'docker run -dit --rm -p 127.0.0.1:8080:80/udp -v "$PWD":/usr/share/nginx/html:ro '
                   "--name web nginx:alpine sh -c 'nginx -g \"daemon off;\"'")
    parts = _parts(page)
    assert "docker container run" in parts["run"] and "docker run" in parts["run"]
    assert "--detach" in parts["-d"] and "3 one-letter switches" in parts["-d"]
    assert "--interactive" in parts["-i"] and "--tty" in parts["-t"]
    publish = parts["-p 127.0.0.1:8080:80/udp"]
    assert "127.0.0.1" in publish and "port on your computer" in publish and "udp" in publish
    volume = parts["-v $PWD:/usr/share/nginx/html:ro"]
    assert "bind mount" in volume and "read-only" in volume
    image = parts["nginx:alpine"]
    for words in ("docker.io", "Docker Hub", "library", "Docker Official Images", "nginx", "alpine", "default"):
        assert words in image, words
    assert "COMMAND" in parts["sh -c nginx -g \"daemon off;\""]
    summary = page.locator(".explain-summary").text_content()
    assert summary.startswith("Explained 1 command")
    hrefs = page.locator("#explain-result a").evaluate_all("els => els.map(e => e.href)")
    assert any("/running-containers/#cmd-" in h for h in hrefs), "where the site teaches docker container run"
    assert any("-flag-publish" in h for h in hrefs), "where the site teaches --publish"
    assert any(h.startswith("https://docs.docker.com/reference/cli/docker/container/run/") for h in hrefs)
    _link_targets_exist(site, hrefs, served_site)
    assert not errors


def test_problems_outdated_parts_and_warnings(page, served_site):
    page.goto(f"{served_site}/explain/")
    _explain(page, "sudo docker-compose -f docker-compose.yml up -d --buidl\n"
                   "docker run --privileged --net=host -v /var/run/docker.sock:/var/run/docker.sock -p 8080:80 "
                   "--rmm -p 80800:80 myimage")
    sections = page.locator(".explain-command")
    assert sections.count() == 2
    first, second = sections.nth(0).text_content(), sections.nth(1).text_content()
    assert "Compose v1" in first and "Did you mean `--build`?" not in first and "Did you mean" in first
    assert "--build" in first and "Would not work" in first
    for words in ("Did you mean", "--rm", "65535", "older name of", "--network", "--privileged",
                  "Docker socket", "every network interface", "latest"):
        assert words in second, words
    assert page.locator(".explain-box--warning li a").count() >= 4, "each warning links where the site explains it"


def test_an_error_message_goes_to_its_troubleshooting_entry(page, site, served_site):
    page.goto(f"{served_site}/explain/?cmd=" + quote(
        "docker: Error response from daemon: driver failed programming external connectivity on endpoint web "
        "(3f5c): Bind for 0.0.0.0:8080 failed: port is already allocated."))
    page.wait_for_selector(".explain-errors a")
    href = page.locator(".explain-errors a").first.get_attribute("href")
    assert href.endswith("troubleshooting/#port-already-allocated")
    _link_targets_exist(site, [page.locator(".explain-errors a").first.evaluate("e => e.href")], served_site)


def test_the_examples_fill_the_box(page, served_site):
    page.goto(f"{served_site}/explain/")
    page.locator("a[data-explain-example]").nth(1).click()
    page.wait_for_selector(".explain-command")
    assert "--link" in page.locator("#explain-input").input_value()
    assert "legacy" in page.locator(".explain-box--outdated").text_content()


def test_every_command_block_links_to_its_explanation(html_pages):
    from sitekit.catalog import load_catalog

    blocks = 0
    for path, soup in html_pages.items():
        if path.startswith(("print_page", "print_questions")):
            assert not soup.select("p.cmd-explain"), "paper has no Explain page to go to"
            continue
        for block in soup.select("div.cmd-block"):
            link = block.select_one("p.cmd-explain a")
            assert link is not None, f"{path} {block['id']}"
            command = block.select_one("pre code").get_text().strip()
            # A command that reads a token piped in (echo "$DOCKER_PAT" | docker login …): the docker part.
            if not command.startswith("docker ") and " | docker " in command:
                command = command.split(" | ", 1)[1]
            assert link["href"].endswith("explain/?cmd=" + quote(command, safe="")), (path, link["href"])
            blocks += 1
    assert blocks >= len(load_catalog().commands)


def test_a_command_block_link_finds_its_own_block(page, served_site):
    page.goto(f"{served_site}/running-containers/")
    link = page.locator("div.cmd-block p.cmd-explain a").first
    block = link.evaluate("a => a.closest('.cmd-block').id")
    link.click()
    page.wait_for_selector(".explain-exact a")
    assert page.locator(".explain-exact a").get_attribute("href").endswith(f"#{block}")
    assert page.locator(".explain-verdict").first.text_content().startswith("Works with Docker")


def test_a_command_typed_into_search_links_to_the_explain_page(page, served_site):
    page.goto(f"{served_site}/networking/")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill("docker run -d -p 80:80 ngin")
    box.type("x")
    first = page.locator(".md-search-result .explain-search a")
    first.wait_for()
    assert "explain/?cmd=docker+run+-d+-p+80%3A80+nginx" in first.get_attribute("href")
    page.wait_for_selector("li.md-search-result__item")  # the search's own results, below it
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == first.evaluate("e => e.href"), "the arrow keys reach it"
    box.fill("how to publish a port")
    box.type("s")
    assert page.locator(".explain-search").is_hidden() and not page.locator(".explain-search a").count(), \
        "only for commands, and no link left behind for the search's own results"
    box.fill("docker ps -")
    box.type("a")
    page.locator(".explain-search a").click()
    page.wait_for_selector(".explain-command")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_the_page_fits_reads_and_passes_axe(browser, served_site, scheme, viewport):
    """No sideways scrolling at 390 px, no text under 11 px, axe clean, with a long explanation shown."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (dev.py test does)")
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    page = context.new_page()
    errors = page_errors(page)
    command = ("docker run --detach --restart unless-stopped --name verylongcontainername-for-a-narrow-screen "
               "-e SUPER_LONG_ENVIRONMENT_VARIABLE_NAME=with-a-value-that-does-not-break-anywhere "
               "-v /var/run/docker.sock:/var/run/docker.sock -p 8080:80 --rmm "
               "registry.example.com:5000/team/project/image:1.2.3@sha256:" + "c" * 64)
    page.goto(f"{served_site}/explain/?cmd=" + quote(command))
    page.wait_for_selector(".explain-command")
    page.emulate_media(color_scheme=scheme)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('#explain-result *, #explain *')]
        .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 11
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id + ': ' + "
                               "v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', '))")
    context.close()
    assert not violations
    assert not errors


def test_the_offline_copy_explains_from_file_urls(browser, offline_site):
    context = browser.new_context()
    network = []
    context.on("request", lambda r: network.append(r.url) if urlsplit(r.url).scheme in ("http", "https") else None)
    page = context.new_page()
    errors = page_errors(page)
    page.goto((offline_site / "explain.html").as_uri() + "?cmd=" + quote("docker compose exec -it web bash"))
    page.wait_for_selector(".explain-command")
    assert "accepted and ignored" in page.locator(".explain-box--outdated").text_content()
    href = page.locator(".explain-parts a[href*='compose']").first.get_attribute("href")
    assert href.startswith("file://") and ".html#" in href
    assert not network and not errors


def test_the_page_makes_no_request_to_another_host(browser, served_site):
    context = browser.new_context()
    others = []
    host = urlsplit(served_site).netloc
    context.on("request", lambda r: others.append(r.url) if urlsplit(r.url).netloc not in (host, "") else None)
    page = context.new_page()
    page.goto(f"{served_site}/explain/?cmd=" + quote("docker run -p 80:80 nginx"))
    page.wait_for_selector(".explain-command")
    context.close()
    assert not others
