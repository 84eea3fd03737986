"""The built site in real headless Chromium: the palette toggle, tables, code blocks, no third-party
requests. Search in the browser: tests/browser/test_search_browser.py."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import pytest


# The `browser` and `page` fixtures live in conftest.py, shared with the other browser tests.


PALETTE_LABEL = "form[data-site-palette] label:visible"


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_palette_toggle_switches_light_and_dark(page, served_site):
    page.emulate_media(color_scheme="light")
    page.goto(f"{served_site}/")
    scheme = functools.partial(_scheme, page)
    assert scheme() == "default"  # follows the system preference
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    # The toggle cycles system -> light -> dark, with a label saying what the next click does.
    toggle = page.locator(PALETTE_LABEL)
    assert toggle.count() == 1
    assert (toggle.get_attribute("title") or toggle.get_attribute("aria-label")) == "Switch to light mode"
    toggle.click()
    assert scheme() == "default"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "light"
    page.locator(PALETTE_LABEL).click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate", "the reader's choice survives a reload"
    assert page.locator(PALETTE_LABEL).get_attribute("title") == "Switch to system preference"
    # Keyboard: Enter on the focused option moves on to the next one (dark -> system).
    page.focus("#__palette_2")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "__palette_0"
    assert scheme() == "slate"  # system, and the system is dark
    page.emulate_media(color_scheme="light")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")


def test_palette_works_with_a_garbled_stored_setting(browser, served_site):
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("localStorage.setItem('/.__palette', '{not json')")
    page = context.new_page()
    page.goto(f"{served_site}/networking/")
    assert _scheme(page) == "slate"
    page.locator(PALETTE_LABEL).click()
    assert _scheme(page) == "default"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dark_readers_get_dark_colours_before_the_theme_script_runs(browser, served_site, scheme):
    """The palette is applied while the page is parsed: a first visit never paints light then dark.
    Also the fixed theme colour (address bar on phones) is the header's colour in both schemes."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())  # no Material script
    page.goto(f"{served_site}/running-containers/")
    expected = "slate" if scheme == "dark" else "default"
    assert _scheme(page) == expected
    header, theme = page.evaluate("""[getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        document.querySelector('meta[name=theme-color]').content]""")
    context.close()
    red, green, blue = (int(theme[i:i + 2], 16) for i in (1, 3, 5))
    assert header == f"rgb({red}, {green}, {blue})"


def test_no_request_leaves_the_site(browser, served_site, site):
    origin = urlsplit(served_site).netloc
    pages = sorted(p.relative_to(site) for p in site.rglob("index.html")) + [site.joinpath("404.html").relative_to(site)]
    context = browser.new_context()
    foreign: list[str] = []
    context.on("request", lambda request: foreign.append(request.url)
               if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != origin else None)
    # Four tabs at a time: each page still waits until its network is idle, the waits overlap.
    tabs = [context.new_page() for _ in range(4)]
    for start in range(0, len(pages), len(tabs)):
        batch = list(zip(tabs, pages[start:start + len(tabs)]))
        for tab, path in batch:
            tab.goto(f"{served_site}/{path.as_posix()}".replace("index.html", ""), wait_until="commit")
        for tab, _ in batch:
            tab.wait_for_load_state("networkidle")
    context.close()
    assert not foreign, foreign
    assert len(pages) >= 15


# Computed styles that make up a table's look; compared between the build's pre-wrapped tables
# and a class-less table styled by Material itself.
_TABLE_STYLE = ["display", "font-size", "border-top-width", "border-top-color", "border-radius",
                "background-color", "max-width", "overflow-x"]
_CELL_STYLE = ["padding-top", "padding-left", "vertical-align", "text-align", "font-weight",
               "border-top-width", "border-top-color", "min-width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_prewrapped_tables_look_like_materials_and_stay_in_place(page, served_site, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{served_site}/getting-help/")
    placement = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map(t =>
        [t.className, t.parentElement.className, t.parentElement.parentElement.className])""")
    assert placement, "the page has tables"
    # Material's script would have moved a class-less table into a new wrapper of its own.
    assert set(map(tuple, placement)) == {("site-table", "md-typeset__table", "md-typeset__scrollwrap")}

    styles = page.evaluate("""([tableProps, cellProps]) => {
        const pick = (el, props) => Object.fromEntries(props.map(p => [p, getComputedStyle(el)[p]]));
        const ours = document.querySelector('.md-content table.site-table');
        const wrap = document.createElement('div');
        wrap.className = 'md-typeset__scrollwrap';
        wrap.innerHTML = '<div class="md-typeset__table"><table><thead><tr><th>a</th></tr></thead>'
            + '<tbody><tr><td>b</td></tr></tbody></table></div>';
        ours.closest('.md-typeset__scrollwrap').after(wrap);
        const material = wrap.querySelector('table');
        // Our one intended difference is larger type (cell padding is in em): compare at our size.
        material.style.fontSize = getComputedStyle(ours).fontSize;
        return {
            ours: [pick(ours, tableProps), pick(ours.querySelector('th'), cellProps), pick(ours.querySelector('td'), cellProps)],
            material: [pick(material, tableProps), pick(material.querySelector('th'), cellProps), pick(material.querySelector('td'), cellProps)],
        };
    }""", [_TABLE_STYLE, _CELL_STYLE])
    ours, material = styles["ours"], styles["material"]
    assert float(ours[0]["font-size"].removesuffix("px")) >= 12, "table type stays legible on a phone"
    assert ours == material


def test_code_blocks_get_copy_buttons_when_they_scroll_into_view(page, served_site):
    """Material mounts code blocks lazily (content.lazy): far blocks get their copy button when
    the reader reaches them, and it copies the command."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(f"{served_site}/networking/")
    page.wait_for_selector(".md-content pre .md-code__nav")  # the first screen's blocks
    last = page.locator(".md-content pre > code").last
    assert last.evaluate("c => !c.parentElement.querySelector('.md-code__nav')"), "far blocks wait"
    last.scroll_into_view_if_needed()
    button = page.locator(".md-content pre").last.locator("button.md-code__button, button.md-clipboard")
    button.wait_for()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() in last.inner_text()
