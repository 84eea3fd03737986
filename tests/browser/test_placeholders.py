"""The reader's own values: `<your-docker-id>` in commands, filled from a small form, on every page,
in what the page shows and in what Material's copy button copies (real Chromium clipboard)."""

from __future__ import annotations

import re

import pytest

from conftest import context_with_storage, page_errors

from sitekit.placeholders import mark_placeholders

STORAGE_KEY = "docker-explained.values"
FIRST_PAGE = "build-tag-push"  # the chapter where the reader first needs a Docker ID
PLACEHOLDER = "<your-docker-id>"


def test_placeholders_in_commands_are_marked_and_prose_keeps_them(html_pages):
    marked = 0
    for key, soup in html_pages.items():
        for code in soup.select("article pre code, article td code"):
            for span in code.select("[data-placeholder]"):
                assert span.get_text() == f"<{span['data-placeholder']}>"
                marked += 1
            bare = code.get_text().count(PLACEHOLDER) - len(code.select("[data-placeholder='your-docker-id']"))
            assert bare == 0, f"{key}: a placeholder in a command is not marked: {code.get_text()[:80]}"
        # Prose that talks about the placeholder keeps it as written.
        for code in soup.select("article p > code"):
            if code.get_text() == PLACEHOLDER:
                assert not code.select("[data-placeholder]"), key
    assert marked >= 10


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<pre><code>docker image push &lt;your-docker-id&gt;/web1</code></pre>', 1),
        # Pygments splits `<` and `>` into tokens of their own in some positions.
        ('<pre><code>x <span class="o">&lt;</span>your-docker-id<span class="o">&gt;</span>/web1</code></pre>', 1),
        ('<p>replace <code>&lt;your-docker-id&gt;</code> with your ID</p>', 0),
        ('<td><code>docker pull &lt;your-docker-id&gt;/web1</code></td>', 1),
        ('<p>Also: <code>docker push &lt;your-docker-id&gt;/web1</code></p>', 1),
    ],
)
def test_marking_finds_placeholders_in_commands_only(html, expected):
    result = mark_placeholders(html)
    assert result.count('data-placeholder="your-docker-id"') == expected
    assert re.sub(r"<[^>]+>", "", result) == re.sub(r"<[^>]+>", "", html), "the text stays as it was"


def _placeholders(page) -> list[str]:
    return page.locator("article pre [data-placeholder]").evaluate_all("els => els.map(e => e.textContent)")


def test_without_javascript_the_placeholder_stays_and_no_form_shows(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/{FIRST_PAGE}/")
    assert set(_placeholders(page)) == {PLACEHOLDER}
    assert page.locator("form.placeholder-form").count() == 0
    context.close()


def test_the_docker_id_fills_every_command_on_every_page_and_is_copied(browser, served_site, html_pages):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served_site}/{FIRST_PAGE}/")
    form = page.locator("form.placeholder-form")
    assert form.count() == 1
    # The form sits just before the first command that needs the value.
    first_block = page.locator("article pre:has([data-placeholder])").first
    assert form.evaluate("(f, block) => !!(f.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING)",
                         first_block.element_handle())
    assert set(_placeholders(page)) == {PLACEHOLDER}
    # A value Docker Hub would refuse is not taken.
    page.fill("#placeholder-your-docker-id", "Octo Cat")
    page.keyboard.press("Enter")
    assert "lowercase" in form.locator("[role=status]").inner_text()
    assert page.locator("#placeholder-your-docker-id").get_attribute("aria-invalid") == "true"
    assert set(_placeholders(page)) == {PLACEHOLDER}
    page.fill("#placeholder-your-docker-id", "octocat")
    page.keyboard.press("Enter")
    assert "octocat" in form.locator("[role=status]").inner_text()
    assert set(_placeholders(page)) == {"octocat"}
    # The summary next to a command names the same repository as the command.
    assert "repository octocat/web1 on Docker Hub" in page.locator("#cmd-push-web1 > p").first.inner_text()
    # Material's copy button copies what the block shows, for a block far down the page too,
    # which Material mounts only when it scrolls into view (content.lazy).
    block = page.locator("#cmd-image-rm-hub-tag pre")
    block.scroll_into_view_if_needed()
    block.hover()
    button = page.locator("#cmd-image-rm-hub-tag .md-code__button[data-md-type=copy]")
    button.wait_for()
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "docker image rm octocat/web1:1.0"
    # Every other page that shows the placeholder shows the value (its form holds it already).
    others = [k for k, soup in html_pages.items() if soup.select("article [data-placeholder='your-docker-id']")
              and k not in (f"{FIRST_PAGE}/index.html", "print_page/index.html")]
    assert others
    for key in others:
        page.goto(f"{served_site}/{key}".replace("index.html", ""))
        shown = page.locator("article span[data-placeholder='your-docker-id']").evaluate_all(
            "els => els.map(e => e.textContent)")
        assert set(shown) == {"octocat"}, key
        form = page.locator("form.placeholder-form[data-placeholder='your-docker-id']")
        if form.count():
            assert form.locator("input").input_value() == "octocat", key
    # The cheat sheet's commands show the value too, and the summary next to them.
    page.goto(f"{served_site}/cheat-sheet/")
    entry = page.locator("#cheat-push-web1")
    assert entry.locator("pre").first.inner_text().strip() == "docker image push octocat/web1:1.0"
    assert "repository octocat/web1 on" in entry.locator("p").first.inner_text()
    # Forget: back to the placeholder everywhere.
    page.goto(f"{served_site}/{FIRST_PAGE}/")
    page.locator("form.placeholder-form [data-forget]").click()
    assert set(_placeholders(page)) == {PLACEHOLDER}
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == "{}"
    block = page.locator("#cmd-push-web1 pre")
    block.scroll_into_view_if_needed()
    block.hover()
    page.locator("#cmd-push-web1 .md-code__button[data-md-type=copy]").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"docker image push {PLACEHOLDER}/web1:1.0"
    context.close()


@pytest.mark.parametrize("stored", ['{"your-docker-id": "<img src=x onerror=alert(1)>"}', "{not json", "blocked"])
def test_bad_stored_values_never_reach_the_page(browser, served_site, stored):
    context = context_with_storage(browser, STORAGE_KEY, stored)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(f"{served_site}/{FIRST_PAGE}/")
    assert set(_placeholders(page)) == {PLACEHOLDER}
    assert page.locator("article img").count() == 0
    # The form still works for this page when storage is blocked.
    page.fill("#placeholder-your-docker-id", "octocat")
    page.keyboard.press("Enter")
    assert set(_placeholders(page)) == {"octocat"}
    assert not errors
    context.close()


def test_keyboard_reaches_the_form_and_another_tab_follows(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{served_site}/{FIRST_PAGE}/")
    other = context.new_page()
    other.goto(f"{served_site}/cheat-sheet/")
    page.locator("#placeholder-your-docker-id").focus()
    page.keyboard.type("octocat")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    other.wait_for_function("() => document.querySelector('article span[data-placeholder]').textContent === 'octocat'")
    context.close()
