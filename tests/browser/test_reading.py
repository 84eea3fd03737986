"""What a reader notices, on every page at phone and desktop size, light and dark, in real Chromium.

One sweep loads each page once per size (the scheme switches in place, as the system preference
does) and runs every check on that load: the page never scrolls sideways, no text is below 11 CSS
px (12 in code, diagram labels at their drawn size), diagram labels stay in their boxes, code
wraps between its words (not "containe / r run"), answer choices read as lines, and no console
error. On the phone also: buttons stay readable in every state (at rest, hovered, focused,
pressed: a tapped button keeps them; their colours do not depend on the screen's size), axe-core
(once per scheme) and Tab never drops the focus on <body> (Material takes the most tab stops
away where a screen cannot hover). The offline copy is opened from file:// page by page for its
console. Pasting into search (an input event with no key) gives results, online and offline.

Every page is saved as a screenshot at both sizes, for a person to look at: the whole page in
light, the first screen in dark. They go to the folder named by READING_SCREENSHOTS, or to
`screenshots/` under pytest's base temporary folder (printed at the end of the run).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from test_accessibility import AXE, _axe

pytestmark = pytest.mark.browser

CHECKS = (Path(__file__).resolve().parent / "reading_checks.js").read_text(encoding="utf-8")
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = {"light": "default", "dark": "slate"}
# A button's states, forced through the DevTools protocol: a tapped button keeps hover and focus.
STATES = [[], ["hover"], ["focus"], ["focus", "focus-visible"], ["active", "hover", "focus"]]
# The pages to print (the whole site; the questions of every chapter) hold what the chapters hold,
# rendered as it comes near the screen: a screenshot of all of one is too tall for the browser.
TOO_TALL_TO_SHOOT_WHOLE = {"print_page/index.html", "print_questions/index.html"}
# What an element that loses its tab stop while focused does: the focus falls to <body>. Tab walks
# past whatever may change under the focus: the code blocks Material mounts as they scroll in.
_FOCUS_AFTER_TAB = """async () => {
    const el = document.activeElement;
    if (el && el.matches('pre > code, .md-typeset__scrollwrap')) {
        const block = el.closest('pre') || el;
        const start = performance.now();
        while (el.matches('pre > code') && !block.querySelector('.md-code__nav') && performance.now() - start < 1000)
            await new Promise(done => requestAnimationFrame(done));
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    const now = document.activeElement;
    if (!now || now === document.body) return null;
    return {inContent: !!now.closest('.md-content'),
            name: now.tagName.toLowerCase() + (now.className && typeof now.className === 'string'
                  ? '.' + now.className.split(' ')[0] : '') + ' ' + (now.textContent || '').trim().slice(0, 30)};
}"""


def _pages(site: Path) -> list[str]:
    """Every page; READING_PAGES=networking,cheat-sheet narrows the sweep while working on a page."""
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    chosen = [name for name in os.environ.get("READING_PAGES", "").split(",") if name]
    return [p for p in pages if any(p.startswith(name) for name in chosen)] if chosen else pages


def _url(base: str, path: str) -> str:
    return f"{base}/{path}".replace("/index.html", "/")


def screenshot_dir(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("READING_SCREENSHOTS") or tmp_path_factory.getbasetemp() / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _check(page, name: str, *args) -> list[str]:
    return page.evaluate(f"(args) => ({CHECKS}).{name}(...args)", list(args))


def _wait_scheme(page, scheme: str) -> None:
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{SCHEMES[scheme]}'")


def _switch_scheme(page, scheme: str) -> None:
    """The system preference changes, as when a phone turns dark at night; the palette follows.
    Without Material's colour fade (as its own toggle does), so the new colours are read at once."""
    page.evaluate("document.body.setAttribute('data-md-color-switching', '')")
    page.emulate_media(color_scheme=scheme)
    _wait_scheme(page, scheme)
    # Style the whole page in the new colours while fades are off, then allow them again.
    page.evaluate("document.body.offsetHeight; document.body.removeAttribute('data-md-color-switching')")


def _render_every_chapter(page) -> None:
    """The print page renders a chapter only as it comes near the screen (content-visibility):
    axe reads the colours and sizes of what is rendered, so render all of it first, as for a
    reader who has scrolled through (the page's script measures the code blocks then too)."""
    page.add_style_tag(content=".md-typeset .print-page[id] { content-visibility: visible !important; }")
    page.evaluate("() => new Promise(done => { dispatchEvent(new Event('resize'));"
                  " requestAnimationFrame(() => requestAnimationFrame(done)); })")


def _scripts_on_demand(page) -> None:
    """What loads as the reader goes: the questions' script near the questions, the Docker ID form."""
    if page.locator(".quiz[data-quiz]").count():
        # The browser's own scrolling, which renders what content-visibility left unrendered
        # (the print page) before it scrolls, as a reader's scrolling does.
        page.evaluate("document.querySelector('.quiz').scrollIntoView()")
        page.wait_for_selector(".quiz[data-quiz-ready]", state="attached")
    if page.locator("article pre:not(.cheat__command) span[data-placeholder]").count():
        page.locator("form.placeholder-form").first.wait_for(state="attached")
    page.evaluate("window.scrollTo(0, 0)")


def _button_contrast(page, cdp, scheme: str) -> list[str]:
    """Each button's text against its background in each state (transitions off, so the state's
    own colours are read rather than a moment of the fade)."""
    if not page.evaluate(f"({CHECKS}).sampleButtons()"):
        return []
    style = page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    document = cdp.send("DOM.getDocument", {"depth": 0})
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": document["root"]["nodeId"],
                                              "selector": "[data-reading-sample]"})["nodeIds"]
    problems = []
    for states in STATES:
        for node in nodes:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": states})
        problems += _check(page, "buttonContrast", f"{scheme} {'+'.join(states) or 'at rest'}")
    for node in nodes:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
    style.evaluate("s => s.remove()")
    return problems


