"""What readers see in the built site, read with a real HTML parser."""

from __future__ import annotations

import re
from pathlib import Path

from sitekit.catalog import load_catalog
from sitekit.project import ROOT, nav_entries, read_mkdocs_config
from sitekit.render import read_abbreviations, term_anchor

DOCS = ROOT / "docs"


def _page_key(md: Path) -> str:
    return "index.html" if md.stem == "index" else f"{md.stem}/index.html"


def _mkdocs_config() -> dict:
    return read_mkdocs_config()


def test_navigation_lists_every_page(html_pages):
    pages = sorted(DOCS.glob("*.md"))
    assert {file for _, file in nav_entries(_mkdocs_config()["nav"])} == {p.name for p in pages}
    nav = html_pages["index.html"].select("nav.md-nav--primary a.md-nav__link[href]")
    hrefs = {a["href"].split("#")[0] for a in nav}
    for page in pages:
        expected = "." if page.stem == "index" else f"{page.stem}/"
        assert any(h.rstrip("/").endswith(expected.rstrip("/")) or h == expected for h in hrefs), page.name


def test_every_page_has_its_own_description(html_pages):
    site_description = _mkdocs_config()["site_description"]
    for md in DOCS.glob("*.md"):
        soup = html_pages[_page_key(md)]
        meta = soup.find("meta", attrs={"name": "description"})
        assert meta and meta["content"].strip(), md.name
        if md.stem != "index":
            assert meta["content"] != site_description, f"{md.name} uses the site's default description"


def test_custom_404_page(html_pages):
    page = html_pages["404.html"]
    assert page.find("h1").get_text(strip=True) == "Page not found"
    assert page.find("a", string=re.compile("cheat sheet", re.I))


def test_every_catalog_command_has_its_block_on_its_chapter(html_pages):
    catalog = load_catalog()
    for command_id, located in catalog.commands.items():
        soup = html_pages[_page_key(DOCS / f"{located.entry.chapter}.md")]
        block = soup.find(id=f"cmd-{command_id}")
        assert block is not None, f"{command_id} is not shown on {located.entry.chapter}.md"
        code = block.select_one("pre code")
        assert code.get_text().strip() == located.entry.shown
        flags = [dt.find("code").get_text() for dt in block.select(".cmd-flags dt")]
        assert flags == list(located.entry.flags), command_id
        summary = " ".join(block.find("p", recursive=False).get_text().split())
        assert summary == " ".join(located.entry.summary.replace("`", "").split()), command_id


def test_cheat_sheet_matches_catalog_row_for_row(html_pages):
    catalog = load_catalog()
    soup = html_pages["cheat-sheet/index.html"]
    article = soup.select_one("article")
    for topic in catalog.topics:
        expected = catalog.for_topic(topic.id)
        if not expected:
            continue
        heading = article.find(lambda tag, title=topic.title: tag.name == "h2" and tag.get_text().startswith(title))
        assert heading is not None, topic.title
        rows = heading.find_next("table").select("tbody tr")
        assert len(rows) == len(expected), topic.title
        for row, command in zip(rows, expected):
            first = row.find("td")
            assert first.find(id=f"cheat-{command.id}"), command.id
            assert first.find("code").get_text() == command.command
            aliases = [c.get_text() for c in first.find_all("code")[1:]]
            assert aliases == command.aliases
            taught = row.find_all("td")[2].find("a")["href"]
            assert taught == f"../{command.chapter}/#cmd-{command.id}"


def test_glossary_lists_every_abbreviation_under_a_heading_of_its_own(html_pages):
    terms = read_abbreviations(ROOT / "includes" / "abbreviations.md")
    headings = html_pages["glossary/index.html"].select("article h2[id]")
    assert [h.get_text(strip=True).removesuffix("¶") for h in headings] == [term for term, _ in terms]
    # Each term's anchor is its own (glossary/#tty), and its definition follows its heading.
    assert [h["id"] for h in headings] == [term_anchor(term) for term, _ in terms]
    assert len({h["id"] for h in headings}) == len(terms)
    for heading, (_, text) in zip(headings, terms):
        assert " ".join(heading.find_next_sibling("p").get_text().split()) == " ".join(text.split()), heading["id"]


def test_abbreviations_become_tooltips_across_the_site(html_pages):
    with_tooltips = [key for key, soup in html_pages.items() if soup.select("article abbr[title]")]
    assert len(with_tooltips) >= 5


def test_no_macro_delimiter_or_error_reaches_a_page(html_pages):
    for key, soup in html_pages.items():
        text = soup.get_text()
        assert "{@" not in text and "@}" not in text, key
        assert "Macro Rendering Error" not in text and "Macro Syntax Error" not in text, key


def test_diagrams_are_inline_with_text_alternatives(html_pages):
    figures = [(key, fig) for key, soup in html_pages.items() for fig in soup.select("figure.diagram")]
    assert len(figures) >= 5
    for key, figure in figures:
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title = figure.find(id=svg["aria-labelledby"])
        assert title and title.get_text(strip=True), key
        assert figure.find(id=svg["aria-describedby"]).get_text(strip=True), key
        assert figure.find("figcaption").get_text(strip=True) == title.get_text(strip=True)


def test_code_blocks_have_no_prompts(html_pages):
    for key, soup in html_pages.items():
        for code in soup.select("article div.language-bash pre code, article div.language-shell pre code"):
            for line in code.get_text().splitlines():
                assert not re.match(r"^\s*[$#>] ", line), f"{key}: prompt in a copyable block: {line!r}"


def test_command_tables_match_the_catalog(html_pages):
    """Every command_table() row shows the catalog's command and summary and links to its block."""
    catalog = load_catalog()
    tables = 0
    for key, soup in html_pages.items():
        if key.startswith(("cheat-sheet/", "print_page/")):
            continue
        for table in soup.select("article table"):
            headers = [th.get_text(strip=True) for th in table.select("thead th")]
            if headers != ["Command", "What it does"]:
                continue
            tables += 1
            for row in table.select("tbody tr"):
                link = row.find("a")
                command_id = link["href"].split("#cmd-", 1)[1]
                entry = catalog.get(command_id)
                assert link.get_text() == entry.command, key
                shown = " ".join(row.find_all("td")[1].get_text().split())
                assert shown == " ".join(entry.summary.split()), key
    assert tables >= 5


def test_the_questions_and_placeholders_scripts_come_with_the_pages_that_use_them(html_pages):
    """Recorded when the questions() macro and the Markdown extension render a page (its
    metadata), so the theme adds them there and nowhere else."""
    with_quiz = with_placeholders = 0
    for key, soup in html_pages.items():
        quiz = soup.select_one("article div.quiz") is not None
        placeholders = soup.select_one("article span[data-placeholder]") is not None
        with_quiz += quiz
        with_placeholders += placeholders
        assert (soup.select_one('link[href$="stylesheets/learning.css"]') is not None) == quiz, key
        assert (soup.select_one("script[data-quiz-script]") is not None) == quiz, key
        assert (soup.select_one("script[data-form-script]") is not None) == placeholders, key
    assert with_quiz >= 14 and with_placeholders >= 2
