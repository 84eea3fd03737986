"""What readers see in the built site, read with a real HTML parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_cheat_sheet_matches_catalog_entry_for_entry(html_pages):
    """Every catalog command under its topic, in order: the command and each other spelling as a
    block of its own (a line to copy), its summary, and a link to its explanation block."""
    catalog = load_catalog()
    soup = html_pages["cheat-sheet/index.html"]
    article = soup.select_one("article")
    for topic in catalog.topics:
        expected = catalog.for_topic(topic.id)
        if not expected:
            continue
        heading = article.find(lambda tag, title=topic.title: tag.name == "h2" and tag.get_text().startswith(title))
        assert heading is not None, topic.title
        entries = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            if "cheat" in (sibling.get("class") or []):
                entries.append(sibling)
        assert [e["id"] for e in entries] == [f"cheat-{c.id}" for c in expected], topic.title
        for entry, command in zip(entries, expected):
            blocks = [pre.get_text() for pre in entry.select("pre > code")]
            assert blocks == [command.command, *command.aliases], command.id
            summary = " ".join(entry.find("p").get_text().split())
            assert summary.startswith(" ".join(command.summary.replace("`", "").split())), command.id
            taught = entry.find("p").find_all("a")[-1]["href"]
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
    """Each figure holds the wide drawing and its phone layout, both named by the wide one's title
    and description; the phone layout stays out of the search index (the wide one has its words)."""
    figures = [(key, fig) for key, soup in html_pages.items() for fig in soup.select("figure.diagram")]
    assert len(figures) >= 5
    for key, figure in figures:
        wide, narrow = figure.select(":scope > svg")
        assert wide["class"] == ["diagram__wide"] and narrow["class"] == ["diagram__narrow"], key
        for svg in (wide, narrow):
            assert svg["role"] == "img"
            assert (svg["aria-labelledby"], svg["aria-describedby"]) == (wide["aria-labelledby"], wide["aria-describedby"])
        title = figure.find(id=wide["aria-labelledby"])
        assert title and title.get_text(strip=True), key
        assert figure.find(id=wide["aria-describedby"]).get_text(strip=True), key
        assert figure.find("figcaption").get_text(strip=True) == title.get_text(strip=True)
        assert narrow.has_attr("data-search-exclude") and not narrow.find(["title", "desc"]), key
        ids = [tag["id"] for tag in figure.select("[id]")]
        assert len(ids) == len(set(ids)), f"{key}: the two drawings share an id: {ids}"


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} 100">{head}<text class="d-text" x="5" y="20">{words}</text></svg>\n'


@pytest.mark.parametrize(
    ("narrow", "expected"),
    [
        (None, ("zz.svg", "no phone layout", "zz.narrow.svg")),
        (_SVG.format(w=480, head="", words="Docker host"), ("zz.narrow.svg", "missing ['daemon']")),
        (_SVG.format(w=480, head="", words="Docker host daemon registry"), ("zz.narrow.svg", "extra ['registry']")),
        (_SVG.format(w=480, head="<title>t</title><desc>d</desc>", words="Docker host daemon"),
         ("zz.narrow.svg", "no <title> or <desc>")),
        (_SVG.format(w=480, head="", words="Docker host daemon").replace('class="d-text"', 'fill="#f00"'),
         ("zz.narrow.svg", "fill")),
    ],
    ids=["missing", "fewer-words", "more-words", "own-title", "hard-coded-colour"],
)
def test_a_diagram_without_a_matching_phone_layout_is_refused(tmp_path, narrow, expected):
    from sitekit.diagrams import DiagramError, render_diagram
    from sitekit.project import Project

    project = Project(tmp_path)
    project.diagrams.mkdir(parents=True)
    (project.diagrams / "zz.svg").write_text(_SVG.format(w=760, head="<title>t</title><desc>d</desc>",
                                                         words="Docker daemon host"), encoding="utf-8")
    if narrow is not None:
        (project.diagrams / "zz.narrow.svg").write_text(narrow, encoding="utf-8")
    with pytest.raises(DiagramError) as error:
        render_diagram("zz", project)
    message = str(error.value)
    assert "\n" not in message and all(part in message for part in expected), message


def test_the_home_page_title_names_the_site_once(html_pages):
    assert html_pages["index.html"].title.get_text(strip=True) == "Docker, explained"
    assert html_pages["networking/index.html"].title.get_text(strip=True) == "Networking - Docker, explained"


def test_the_footer_links_the_published_offline_zip(html_pages):
    """Only the Pages workflow makes the zip: a local build or `mkdocs serve` links to the
    published one instead of to a file it does not have."""
    home = html_pages["index.html"]
    published = home.find("link", rel="canonical")["href"]  # site_url, as the Pages workflow sets it
    link = home.select_one(".md-copyright a[download]")
    assert link["href"] == published.rstrip("/") + "/docker-explained-offline.zip"


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
        # The stylesheet styles the questions and the Docker ID form (which commands to fill in bring).
        form = soup.select_one("article pre:not(.cheat__command) span[data-placeholder]") is not None
        assert (soup.select_one('link[href$="stylesheets/learning.css"]') is not None) == (quiz or form), key
        assert (soup.select_one("script[data-quiz-script]") is not None) == quiz, key
        assert (soup.select_one("script[data-form-script]") is not None) == placeholders, key
    assert with_quiz >= 14 and with_placeholders >= 2


def test_stacked_table_cells_carry_their_column_heading_as_written(html_pages):
    """On a phone a cell shows its column's name (data-label); code in a heading is part of it."""
    checked = 0
    for key, soup in html_pages.items():
        for table in soup.select("article table.site-table"):
            headings = [" ".join(th.get_text().split()) for th in table.select("thead th")]
            for row in table.select("tbody tr"):
                for heading, cell in zip(headings, row.find_all("td", recursive=False)):
                    if heading:
                        assert cell.get("data-label") == heading, (key, heading, cell.get("data-label"))
                        checked += 1
    assert checked > 100