def _tab_walk(page, limit: int = 200) -> list[str]:
    """Tab from the top of the article to its end (at most `limit` stops: the cheat sheet has a
    copy button on every command); where the focus fell to <body>."""
    page.evaluate("""() => { const h = document.querySelector('.md-content h1') || document.querySelector('.md-content');
        h.setAttribute('tabindex', '-1'); h.focus(); h.removeAttribute('tabindex'); }""")
    problems, previous = [], "the top of the article"
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(_FOCUS_AFTER_TAB)
        if now is None:
            problems.append(f"after {previous}")
            if len(problems) >= 5:
                break
            continue
        if not now["inContent"]:
            break  # past the article: the footer and the theme's own controls
        previous = now["name"]
    return problems


class Sweep:
    """What the sweep found: problems by check, and how many page loads it took."""

    def __init__(self) -> None:
        self.problems: dict[str, list[str]] = defaultdict(list)
        self.loads = 0
        self.pages: list[str] = []
        self.shots: list[Path] = []
        self.times: dict[str, float] = defaultdict(float)

    def add(self, check: str, where: str, found: list[str]) -> None:
        self.problems[check] += [f"{where}: {p}" for p in found]

    def timed(self, step: str, started: float) -> float:
        now = time.perf_counter()
        self.times[step] += now - started
        return now


