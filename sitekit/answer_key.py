"""The print page's answer key: on paper, a reader answers a chapter's questions first and checks
them after. Used by sitekit/hooks/print_page.py; a module of its own (not the hook file, which
MkDocs loads anew for every `mkdocs serve` rebuild) so that each page's part is remembered
between rebuilds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from bs4 import BeautifulSoup

ANSWER_KEY_ID = "answer-key"
# The markup sitekit/render_questions.py writes: an answer is a <details> holding no other one.
_ANSWER = re.compile(r'<details class="quiz__answer"[^>]*>(?P<inner>.*?)</details>', re.DOTALL)
_SUMMARY = re.compile(r"^\s*<summary>.*?</summary>", re.DOTALL)
_LEGEND = re.compile(r"<legend\b[^>]*>(.*?)</legend>", re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_PAGE_START = re.compile(r'<section class="print-page" id="[^"]+"[^>]*>')
_NUMBER = "\x00answer\x00"
# render_questions.py's intro says each answer is under its question: on paper it is in the key.
_INTRO = re.compile(r'(<p class="quiz__intro">\d+ questions? on this chapter\.)[^<]*(</p>)')


def _text(fragment: str) -> str:
    return BeautifulSoup(fragment, "html.parser").get_text(" ", strip=True).replace("¶", "").strip()


@lru_cache(maxsize=256)
def _answers_of(chunk: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """One page's part of the print page: (the part with each answer replaced by a pointer whose
    number is still to fill in, the page's title, (question, answer) for each). Remembered by
    its text, so a `mkdocs serve` rebuild reworks only the page that changed."""
    answers: list[tuple[str, str]] = []
    legends = list(_LEGEND.finditer(chunk))

    def pointer(match: re.Match) -> str:
        legend = next((m for m in reversed(legends) if m.end() <= match.start()), None)
        question = _text(legend.group(1)) if legend else f"Question {len(answers) + 1}"
        answers.append((question, _SUMMARY.sub("", match.group("inner"), count=1)))
        return (f'<p class="quiz-answer-key__pointer"><a href="#{ANSWER_KEY_ID}-{_NUMBER}">'
                "Answer at the end of this page, in the answer key</a></p>")

    replaced = _INTRO.sub(r"\1 The answers are in the answer key at the end of the page.\2", _ANSWER.sub(pointer, chunk))
    title = _H1.search(chunk)
    return replaced, (_text(title.group(1)) if title else ""), tuple(answers)


def end_of_element(html: str, start: int, name: str) -> int | None:
    """Where the element `name` opened at `start` closes (just after its end tag), or None when it
    never does. Elements of the same name inside it are counted, not mistaken for its end."""
    depth = 0
    for tag in re.compile(rf"<{name}\b|</{name}>").finditer(html, start):
        depth += -1 if tag.group(0).startswith("</") else 1
        if depth == 0:
            return tag.end()
    return None


def end_of_section(html: str, start: int) -> int:
    """Where the <section> opened at `start` closes (just after its end tag)."""
    end = end_of_element(html, start, "section")
    return len(html) if end is None else end


def answers_at_the_end(html: str) -> str:
    """On paper, a reader answers a chapter's questions first and checks them after: each answer
    moves from under its question to an answer key at the end of the print page, and the question
    says where its answer is."""
    starts = list(_PAGE_START.finditer(html))
    if not starts or "quiz__answer" not in html:
        return html
    parts, position = [], 0
    key = [f'<section class="print-page quiz-answer-key" id="{ANSWER_KEY_ID}">',
           f'<h1 id="{ANSWER_KEY_ID}-title">Answer key</h1>']
    number = 0
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(html)
        chunk_start = start.end()
        parts.append(html[position:chunk_start])
        replaced, title, answers = _answers_of(html[chunk_start:end])
        if answers:
            key.append(f"<h2>{escape(title or start.group(0))}</h2>")
        for question, answer in answers:
            number += 1
            replaced = replaced.replace(_NUMBER, str(number), 1)
            key.append(f'<div class="quiz-answer-key__entry" id="{ANSWER_KEY_ID}-{number}">'
                       f'<p class="quiz-answer-key__question">{escape(question)}</p>{answer}</div>')
        parts.append(replaced)
        position = end
    key.append("</section>")
    result = "".join(parts)
    if not number:
        return html
    last = list(_PAGE_START.finditer(result))[-1]
    after = end_of_section(result, last.start())
    return result[:after] + "".join(key) + result[after:]
