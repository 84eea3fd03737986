"""The chapters' questions and their answer key on a printable page of their own (/print_questions/).

The whole site on one page (mkdocs-print-site-plugin, /print_page/) is one HTML file. With every
chapter's questions and the answer key in it, it was 300 KiB compressed: a phone on a mobile
network waited 2.8 s for its first paint (Lighthouse mobile performance 90). On paper the
questions are a separate job anyway (answer a chapter's questions, then check them in the key),
so they print from a page of their own: each chapter's questions, then the answer key. The whole
site's page keeps each chapter's "Check your understanding" heading, with a link to that
chapter's questions there.

Both pages are siblings (same folder depth), so the questions page is the print page's own HTML
with its content swapped: the theme, scripts and relative addresses stay right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

from mkdocs.exceptions import PluginError

from sitekit.answer_key import ANSWER_KEY_ID, end_of_element, end_of_section
from sitekit.html_cut import cut

QUESTIONS_BASENAME = "print_questions"
QUESTIONS_TITLE = "Docker, explained: the questions of every chapter, with an answer key"
_CONTENT_START = re.compile(r'<div id="print-site-page"[^>]*>')
_CHAPTER = re.compile(r'<section class="print-page" id="(?P<page>[^"]+)"[^>]*>')
_QUIZ = re.compile(r'<div class="quiz" data-quiz=')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_KEY = re.compile(rf'<section class="print-page quiz-answer-key" id="{ANSWER_KEY_ID}">')
# Links inside the questions and the key that lead to a chapter's section (not to another question
# or answer): on the questions page they lead to the whole site's page.
_SECTION_LINK = re.compile(rf'href="#(?!{ANSWER_KEY_ID}-|quiz-)([^"]+)"')
_TOC = re.compile(r'<ul class="md-nav__list" data-md-component="toc"[^>]*>')
# Each cut with the whitespace before it (sitekit/html_cut.py).
_PLACEHOLDERS_SCRIPT = re.compile(r'<script data-form-script[^>]*>.*?</script>', re.DOTALL)
# What the theme adds to a page with questions (overrides/main.html), which the questions page
# keeps: their script, and their stylesheet, which also styles the Docker ID form.
_QUESTIONS_SCRIPT = re.compile(r'<script data-quiz-script[^>]*>.*?</script>', re.DOTALL)
_QUESTIONS_STYLESHEET = re.compile(r'<link rel="stylesheet" href="[^"]*stylesheets/learning\.css">')


class PrintQuestionsError(PluginError):
    """The print plugin's or the theme's page is not laid out as this module reads it (one line)."""


@dataclass(frozen=True)
class Addresses:
    print_page: str  # the whole site's page, as a link from the questions page
    questions: str  # the questions page, as a link from the whole site's page
    cheat_sheet: str  # the cheat sheet, which prints from its own page


def _end_of(html: str, start: int, name: str) -> int:
    end = end_of_element(html, start, name)
    if end is None:
        raise PrintQuestionsError(f"print page: the <{name}> at character {start} never closes")
    return end


def _title(chapter: str) -> str:
    heading = _H1.search(chapter)
    return _TAG.sub("", _HEADERLINK.sub("", heading.group(1))).strip() if heading else ""


def _pointer(page: str, count: int, to: Addresses) -> str:
    questions = "question" if count == 1 else f"{count} questions"
    return (f'<p class="print-questions-pointer">This chapter\'s {questions}, with the answers, are on '
            f'<a href="{to.questions}#{page}-questions">the page of questions</a>, to print on its own.</p>')


def split_questions(html: str, to: Addresses, print_title: str) -> tuple[str, str | None]:
    """(the whole site's page without questions or answer key, the questions page), or the page
    unchanged and None when it has no questions."""
    key_start = _KEY.search(html)
    if key_start is None:
        return html, None
    key_end = end_of_section(html, key_start.start())
    key = _SECTION_LINK.sub(lambda m: f'href="{to.print_page}#{m.group(1)}"', html[key_start.start():key_end])
    html = html[:key_start.start()] + html[key_end:]

    chapters = list(_CHAPTER.finditer(html))
    kept, moved, contents, position = [], [], [], 0
    for index, chapter in enumerate(chapters):
        end = chapters[index + 1].start() if index + 1 < len(chapters) else len(html)
        quiz = _QUIZ.search(html, chapter.end(), end)
        if quiz is None:
            continue
        quiz_end = _end_of(html, quiz.start(), "div")
        block = html[quiz.start():quiz_end]
        page = chapter.group("page")
        count = block.count('class="quiz__question"')
        title = escape(unescape(_title(html[chapter.end():end])))
        contents.append((f"{page}-questions", title))
        moved.append(f'<section class="print-page" id="{page}"><h1 id="{page}-questions">{title}</h1>\n'
                     + _SECTION_LINK.sub(lambda m: f'href="{to.print_page}#{m.group(1)}"', block)
                     + "</section>")
        kept += [html[position:quiz.start()], _pointer(page, count, to)]
        position = quiz_end
    kept.append(html[position:])
    with_questions = "".join(kept)
    whole_site = cut(_QUESTIONS_SCRIPT, with_questions)
    if "data-placeholder" not in whole_site:
        whole_site = cut(_QUESTIONS_STYLESHEET, whole_site)
    return _whole_site_page(whole_site, to), \
        _questions_page(with_questions, "".join(moved) + key, contents, to, print_title)


def _content(html: str) -> tuple[int, int]:
    """Where the print page's content starts (after its table of contents) and ends."""
    content = _CONTENT_START.search(html)
    if content is None:
        raise PrintQuestionsError('print page: no <div id="print-site-page">, the print-site plugin changed its page')
    toc_end = end_of_section(html, html.index("<section", content.end()))
    return toc_end, _end_of(html, content.start(), "div") - len("</div>")


def _whole_site_page(html: str, to: Addresses) -> str:
    start, _ = _content(html)
    note = (f'<p class="print-questions-pointer">The questions of every chapter, with an answer key, print '
            f'from <a href="{to.questions}">a page of their own</a>, and so does the '
            f'<a href="{to.cheat_sheet}">cheat sheet</a>.</p>')
    return html[:start] + note + html[start:]


def _questions_page(shell: str, questions: str, contents: list[tuple[str, str]], to: Addresses,
                    print_title: str) -> str:
    """The print page's HTML (theme, scripts, the questions' stylesheet) with the questions as
    content, and a table of contents (the sidebar's) that lists their chapters."""
    start, end = _content(shell)
    before = shell[:start].replace(print_title, QUESTIONS_TITLE)
    toc = _TOC.search(before)
    if toc is None:
        raise PrintQuestionsError("print page: no table of contents in the sidebar, the theme changed its page")
    items = "".join(f'<li class="md-nav__item"><a href="#{anchor}" class="md-nav__link">'
                    f'<span class="md-ellipsis">{title}</span></a></li>'
                    for anchor, title in [*contents, (f"{ANSWER_KEY_ID}-title", "Answer key")])
    before = before[:toc.end()] + items + "</ul>" + before[_end_of(before, toc.start(), "ul"):]
    after = shell[end:]
    if "data-placeholder" not in questions:  # the Docker ID form goes with commands to fill in
        after = cut(_PLACEHOLDERS_SCRIPT, after)
    before = re.sub(r'(<link rel="canonical" href="[^"]*/)print_page/', rf"\1{QUESTIONS_BASENAME}/", before)
    # "Skip to content" leads to the first part of the page, which is this page's own.
    before = re.sub(r'href="#[^"]*"( class="md-skip")', r'href="#print-questions"\1', before)
    intro = ('<section class="print-page" id="print-questions"><h1 id="print-questions-title">Questions of every chapter</h1>'
             "<p>Each chapter's questions, then an answer key at the end of the page. The chapters themselves "
             f'are on <a href="{to.print_page}">the whole site on one page</a>.</p></section>')
    return before + intro + questions + after