@pytest.fixture(scope="session")
def reading(browser, site, served_site, tmp_path_factory) -> Sweep:
    sweep = Sweep()
    sweep.pages = _pages(site)
    shots = screenshot_dir(tmp_path_factory)
    # 404.html links its assets under site_url's path: answer those from the built site.
    prefix = urlsplit(re.search(r'href="([^"]*)assets/stylesheets/main', (site / "404.html").read_text()).group(1)).path
    for size, options in SIZES.items():
        context = browser.new_context(**options, color_scheme="light")
        if prefix not in ("", "/"):
            context.route(f"{served_site}{prefix}**", lambda route: route.fulfill(
                path=str(site / (urlsplit(route.request.url).path[len(prefix):] or "index.html"))))
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: errors.append(f"fetched {r.url}") if r.url.endswith("sitemap.xml") else None)
        for path in sweep.pages:
            where = f"{path} [{size}]"
            started = t = time.perf_counter()
            errors.clear()
            page.emulate_media(color_scheme="light")
            page.goto(_url(served_site, path), wait_until="load")
            sweep.loads += 1
            _wait_scheme(page, "light")
            t = sweep.timed("load", t)
            if size == "phone":  # axe once per page and scheme, on the page as loaded on a phone
                if path in TOO_TALL_TO_SHOOT_WHOLE:
                    _render_every_chapter(page)
                sweep.add("axe", f"{where} [light]", [f"{v['id']} x{v['count']}: {v['nodes']}" for v in _axe(page)])
                t = sweep.timed("axe", t)
            _scripts_on_demand(page)
            t = sweep.timed("scripts on demand", t)
            sweep.add("overflow", where, _check(page, "overflow"))
            sweep.add("small text", where, _check(page, "smallText"))
            sweep.add("answer choices", where, _check(page, "choiceColumns"))
            sweep.add("diagram labels", where, _check(page, "diagramLabels"))
            sweep.add("code cut in words", where, _check(page, "codeInWords"))
            t = sweep.timed("layout checks", t)
            if size == "phone":  # the buttons' colours do not change with the screen's size
                sweep.add("button contrast", where, _button_contrast(page, cdp, "light"))
                t = sweep.timed("buttons", t)
            stem = path.removesuffix("/index.html").removesuffix(".html").replace("/", "_") or "home"
            shot = shots / f"{stem}.{size}.light.png"
            page.screenshot(path=str(shot), full_page=path not in TOO_TALL_TO_SHOOT_WHOLE)
            sweep.shots.append(shot)
            t = sweep.timed("screenshots", t)
            _switch_scheme(page, "dark")
            t = sweep.timed("scheme switch", t)
            # The print page in dark is the chapters again, checked above; it is paper's page.
            if size == "phone" and path not in TOO_TALL_TO_SHOOT_WHOLE:
                sweep.add("axe", f"{where} [dark]", [f"{v['id']} x{v['count']}: {v['nodes']}" for v in _axe(page)])
                t = sweep.timed("axe", t)
            if size == "phone":
                sweep.add("button contrast", where, _button_contrast(page, cdp, "dark"))
                t = sweep.timed("buttons", t)
            shot = shots / f"{stem}.{size}.dark.png"
            page.screenshot(path=str(shot))
            sweep.shots.append(shot)
            t = sweep.timed("screenshots", t)
            # Tab on the phone, where Material takes the most tab stops away (it cannot hover);
            # the print page is the chapters again.
            if size == "phone" and path not in TOO_TALL_TO_SHOOT_WHOLE:
                sweep.add("focus on body", where, _tab_walk(page))
                t = sweep.timed("tab walk", t)
            sweep.add("console", where, list(errors))
            if os.environ.get("READING_TIMES"):
                print(f"{where}: {time.perf_counter() - started:.1f} s", flush=True)
        context.close()
    print(f"\nscreenshots of every page: {shots}")
    if os.environ.get("READING_TIMES"):
        print("  ".join(f"{step} {seconds:.1f} s" for step, seconds in sweep.times.items()))
    return sweep


def _report(sweep: Sweep, check: str) -> None:
    found = sweep.problems.get(check, [])
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found[:40])


def test_the_sweep_loads_each_page_once_per_size_and_shoots_it(reading, tmp_path_factory):
    assert len(reading.pages) >= 25 or os.environ.get("READING_PAGES")
    assert reading.loads == len(reading.pages) * len(SIZES)
    assert all(shot.is_file() and shot.stat().st_size > 1000 for shot in reading.shots)
    assert len(reading.shots) == len(reading.pages) * len(SIZES) * len(SCHEMES)


