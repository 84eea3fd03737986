"""Accessibility in real Chromium: axe-core once every code block is mounted, and the keyboard.

axe-core on every page as loaded, light and dark, runs in tests/browser/test_reading.py, on the same page
load as the other checks a reader would notice (once per page and scheme, on a phone, where
scrolling regions and Material's code blocks behave differently from a desktop).

The theme's own known problems are fixed in overrides/ and docs/stylesheets/site.css, not by
turning axe rules off: the search dialog's name (overrides/partials/search.html), the footer's
contrast (light), code colours (light and dark), links told apart from text by an underline,
section navigation names (overrides/partials/nav-item.html) and the copy buttons' wrappers
(overrides/partials/a11y.js, inlined into every page).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitekit.project import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def _open(context, site: Path, base: str, path: str):
    """A page of the site. 404.html links its assets under site_url's path (it can be served at
    any depth), so requests under that path are answered from the built site, as Pages would."""
    prefix = urlsplit(re.search(r'href="([^"]*)assets/stylesheets/main', (site / "404.html").read_text()).group(1)).path
    if path == "404.html" and prefix not in ("", "/"):
        def fulfil(route):
            rel = urlsplit(route.request.url).path[len(prefix):] or "index.html"
            target = site / rel
            if target.is_dir():
                target = target / "index.html"
            route.fulfill(path=str(target)) if target.is_file() else route.fulfill(status=404)
        context.route(f"{base}{prefix}**", fulfil)
    page = context.new_page()
    page.goto(f"{base}/{path}".replace("/index.html", "/"), wait_until="load")
    return page


# mkdocs.yml turns on Material's content.lazy: a code block gets its copy button when it first
# scrolls into view. Scroll to each visible one so axe sees every button the reader will meet.
_MOUNT_CODE_BLOCKS = """async () => {
    // A screen at a time, as a reader scrolls: every block on it mounts.
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
        window.scrollTo(0, y);
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    window.scrollTo(0, 0);
}"""
_CODE_BLOCKS_MOUNTED = """() => [...document.querySelectorAll('.md-content pre > code')]
    .filter(c => c.checkVisibility()).every(c => c.parentElement.querySelector('.md-code__nav'))"""


def _mount_code_blocks(page) -> None:
    page.evaluate(_MOUNT_CODE_BLOCKS)
    page.wait_for_function(_CODE_BLOCKS_MOUNTED)


def _scheme_ready(page, scheme: str) -> None:
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{expected}'")


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document);
        return result.violations.map(v => ({
            id: v.id,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n')[1]),
            count: v.nodes.length,
        }));
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_once_every_code_block_is_mounted(browser, site, served_site, scheme):
    """The copy buttons Material adds as blocks scroll into view, on the page with the most blocks."""
    path = max(_pages(site), key=lambda p: (site / p).read_text("utf-8").count("<pre") if "print_page" not in p else 0)
    context = browser.new_context(color_scheme=scheme)
    page = _open(context, site, served_site, path)
    _scheme_ready(page, scheme)
    _mount_code_blocks(page)
    violations = _axe(page)
    context.close()
    assert not violations, f"{path} [{scheme}]: {violations}"


def test_a_code_block_never_scrolled_to_is_reachable_by_keyboard(page, served_site):
    """On a phone, long command lines scroll sideways: such a block far down the page, which
    Material has not mounted yet (content.lazy), is already a tab stop the reader can scroll."""
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(f"{served_site}/networking/")
    index = page.evaluate("""() => {
        const blocks = [...document.querySelectorAll('.md-content pre > code')];
        const far = blocks.map((c, i) => [c, i]).filter(([c]) => c.scrollWidth > c.clientWidth
            && !c.parentElement.querySelector('.md-code__nav')
            && c.getBoundingClientRect().top > 3 * innerHeight);
        return far.length ? far[far.length - 1][1] : -1;
    }""")
    assert index >= 0, "a long, unmounted code block far down the page"
    block = page.locator(".md-content pre > code").nth(index)
    assert block.get_attribute("tabindex") == "0"
    block.focus()
    assert page.evaluate("document.activeElement.tagName") == "CODE"
    page.keyboard.press("ArrowRight")
    # The browser may scroll smoothly: wait for the scroll rather than read it at once.
    block.evaluate("c => new Promise((done, fail) => { const t = Date.now(); (function poll() {"
                   " if (c.scrollLeft > 0) done(); else if (Date.now() - t > 3000) fail(new Error("
                   "'the arrow keys do not scroll the focused block')); else requestAnimationFrame(poll); })(); })")


def _tab_through(page, presses: int) -> list[dict]:
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            // A content tab is a radio input; its tab strip shows the focus (site.css).
            const isTab = el.matches('.tabbed-set > input[type=radio]');
            const shown = isTab ? el.parentElement.querySelector(':scope > .tabbed-labels') : el;
            const style = getComputedStyle(shown);
            return {
                tag: el.tagName.toLowerCase(),
                cls: String(el.className || ''),
                href: el.getAttribute('href') || '',
                for: el.getAttribute('for') || '',
                inPrimaryNav: !!el.closest('.md-nav--primary'),
                inPalette: !!el.closest('form[data-site-palette]'),
                inTabs: isTab,
                focusVisible: el.matches(':focus-visible'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== 'none',
            };
        }"""))
    return [s for s in seen if s]


def test_keyboard_reaches_search_palette_navigation_tabs_and_copy_buttons(browser, site, served_site):
    pages_with_tabs = [p for p in _pages(site) if 'class="tabbed-set' in (site / p).read_text(encoding="utf-8")]
    chapter = "running-containers/index.html"
    targets = [chapter] + pages_with_tabs[:1]
    for path in targets:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = _open(context, site, served_site, path)
        focused = _tab_through(page, 400)
        kinds = {
            "search": [f for f in focused if "md-search__input" in f["cls"] or f["for"] == "__search"],
            "palette toggle": [f for f in focused if f["inPalette"]],
            "navigation link": [f for f in focused if f["inPrimaryNav"] and f["tag"] == "a"],
            "copy button": [f for f in focused if "md-code__button" in f["cls"] or "md-clipboard" in f["cls"]],
        }
        if path in pages_with_tabs:
            kinds["content tab"] = [f for f in focused if f["inTabs"]]
        for kind, hits in kinds.items():
            assert hits, f"{path}: Tab never reaches a {kind}"
            invisible = [h for h in hits if not (h["outline"] or h["shadow"])]
            assert not invisible, f"{path}: focus is not visible on a {kind}: {invisible[:2]}"
        context.close()
