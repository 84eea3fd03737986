"""Printing: the whole site on one page (mkdocs-print-site-plugin) and the print stylesheet."""

from __future__ import annotations

from pathlib import Path

from sitekit.project import ROOT

DOCS = ROOT / "docs"
PRINT_PAGE = "print_page/index.html"
QUESTIONS_PAGE = "print_questions/index.html"


def _page_key(md: Path) -> str:
    return "index.html" if md.stem == "index" else f"{md.stem}/index.html"


# Pages not on the whole site's page (print-site's `exclude:` in mkdocs.yml): the Explain page is a
# form; the cheat sheet repeats the chapters' commands and prints from its own page.
NOT_PRINTED = {"explain.md", "cheat-sheet.md"}


def test_print_page_holds_every_chapter_title(html_pages):
    assert PRINT_PAGE in html_pages, "the print-site plugin must build /print_page/"
    soup = html_pages[PRINT_PAGE]
    printed = {h1.get_text(" ", strip=True).replace("¶", "").strip() for h1 in soup.select("article h1")}
    for md in sorted(DOCS.glob("*.md")):
        title = html_pages[_page_key(md)].select_one("article h1").get_text(" ", strip=True).replace("¶", "").strip()
        if md.name in NOT_PRINTED:
            assert title not in printed, f"{md.name} is not on the whole site's page"
            continue
        assert title in printed, f"{md.name}: '{title}' is not on the print page"
    assert soup.find("meta", attrs={"name": "description"})["content"].strip()


def test_every_page_links_to_the_print_page(html_pages):
    for key, soup in html_pages.items():
        if key in ("404.html", PRINT_PAGE, QUESTIONS_PAGE):
            continue
        assert soup.select_one(".md-copyright a[href$='print_page/']"), key


def _print_assets(soup) -> list[str]:
    return [e.get("href") or e.get("src") for e in soup.select("link[href], script[src]")
            if "print-site" in (e.get("href") or e.get("src"))]


def test_only_the_print_page_loads_the_print_plugins_assets(html_pages):
    """mkdocs-print-site-plugin adds its CSS and JS to every page; sitekit/hooks/print_page.py
    keeps them on its own page, where they work, and off every other, where each is a request."""
    assert len(_print_assets(html_pages[PRINT_PAGE])) >= 2
    assert len(_print_assets(html_pages[QUESTIONS_PAGE])) >= 2
    loading = [key for key, soup in html_pages.items() if key not in (PRINT_PAGE, QUESTIONS_PAGE) and _print_assets(soup)]
    assert not loading, loading


def test_print_stylesheet_hides_chrome_and_prints_external_addresses(page, served_site, html_pages):
    # A chapter with an external link in its text.
    key = next(k for k, soup in sorted(html_pages.items())
               if k not in (PRINT_PAGE, "404.html") and soup.select_one("article p a[href^='http']"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{served_site}/{key}".replace("index.html", ""))
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.md-search']
        .map(s => [s, document.querySelector(s) && getComputedStyle(document.querySelector(s)).display])""")
    for selector, display in hidden:
        assert display in (None, "none"), f"{selector} prints (display: {display})"
    external = page.evaluate("""() => {
        const a = document.querySelector("article p a[href^='http']");
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    }""")
    href, after = external
    assert href in after, f"{key}: the external link prints {after!r}, not its address"
    internal = page.evaluate("""() => {
        const a = document.querySelector("article p a:not([href^='http']):not(.headerlink)");
        return a ? getComputedStyle(a, '::after').content : 'none';
    }""")
    assert internal in ("none", "normal", '""'), f"internal links print no address: {internal!r}"
    page.emulate_media(media="screen")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") != "none"


def test_the_print_page_is_light_enough_for_a_phone(html_pages):
    """The whole site on one page runs without Material's bundle (its mounting of every link and
    code block blocked a phone for 1.7 s) and writes an abbreviation's meaning out once a chapter."""
    soup = html_pages[PRINT_PAGE]
    assert not [s["src"] for s in soup.select("script[src]") if "bundle" in s["src"]]
    assert not soup.select(".md-search"), "no search box that cannot search"
    for section in soup.select("section.print-page[id]:not(.md-section):not(.quiz-answer-key)"):
        titled = [abbr.get_text() for abbr in section.select("abbr[title]")]
        assert len(titled) == len(set(titled)), f"{section['id']}: a term's meaning is written out twice"
        assert set(titled) == {abbr.get_text() for abbr in section.select("abbr")}, section["id"]
    assert any(section.select("abbr:not([title])") for section in soup.select("section.print-page[id]"))


def test_the_questions_print_from_their_own_page(html_pages):
    """sitekit/print_questions.py: the whole site's page keeps each chapter's "Check your
    understanding" heading with a link to that chapter's questions on the questions page, which
    is the same theme (title, canonical address, scripts) with the questions and the answer key."""
    whole, questions = html_pages[PRINT_PAGE], html_pages[QUESTIONS_PAGE]
    assert not whole.select(".quiz__question, #answer-key"), "the questions print from their own page"
    chapters = [s["id"] for s in questions.select("section.print-page[id]") if s.select(".quiz__question")]
    assert len(chapters) > 20
    pointers = [a["href"] for a in whole.select("p.print-questions-pointer a[href*='print_questions/#']")]
    assert pointers == [f"../print_questions/#{page}-questions" for page in chapters]
    for page in chapters:
        assert questions.find(id=f"{page}-questions"), page
        heading = whole.find(id=f"{page}-check-your-understanding")
        assert heading and heading.find_next("p")["class"] == ["print-questions-pointer"], page
    assert "questions of every chapter" in questions.title.get_text()
    intros = [p.get_text() for p in questions.select(".quiz__intro")]
    assert len(intros) == len(chapters) and all("in the answer key at the end of the page" in t for t in intros)
    assert questions.find("link", rel="canonical")["href"].endswith("/print_questions/")
    # A question's "where this is taught" link leads to the chapter on the whole site's page.
    taught = [a["href"] for a in questions.select("#answer-key .quiz__more a")]
    assert taught and all(h.startswith("../print_page/#") for h in taught)
    anchors = {e["id"] for e in whole.select("[id]")}
    assert {h.split("#", 1)[1] for h in taught} <= anchors, "a link to a section that is not there"
    # The intro of the whole site's page says where the questions and the cheat sheet print from.
    intro = whole.select_one("p.print-questions-pointer")
    assert {a["href"] for a in intro.select("a")} == {"../print_questions/", "../cheat-sheet/"}


def test_an_element_is_cut_with_the_whitespace_before_it():
    """sitekit/html_cut.py finds an element from its `<` (fast on the megabyte print page) and
    gives what a pattern starting with `\\s*` would."""
    import re

    from sitekit.html_cut import cut

    element = re.compile(r'<script data-quiz-script[^>]*>.*?</script>|<link href="x\.css">', re.DOTALL)
    html = 'a\n  <script data-quiz-script src="q.js">\n</script>\t<link href="x.css"> b <script>kept</script>'
    assert cut(element, html) == "a b <script>kept</script>"
    assert cut(element, html) == re.sub(r"\s*(?:" + element.pattern + ")", "", html, flags=re.DOTALL)
    assert cut(element, "nothing to cut ") == "nothing to cut "
