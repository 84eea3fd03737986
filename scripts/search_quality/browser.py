"""The quality set typed into Material's real search box in Chromium, one query at a time.

What scripts/benchmark.py measures online and in the offline copy (from file://): the same
results as engine.py, plus Material's rendering and the search worker, and the time from the
last keystroke's keydown in the page to the results in the list.
"""

from __future__ import annotations

from pathlib import Path

from scripts.search_quality.quality_set import QualityQuery
from scripts.search_quality.report import Group, QualityReport, QueryOutcome
from scripts.search_quality.sections import SectionMap, page_of

# Resolves once Material has shown the worker's answer to the query just typed: it rewrites the
# result count line for every answer, and renders the first results in the same task. The time
# starts at the keystroke's keydown in the page (what the reader does), not when the test asked
# the browser to press the key (which adds the automation's own round trip).
_ARM = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    window.__searchKeydown = null;
    document.addEventListener('keydown', () => { window.__searchKeydown = performance.now(); },
        { capture: true, once: true });
    window.__searchAnswered = new Promise(resolve => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
        observer.observe(meta, { childList: true, characterData: true, subtree: true });
    });
}"""

# Each group as the reader sees it: its page link, or the notice its title carries (the engine
# marks a notice with data-search-notice); and the best-scoring link of the first page group.
_READ = """async () => {
    const shown = await window.__searchAnswered;
    const keydown = window.__searchKeydown;
    const groups = [...document.querySelectorAll('li.md-search-result__item')].map(li => {
        const link = li.querySelector('a.md-search-result__link');
        const notice = link.querySelector('[data-search-notice]');
        return { li, location: link.href, notice: notice ? notice.dataset.searchNotice : null,
                 reference: notice ? notice.dataset.reference || null : null };
    });
    const first = groups.find(g => !g.notice);
    const best = first ? [...first.li.querySelectorAll('a.md-search-result__link')]
        .map(a => [parseFloat(a.querySelector('article').dataset.mdScore), a.href])
        .sort((x, y) => y[0] - x[0])[0][1] : '';
    return { shown, keydown, best, groups: groups.map(({ li, ...g }) => g) };
}"""


def open_search(page, url: str) -> None:
    """Open a page of the site and focus Material's search box, as a reader pressing / would."""
    page.goto(url)
    page.keyboard.press("/")
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && !/Initializing/i.test(m.textContent); }""", timeout=20000)


def run_query(page, query: QualityQuery, sections: SectionMap) -> QueryOutcome:
    box = page.locator("input.md-search__input")
    # Material searches on keyup: set all but the last character silently, then type the last one,
    # so exactly one query, the whole one, reaches the worker.
    if box.input_value():
        # Clearing the box is a query too (an empty one): wait for its answer, so it cannot be
        # taken for the answer to the next query.
        page.evaluate(_ARM)
        box.fill("")
        box.dispatch_event("keyup")
        page.evaluate("() => window.__searchAnswered")
    page.evaluate(_ARM)
    box.fill(query.query[:-1])
    box.press(query.query[-1] if query.query[-1] != " " else "Space")
    answer = page.evaluate(_READ)
    if answer["keydown"] is None:
        raise AssertionError(f"no keydown reached the page for {query.query!r}")
    if box.input_value() != query.query:
        raise AssertionError(f"the search box shows {box.input_value()!r}, not what was typed: {query.query!r}")
    groups = [Group(notice=g["notice"], reference=g["reference"]) if g["notice"] else Group(page=page_of(g["location"])[0])
              for g in answer["groups"]]
    best_page, best_anchor = page_of(answer["best"]) if answer["best"] else ("", "")
    outcome = QueryOutcome(query, groups, best_anchor, answer["shown"] - answer["keydown"])
    if query.section is not None and outcome.rank == 1:
        outcome.section_ok = sections.section_of(best_page, best_anchor) == query.section
    return outcome


def run_in_browser(page, base_url: str, site: Path, queries: list[QualityQuery]) -> QualityReport:
    """Type every query into the search box of base_url (a page of the built site at `site`)."""
    sections = SectionMap(site)
    open_search(page, base_url)
    report = QualityReport()
    for query in queries:
        report.outcomes.append(run_query(page, query, sections))
    return report


# Before any page script: note the query of every RESULT the search worker sends (the site's
# worker adds it to Material's message), and when Material has shown it (the result list or its
# count line changed). The offline copy's iframe shim assigns window.Worker later: it is wrapped
# when assigned.
_WATCH_ANSWERS = """(() => {
    window.__answers = [];
    window.__keydowns = [];
    let last = null;
    const wrap = Base => class extends Base {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', event => {
                if (event.data && event.data.type === 3) last = event.data.data.query;
            });
        }
    };
    let current = wrap(window.Worker);
    Object.defineProperty(window, 'Worker', { configurable: true, get: () => current, set: value => { current = wrap(value); } });
    document.addEventListener('keydown', () => window.__keydowns.push(performance.now()), true);
    document.addEventListener('DOMContentLoaded', () => {
        const result = document.querySelector('.md-search-result');
        new MutationObserver(() => { if (last !== null) window.__answers.push([last, performance.now()]); })
            .observe(result, { childList: true, characterData: true, subtree: true });
    });
})()"""


def typing_latency(context, url: str, queries: list[str], delay_ms: float = 60) -> list[float]:
    """Type each query into the search box one key at a time, `delay_ms` apart, as a fast reader
    does; return, for every keystroke, the milliseconds from its keydown until the list shows
    the results of what the box held after it (or of a later keystroke's text, which supersedes
    it)."""
    context.add_init_script(_WATCH_ANSWERS)
    page = context.new_page()
    open_search(page, url)
    box = page.locator("input.md-search__input")
    latencies: list[float] = []
    for query in queries:
        if box.input_value():
            # Clearing the box is a query too (an empty one): wait for its answer first.
            page.evaluate("() => { window.__answers = []; }")
            box.fill("")
            box.dispatch_event("keyup")
            page.wait_for_function("() => window.__answers.some(a => a[0] === '')")
        page.evaluate("() => { window.__answers = []; window.__keydowns = []; }")
        for character in query:  # each key pressed and released at once, then the next one
            page.keyboard.type(character)
            page.wait_for_timeout(delay_ms)
        page.wait_for_function("(q) => window.__answers.some(a => a[0] === q)", arg=query, timeout=10000)
        keydowns, answers = page.evaluate("() => [window.__keydowns, window.__answers]")
        if len(keydowns) != len(query):
            raise AssertionError(f"{len(keydowns)} keydowns for {len(query)} characters of {query!r}")
        for typed, pressed in enumerate(keydowns, start=1):
            later = {query[:n] for n in range(typed, len(query) + 1)}
            shown = [at for text, at in answers if text in later and at >= pressed]
            latencies.append(min(shown) - pressed)
    page.close()
    return latencies
