"""MkDocs hook: what the print page (mkdocs-print-site-plugin, /print_page/) needs from the build.

- The plugin adds its CSS and JS to every page and has no setting to limit them to its own page;
  each is a request every other page would pay for, so they are taken out of the others.
- It prefixes heading ids and every link with the page's id, but not the ids of command blocks
  (they are on <div>s): those get the same prefix so the links work.
- The chapters' questions keep their answers in an answer key at the end of the page.
- The answers to the check-your-understanding questions are printed: their disclosures are open.
- The command blocks' links to the Explain page (an interactive page, left out of print) go.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitekit.render import CHEAT_ANCHOR_PREFIX, COMMAND_ANCHOR_PREFIX

_PRINT_SITE_ASSET = re.compile(
    r'\s*<link[^>]+href="[^"]*css/print-site[^"]*\.css"[^>]*>|\s*<script[^>]+src="[^"]*js/print-site\.js"[^>]*></script>'
)
_PRINT_SECTION = re.compile(r'(<section class="print-page" id="(?P<page>[^"]+)")')
_BLOCK_ID = re.compile(rf'\bid="((?:{COMMAND_ANCHOR_PREFIX}|{CHEAT_ANCHOR_PREFIX})[^"]*)"')


def _is_print_page(page: Page, config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("print-site")
    basename = plugin.config.get("print_page_basename", "print_page") if plugin else "print_page"
    return page.url.startswith(basename)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return output if _is_print_page(page, config) else _PRINT_SITE_ASSET.sub("", output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is rendered from a template, not a page: it gets the plugin's assets too.
    return _PRINT_SITE_ASSET.sub("", output_content)


def prefix_block_ids(html: str) -> str:
    # split() gives: text, section tag, page id, section body, section tag, page id, section body…
    parts = _PRINT_SECTION.split(html)
    fixed = [parts[0]]
    for index in range(1, len(parts), 3):
        tag, page, body = parts[index], parts[index + 1], parts[index + 2]

        def prefixed(match: re.Match, page: str = page) -> str:
            anchor = match.group(1)
            return match.group(0) if anchor.startswith(f"{page}-") else f'id="{page}-{anchor}"'

        fixed += [tag, _BLOCK_ID.sub(prefixed, body)]
    return "".join(fixed)


ANSWER_KEY_ID = "answer-key"


def answers_at_the_end(html: str) -> str:
    """On paper, a reader answers a chapter's questions first and checks them after: each answer
    moves from under its question to an answer key at the end of the print page, and the question
    says where its answer is."""
    soup = BeautifulSoup(html, "html.parser")
    answers = soup.select("details.quiz__answer")
    last_section = soup.select("section.print-page")[-1:] if answers else []
    if not last_section:
        return html
    key = soup.new_tag("section", attrs={"class": "print-page quiz-answer-key", "id": ANSWER_KEY_ID})
    heading = soup.new_tag("h1", attrs={"id": f"{ANSWER_KEY_ID}-title"})
    heading.string = "Answer key"
    key.append(heading)
    chapter_of_key = None
    for number, details in enumerate(answers, 1):
        section = details.find_parent("section", class_="print-page")
        question = details.find_parent(class_="quiz__question")
        if section is not None and section is not chapter_of_key:
            chapter_of_key = section
            title = section.find("h1")
            chapter = soup.new_tag("h2")
            chapter.string = title.get_text(" ", strip=True).replace("¶", "").strip() if title else section["id"]
            key.append(chapter)
        entry_id = f"{ANSWER_KEY_ID}-{number}"
        entry = soup.new_tag("div", attrs={"class": "quiz-answer-key__entry", "id": entry_id})
        label = soup.new_tag("p", attrs={"class": "quiz-answer-key__question"})
        legend = question.find("legend") if question is not None else None
        label.string = legend.get_text(" ", strip=True) if legend else f"Question {number}"
        entry.append(label)
        for child in list(details.children):
            if getattr(child, "name", None) != "summary":
                entry.append(child.extract())
        key.append(entry)
        pointer = soup.new_tag("p", attrs={"class": "quiz-answer-key__pointer"})
        link = soup.new_tag("a", href=f"#{entry_id}")
        link.string = "Answer at the end of this page, in the answer key"
        pointer.append(link)
        details.replace_with(pointer)
    last_section[0].insert_after(key)
    return str(soup)


_EXPLAIN_LINK = re.compile(r'\s*<p class="cmd-explain"[^>]*>.*?</p>', re.DOTALL)


def without_explain_links(html: str) -> str:
    return _EXPLAIN_LINK.sub("", html)


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "print_page" / "index.html"
    if path.exists():
        html = without_explain_links(path.read_text(encoding="utf-8"))
        path.write_text(answers_at_the_end(prefix_block_ids(html)), encoding="utf-8")
