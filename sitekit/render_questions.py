"""The questions at the end of a chapter, as Markdown and HTML (md_in_html) for the page.

Without JavaScript every question is a fieldset the reader can answer in their head, and the
answer, each choice's feedback and a link to the section that teaches it sit behind a disclosure
(<details>). overrides/partials/quiz.js adds the Check and Reset buttons' behaviour, instant
feedback in a live region and progress kept in the browser.
"""

from __future__ import annotations

import html
from string import ascii_uppercase

from sitekit.questions import Question, Quiz, split_section

HEADING = "Check your understanding"
HEADING_ID = "check-your-understanding"


def question_id(chapter: str, question: Question) -> str:
    # Chapter and question: unique on the print page too, where every chapter shares one document.
    return f"quiz-{chapter}-{question.id}"


def _link(section: str, chapter: str, titles: dict[str, dict[str, str]]) -> str:
    page, anchor = split_section(section, chapter)
    title = titles.get(page, {}).get(anchor, anchor)
    target = f"#{anchor}" if page == chapter else f"{page}.md#{anchor}"
    return f"[{title}]({target})"


def _letters(question: Question) -> list[str]:
    return [ascii_uppercase[i] for i, choice in enumerate(question.choices) if choice.correct]


def _joined(letters: list[str]) -> str:
    return letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " and " + letters[-1]


def _question(chapter: str, number: int, total: int, question: Question,
              titles: dict[str, dict[str, str]]) -> list[str]:
    qid = question_id(chapter, question)
    kind = "checkbox" if question.multiple else "radio"
    hint = "Choose all that apply." if question.multiple else "Choose one answer."
    lines = [
        f'<div class="quiz__question" id="{qid}" data-question="{question.id}" '
        f'data-version="{question.version()}" markdown>',
        '<fieldset markdown>',
        f'<legend markdown="span"><span class="quiz__number">Question {number} of {total}.</span> '
        f'{question.question.strip()}</legend>',
    ]
    if question.code:
        lines += ["", f"```{question.language}", question.code.rstrip("\n"), "```", ""]
    lines += [f'<p class="quiz__hint">{hint}</p>', '<div class="quiz__choices" markdown>']
    for index, choice in enumerate(question.choices):
        correct = ' data-correct=""' if choice.correct else ""
        lines.append(
            f'<div class="quiz__choice"{correct} markdown="span"><label>'
            f'<input type="{kind}" name="{qid}" value="{index}"> '
            f'<span class="quiz__letter">{ascii_uppercase[index]}.</span> '
            # The choice's words in one box: a label laid out as a grid keeps them in one column,
            # however many code spans and abbreviations they hold.
            f'<span class="quiz__text">{choice.text.strip()}</span></label></div>'
        )
    lines += [
        "</div>",
        # Hidden without scripts (stylesheets/learning.css): the disclosure below is the way to
        # the answer then. With them, there from the first paint, so nothing moves when it works.
        '<div class="quiz__actions"><button type="button" class="md-button quiz__check">'
        "Check answer</button></div>",
        '<div class="quiz__feedback" role="status" aria-live="polite"></div>',
        "</fieldset>",
        '<details class="quiz__answer" markdown>',
        f"<summary>Show the answer to question {number}</summary>",
        "",
    ]
    letters = _letters(question)
    label = "Answers" if len(letters) > 1 else "Answer"
    lines += [f'<p class="quiz__key" markdown="span">**{label}: {_joined(letters)}.** '
              f'{question.explanation.strip()}</p>', ""]
    lines.append('<ul class="quiz__why" markdown>')
    for index, choice in enumerate(question.choices):
        verdict = "right" if choice.correct else "wrong"
        lines.append(f'<li markdown="span"><strong>{ascii_uppercase[index]}: {verdict}.</strong> '
                     f'<span class="quiz__why-text">{choice.feedback.strip()}</span></li>')
    lines += [
        "</ul>",
        f'<p class="quiz__more" markdown="span">Where this is taught: '
        f'{_link(question.section, chapter, titles)}</p>',
        "",
        "</details>",
        "</div>",
    ]
    return lines


def quiz(quiz: Quiz, titles: dict[str, dict[str, str]]) -> str:
    """The chapter's questions under a "Check your understanding" heading."""
    chapter = quiz.chapter
    total = len(quiz.questions)
    lines = [
        # Out of the search index: searches land on the sections that teach, not on questions.
        f"## {HEADING} {{#{HEADING_ID} data-search-exclude}}",
        "",
        f'<div class="quiz" data-quiz="{html.escape(chapter)}" data-search-exclude="" markdown>',
        "",
        f'<p class="quiz__intro">{total} questions on this chapter. Each answer is explained under its '
        "question, with a link to the section that teaches it.</p>",
        "",
    ]
    for number, question in enumerate(quiz.questions, 1):
        lines += _question(chapter, number, total, question, titles)
        lines.append("")
    lines += [
        # Hidden without scripts; with them, answers are kept in this browser only.
        '<div class="quiz__progress">',
        '<p class="quiz__score" role="status" aria-live="polite"></p>',
        '<button type="button" class="md-button quiz__reset">Reset my answers</button>',
        "</div>",
        "",
        "</div>",
    ]
    return "\n".join(lines)