def test_no_page_scrolls_sideways(reading):
    _report(reading, "overflow")


def test_no_text_is_too_small_to_read(reading):
    _report(reading, "small text")


def test_diagram_labels_stay_in_their_boxes(reading):
    _report(reading, "diagram labels")


def test_code_wraps_between_words_not_inside_them(reading):
    _report(reading, "code cut in words")


def test_answer_choices_read_as_lines(reading):
    _report(reading, "answer choices")


def test_buttons_are_readable_in_every_state(reading):
    _report(reading, "button contrast")


def test_axe_finds_no_violation_on_any_page(reading):
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (dev.py test does)")
    _report(reading, "axe")


def test_tab_never_drops_the_focus_on_the_page_body(reading):
    _report(reading, "focus on body")


def test_no_console_error_online(reading):
    _report(reading, "console")


# ------------------------------------------------------------------------------ paste into search

def _pasted_message() -> str:
    """An error message as a reader pastes it: the first line of the first troubleshooting entry."""
    from sitekit.troubleshooting import load_troubleshooting

    return load_troubleshooting().entries[0].entry.messages[0].text.strip().splitlines()[0]


_PASTE = """(text) => {
    // What a paste from a phone's keyboard or a menu does: the text arrives with an input event
    // of type insertFromPaste, and no key is pressed or released.
    const box = document.querySelector('input.md-search__input');
    box.value = text;
    box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: text}));
}"""


def _paste_and_read_results(page, size: str, text: str) -> list[str]:
    if size == "phone":
        page.locator("label.md-header__button[for=__search]").tap()  # the magnifier in the header
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").wait_for(state="visible")
    # Search is ready and waiting ("Type to start searching"), as when the reader comes to paste:
    # a paste before that would be read when the index arrives, whatever the paste did.
    page.wait_for_function("""() => /Type to start/i.test(
        document.querySelector('.md-search-result__meta').textContent)""", timeout=15000)
    page.evaluate("""() => ['keydown', 'keyup', 'keypress'].forEach(type =>
        document.addEventListener(type, e => (window.__keys = window.__keys || []).push(type), true))""")
    page.evaluate(_PASTE, text)
    try:
        page.wait_for_function("""() => {
            const meta = document.querySelector('.md-search-result__meta');
            return document.querySelectorAll('.md-search-result__item').length
                || (meta && !/Initializing|Type to start/i.test(meta.textContent));
        }""", timeout=5000)
    except PlaywrightTimeout:
        pytest.fail(f"pasting {text!r} gave no results: the search still says "
                    f"{page.locator('.md-search-result__meta').inner_text()!r}")
    keys = page.evaluate("window.__keys || []")
    assert keys == [] or set(keys) == {"keyup"}, f"the paste came with real key events: {keys}"
    # The pasted text ends before the box's buttons (share, clear) instead of running under them.
    room = page.evaluate("""() => {
        const box = document.querySelector('input.md-search__input');
        const style = getComputedStyle(box);
        const text = box.getBoundingClientRect().right - parseFloat(style.paddingRight);
        const buttons = [...document.querySelectorAll('.md-search__options > .md-icon')]
            .map(b => b.getBoundingClientRect()).filter(r => r.width > 0);
        return buttons.length ? Math.min(...buttons.map(r => r.left)) - text : null;
    }""")
    assert room is not None and room >= 0, f"the search text runs {-room:.0f} px under the box's buttons"
    return page.locator("li.md-search-result__item > a.md-search-result__link").evaluate_all("els => els.map(e => e.href)")


