"""MkDocs hook: what the print page (mkdocs-print-site-plugin, /print_page/) needs from the build.

- The plugin adds its CSS and JS to every page and has no setting to limit them to its own page;
  each is a request every other page would pay for, so they are taken out of the others.
- It prefixes heading ids and every link with the page's id, but not the ids of command blocks
  (they are on <div>s): those get the same prefix so the links work.
- The chapters' questions, and an answer key after them, print from a page of their own
  (/print_questions/, sitekit/print_questions.py); the whole site's page links to it.
- The answers to the check-your-understanding questions are printed: their disclosures are open.
- The page holds every chapter, so it uses what they use (questions, placeholders): the theme
  adds their scripts and stylesheet to it as to them.
- The command blocks' links to the Explain page (an interactive page, left out of print) go.
- An abbreviation's meaning is written out once a chapter, not at every use.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitekit.answer_key import answers_at_the_end
from sitekit.hooks.lean_code import without_whitespace_spans
from sitekit.html_cut import cut
from sitekit.print_questions import QUESTIONS_BASENAME, Addresses, split_questions
from sitekit.markdown_extension import USES_PLACEHOLDERS, USES_QUESTIONS
from sitekit.render import CHEAT_ANCHOR_PREFIX, COMMAND_ANCHOR_PREFIX

# Cut with the whitespace before each (sitekit/html_cut.py).
_PRINT_SITE_ASSET = re.compile(
    r'<link[^>]+href="[^"]*css/print-site[^"]*\.css"[^>]*>|<script[^>]+src="[^"]*js/print-site\.js"[^>]*></script>'
)
_PRINT_SECTION = re.compile(r'(<section class="print-page" id="(?P<page>[^"]+)")')
# `id="` as a whole attribute name is checked for each match: a pattern starting with `\b` is
# tried at every character of the megabyte page.
_BLOCK_ID = re.compile(rf'id="((?:{COMMAND_ANCHOR_PREFIX}|{CHEAT_ANCHOR_PREFIX})[^"]*)"')
_WORD = re.compile(r"\w")


def _is_print_page(page: Page, config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("print-site")
    basename = plugin.config.get("print_page_basename", "print_page") if plugin else "print_page"
    return page.url.startswith(basename)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is converted by now; the plugin renders its page after the build.
    print_page = getattr(config.plugins.get("print-site"), "print_page", None)
    if print_page is not None:
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        for fact in (USES_QUESTIONS, USES_PLACEHOLDERS):
            if any(page.meta.get(fact) for page in pages):
                print_page.meta[fact] = True
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return output if _is_print_page(page, config) else cut(_PRINT_SITE_ASSET, output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is rendered from a template, not a page: it gets the plugin's assets too.
    return cut(_PRINT_SITE_ASSET, output_content)


def prefix_block_ids(html: str) -> str:
    # split() gives: text, section tag, page id, section body, section tag, page id, section body…
    parts = _PRINT_SECTION.split(html)
    fixed = [parts[0]]
    for index in range(1, len(parts), 3):
        tag, page, body = parts[index], parts[index + 1], parts[index + 2]

        def prefixed(match: re.Match, page: str = page, body: str = body) -> str:
            anchor = match.group(1)
            if anchor.startswith(f"{page}-") or (match.start() and _WORD.match(body, match.start() - 1)):
                return match.group(0)  # prefixed already, or the end of another attribute's name
            return f'id="{page}-{anchor}"'

        fixed += [tag, _BLOCK_ID.sub(prefixed, body)]
    return "".join(fixed)


_ABBREVIATION = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


def thin_abbreviations(html: str) -> str:
    """Every use of a term is an <abbr> with its meaning as title: on the whole site's page that
    is some 1,300 copies of the same sentences (15 KiB of its download, which a phone waits
    for). A chapter keeps the title on its first use of each term; the other uses keep the <abbr>,
    whose meaning the page's script finds from the first (overrides/partials/abbr.js). Titles do
    not print."""
    parts = _PRINT_SECTION.split(html)
    thinned = [parts[0]]
    for index in range(1, len(parts), 3):
        seen: set[str] = set()

        def first_use_only(match: re.Match, seen: set[str] = seen) -> str:
            term = match.group(1)
            if term in seen:
                return f"<abbr>{term}</abbr>"
            seen.add(term)
            return match.group(0)

        thinned += [parts[index], _ABBREVIATION.sub(first_use_only, parts[index + 2])]
    return "".join(thinned)



_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def without_headerlinks(html: str) -> str:
    """The ¶ after every heading (a link to copy) does not print, and on a page read to be
    printed is 40 KB of markup (4 KiB compressed) a phone waits for."""
    return _HEADERLINK.sub("", html)


_EXPLAIN_LINK = re.compile(r'<p class="cmd-explain"[^>]*>.*?</p>', re.DOTALL)


def without_explain_links(html: str) -> str:
    return cut(_EXPLAIN_LINK, html)


def links_to_pages_not_printed(html: str, config: MkDocsConfig) -> str:
    """The plugin turns a link to another page into a link to that page's part of the print page,
    even for a page it leaves out (`exclude:`); such a link leads to the page itself."""
    for name in config.plugins["print-site"].config.get("exclude", []):
        stem = name.removesuffix(".md")
        address = f"../{stem}/" if config.use_directory_urls else f"{stem}.html"
        html = re.sub(rf'href="#{re.escape(stem)}(?:-([^"]*))?"',
                      lambda m, to=address: f'href="{to}#{m.group(1)}"' if m.group(1) else f'href="{to}"', html)
    return html


def _print_files(config: MkDocsConfig) -> tuple[Path, Path, Addresses]:
    """Where the whole site's page and the questions page are, and how each links to the other.
    Siblings at the same depth, so every relative address of the shared theme works in both."""
    site = Path(config.site_dir)
    if config.use_directory_urls:
        return (site / "print_page" / "index.html", site / QUESTIONS_BASENAME / "index.html",
                Addresses(print_page="../print_page/", questions=f"../{QUESTIONS_BASENAME}/",
                          cheat_sheet="../cheat-sheet/"))
    return (site / "print_page.html", site / f"{QUESTIONS_BASENAME}.html",
            Addresses(print_page="print_page.html", questions=f"{QUESTIONS_BASENAME}.html",
                      cheat_sheet="cheat-sheet.html"))


def on_post_build(config: MkDocsConfig) -> None:
    path, questions_path, addresses = _print_files(config)
    if not path.exists():
        return
    html = without_headerlinks(without_whitespace_spans(without_explain_links(path.read_text(encoding="utf-8"))))
    html = answers_at_the_end(thin_abbreviations(prefix_block_ids(links_to_pages_not_printed(html, config))))
    title = config.plugins["print-site"].config["print_page_title"]
    html, questions = split_questions(html, addresses, title)
    path.write_text(html, encoding="utf-8")
    if questions is not None:
        questions_path.parent.mkdir(parents=True, exist_ok=True)
        questions_path.write_text(questions, encoding="utf-8")
