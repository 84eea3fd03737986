"""Docker's Go templates, GitHub expressions, Jinja and shell syntax render literally on every page."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import build_one_page
from sitekit.project import ROOT


LITERALS = [
    "docker container inspect --format '{{.NetworkSettings.IPAddress}}' web2",
    "docker container ls --format '{{ .Names }}\\t{{ .Status }}'",
    "docker image ls --format '{{json .}}'",
    "echo ${{ github.sha }}",
    "{% raw %}not Jinja{% endraw %}",
    "{# not a comment #}",
    'echo "${#files[@]} files"',
    "{{ undefined_variable }}",
]


def test_authors_can_write_any_template_syntax(project_copy, monkeypatch):
    fenced = "\n".join(LITERALS)
    inline = " and ".join(f"`{text}`" for text in LITERALS[:4])
    page = project_copy / "docs" / "cheat-sheet.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + f"\n## Template syntax\n\n```bash\n{fenced}\n```\n\nInline: {inline}.\n\n"
        "Plain text: {{.Name}}, ${{ secrets.TOKEN }}, {% if %} and {# x #}.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project_copy)  # as a build runs: snippets are found from the working folder
    soup = BeautifulSoup(build_one_page(project_copy, "cheat-sheet.md"), "html.parser")
    code_text = "\n".join(code.get_text() for code in soup.select("pre code"))
    for literal in LITERALS:
        assert literal in code_text, literal
    inline_text = [code.get_text() for code in soup.select("p code")]
    for literal in LITERALS[:4]:
        assert literal in inline_text, literal
    assert "Plain text: {{.Name}}, ${{ secrets.TOKEN }}, {% if %} and {# x #}." in soup.get_text()
    # The page's own macro call still rendered: the cheat sheet has its entries.
    assert soup.select(".cheat pre")


def test_go_templates_in_the_pages_survive(html_pages):
    """Every Go template an author wrote in a page or the catalog shows up on the built site."""
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")]
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "assets" / "commands").glob("*.yaml")]
    templates = {m for text in sources for m in re.findall(r"\{\{[^{}]*\}\}", text)}
    assert templates, "the site should teach at least one --format template"
    site_text = "\n".join(soup.get_text() for soup in html_pages.values())
    for template in templates:
        assert template in site_text, template