@pytest.mark.parametrize("size", list(SIZES))
def test_pasting_into_search_without_a_key_gives_results(browser, served_site, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(f"{served_site}/networking/")
    results = _paste_and_read_results(page, size, _pasted_message())
    context.close()
    assert results, "a pasted message must give results, not 'Type to start searching'"
    assert any(urlsplit(r).path == "/troubleshooting/" for r in results), results[:5]


# ---------------------------------------------------------------------------------- offline copy

def test_the_offline_copy_has_no_console_error_on_any_page_and_searches_a_paste(browser, offline_site):
    """Every page of the offline copy opened from file:// on a phone: no console error and no
    request to any network; a pasted message finds results there too."""
    context = browser.new_context(**SIZES["phone"])
    problems, network = [], []
    context.on("request", lambda r: network.append(r.url) if urlsplit(r.url).scheme in ("http", "https") else None)
    page = context.new_page()
    current = {"page": ""}
    page.on("console", lambda m: problems.append(f"{current['page']}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"{current['page']}: {e}"))
    pages = sorted(p for p in offline_site.rglob("*.html") if "search" not in p.parts)
    assert len(pages) >= 25
    for path in pages:
        current["page"] = str(path.relative_to(offline_site))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(50)  # what the page's scripts do just after it loads
    page.goto((offline_site / "index.html").as_uri())
    current["page"] = "index.html (search)"
    results = _paste_and_read_results(page, "phone", _pasted_message())
    context.close()
    assert not problems, "\n".join(problems[:20])
    assert not network, network[:10]
    assert results and all(r.startswith("file://") for r in results), results[:5]


def test_the_offline_copys_404_page_links_its_files_relatively(offline_site):
    """It sits at the top of the unzipped folder, beside index.html: an address starting with /
    would point at the root of the reader's disk."""
    html = (offline_site / "404.html").read_text(encoding="utf-8")
    absolute = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert not absolute, absolute[:10]
    assert 'href="./assets/stylesheets/' in html


# --------------------------------------------------------------------------------- abbreviations

def test_an_abbreviation_shows_its_meaning_when_tapped_or_reached_by_keyboard(browser, served_site):
    """The home page promises that every abbreviation shows its meaning when hovered or tapped."""
    context = browser.new_context(**SIZES["phone"])
    page = context.new_page()
    page.goto(f"{served_site}/architecture/")
    tip = page.locator("#site-abbr-tip")
    # A tap on any use of a term, not only its first.
    later = page.locator("article abbr:not([tabindex])").first
    meaning = later.get_attribute("title")
    later.tap()
    assert tip.is_visible() and meaning in tip.inner_text()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES["phone"]["viewport"]["width"], box
    page.locator("article h1").tap()
    assert not tip.is_visible(), "a tap elsewhere puts it away"
    assert later.get_attribute("title") == meaning, "the term keeps its title for a mouse's hover"
    # The keyboard reaches each term once (its first use) and shows its meaning there.
    terms = page.evaluate("[...document.querySelectorAll('article abbr[tabindex=\"0\"]')].map(a => a.textContent)")
    used = page.evaluate("[...document.querySelectorAll('article abbr')].filter(a => !a.closest('dt')).map(a => a.textContent)")
    assert len(terms) == len(set(terms)) and set(terms) == set(used), "a term defined in place (dt) is no stop"
    page.evaluate("document.querySelector('article h1').tabIndex = -1; document.querySelector('article h1').focus()")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    focused = page.evaluate("document.activeElement.getAttribute('data-title')")
    assert focused and tip.is_visible() and focused in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # The print page writes a meaning out once a chapter: a later use shows it all the same.
    page.goto(f"{served_site}/print_page/")
    bare = page.locator("article abbr:not([title])").first
    bare.evaluate("a => a.scrollIntoView()")
    term = bare.inner_text()
    meaning = page.locator(f"article abbr[title]").filter(has_text=term).first.get_attribute("title")
    bare.tap()
    assert tip.is_visible() and meaning in tip.inner_text()
    context.close()
