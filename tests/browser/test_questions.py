"""Check-your-understanding questions: the data, the built pages, and the quiz in real Chromium
without JavaScript and with it (feedback, storage, reset, keyboard), axe, and printing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import context_with_storage, page_errors

from sitekit.project import ROOT, nav_entries, read_mkdocs_config
from sitekit.questions import MAX_QUESTIONS, MIN_QUESTIONS, commands_in, load_quizzes, page_sections, split_section
from test_accessibility import AXE, _axe

DOCS = ROOT / "docs"
# Pages that are not chapters: the home page and the reference pages (cheat sheet, glossary, the
# troubleshooting list of error messages, the Explain tool) teach nothing of their own to test.
NOT_CHAPTERS = {"index.md", "cheat-sheet.md", "glossary.md", "troubleshooting.md", "explain.md"}
STORAGE_KEY = "docker-explained.quiz"
CHAPTER = "running-containers"


def _nav_files() -> list[str]:
    return [file for _, file in nav_entries(read_mkdocs_config()["nav"])]


def _chapters() -> list[str]:
    return [Path(f).stem for f in _nav_files() if f not in NOT_CHAPTERS]


def _key(chapter: str) -> str:
    return "index.html" if chapter == "index" else f"{chapter}/index.html"


# ------------------------------------------------------------------------------------------ data

def test_every_chapter_in_the_navigation_has_questions():
    quizzes = load_quizzes()
    chapters = _chapters()
    assert len(chapters) >= 14
    missing = [c for c in chapters if c not in quizzes]
    assert not missing, f"chapters without assets/questions/<chapter>.yaml: {missing}"
    for chapter in chapters:
        assert MIN_QUESTIONS <= len(quizzes[chapter].questions) <= MAX_QUESTIONS, chapter
        assert "{@ questions() @}" in (DOCS / f"{chapter}.md").read_text(encoding="utf-8"), \
            f"docs/{chapter}.md does not show its questions"


def test_questions_test_commands_and_link_back_to_their_chapter_mostly():
    """Questions are about the chapter they close: most link back to a section of it, and every
    command in them parsed when they loaded (a question with none is fine, but not a whole site)."""
    quizzes = load_quizzes()
    commands = sum(len(commands_in(q)) for quiz in quizzes.values() for q in quiz.questions)
    assert commands >= 20
    for chapter, quiz in quizzes.items():
        own = [q for q in quiz.questions if split_section(q.section, chapter)[0] == chapter]
        assert len(own) * 2 > len(quiz.questions), f"{chapter}: most questions link into the chapter itself"


def test_a_question_that_says_how_many_to_choose_is_refused(tmp_path):
    """The page prints "Choose all that apply." or "Choose one answer." under every question;
    a question that says it too printed it twice."""
    from sitekit.questions import QuestionError, load_quiz

    path = tmp_path / "glossary.yaml"
    path.write_text("".join(
        f"- id: q{i}\n  question: \"Which of these are images? Choose all that apply.\"\n  multiple: true\n"
        "  choices:\n    - text: web1\n      correct: true\n      feedback: It is.\n"
        "    - text: web2\n      feedback: It is not.\n  explanation: Because.\n  section: '#glossary'\n"
        for i in (1, 2, 3)), encoding="utf-8")
    with pytest.raises(QuestionError) as error:
        load_quiz(path)
    message = str(error.value)
    assert "\n" not in message and "glossary.yaml:1" in message and "question 'q1'" in message, message
    assert "how many to choose" in message, message


def test_section_anchors_are_the_ones_the_build_makes(html_pages):
    """The loader checks `section:` against anchors it reads from the Markdown; each of them
    is an id on the built page, so a question can never link to a section that is not there."""
    for page in sorted(DOCS.glob("*.md")):
        ids = {tag["id"] for tag in html_pages[_key(page.stem)].select("article [id]")}
        computed = set(page_sections(page.read_text(encoding="utf-8")))
        assert computed, page.name
        assert computed <= ids, f"{page.name}: {sorted(computed - ids)}"


# ------------------------------------------------------------------------------------ built HTML

def test_every_chapter_ends_with_its_questions_without_javascript(html_pages):
    quizzes = load_quizzes()
    for chapter in _chapters():
        soup = html_pages[_key(chapter)]
        quiz = soup.select_one(f".quiz[data-quiz='{chapter}']")
        assert quiz is not None, chapter
        heading = quiz.find_previous_sibling("h2")
        assert heading and heading.get("id") == "check-your-understanding", chapter
        assert not heading.find_next_sibling("h2"), f"{chapter}: the questions are the chapter's last section"
        questions = quiz.select(".quiz__question")
        assert len(questions) == len(quizzes[chapter].questions)
        for question, data in zip(questions, quizzes[chapter].questions):
            fieldset = question.select_one("fieldset")
            assert fieldset.select_one(":scope > legend").get_text(strip=True), data.id
            inputs = fieldset.select(".quiz__choices input")
            assert len(inputs) == len(data.choices)
            assert {i["type"] for i in inputs} == {"checkbox" if data.multiple else "radio"}
            assert len({i["name"] for i in inputs}) == 1
            for box in inputs:
                assert box.find_parent("label"), f"{data.id}: every choice is labelled"
            # No script: the button that needs one is in the actions the stylesheet hides while the
            # page is marked no-js (checked in Chromium below); the answer waits in a disclosure.
            assert question.select_one(".quiz__actions > .quiz__check")
            answer = question.select_one("details.quiz__answer")
            assert answer.select_one("summary") and not answer.has_attr("open")
            assert len(answer.select(".quiz__why li")) == len(data.choices), "feedback for every choice"
            assert answer.select_one(".quiz__more a[href]"), "a link to the section that teaches it"
            assert question.select_one(".quiz__feedback[aria-live]"), "feedback is announced"
        assert quiz.select_one(".quiz__progress .quiz__reset")
    names = [i["name"] for soup in html_pages.values() for i in soup.select(".quiz input")]
    assert len(names) > 0


def test_questions_stay_out_of_the_search_index(site):
    """Searches land on the sections that teach; a question repeats their words without teaching."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["location"] + " " + doc["title"] + " " + doc["text"] for doc in index["docs"]]
    assert not [t for t in texts if "check-your-understanding" in t or "Show the answer to question" in t]
    sample = load_quizzes()[CHAPTER].questions[0].choices[0].feedback[:40]
    assert not [t for t in texts if sample in t]


def test_the_walkthrough_runs_no_question_block(site):
    """Questions show commands to think about (`--publish 8080:5000`); the walkthrough, which runs
    the pages' blocks on a real engine (scripts/walkthrough/pages.py), leaves them out."""
    from scripts.walkthrough.pages import chapter_blocks

    quiz = load_quizzes()[CHAPTER]
    codes = [q.code.strip() for q in quiz.questions if q.code]
    assert codes, f"{CHAPTER}'s questions show a block"
    texts = [block.text.strip() for block in chapter_blocks(site, CHAPTER)]
    assert texts and not [c for c in codes if c in texts]


# --------------------------------------------------------------------------------------- browser

def _open_chapter(context, served_site: str, chapter: str = CHAPTER):
    """A chapter, scrolled to its questions, with their script loaded (it loads on approach)."""
    page = context.new_page()
    page.goto(f"{served_site}/{chapter}/")
    _reach_questions(page)
    return page


def _reach_questions(page) -> None:
    page.locator(".quiz").scroll_into_view_if_needed()
    page.wait_for_selector(".quiz[data-quiz-ready]", state="attached")


def _question(page, index: int = 0):
    return page.locator(".quiz__question").nth(index)


def _answer(page, index: int, choices: list[int]) -> str:
    question = _question(page, index)
    for choice in choices:
        question.locator(f".quiz__choices input[value='{choice}']").check()
    question.locator(".quiz__check").click()
    feedback = question.locator(".quiz__feedback")
    feedback.locator(".quiz__verdict").wait_for()
    return feedback.inner_text()


def _right_and_wrong(index: int) -> tuple[int, int]:
    data = load_quizzes()[CHAPTER].questions[index]
    right = next(i for i, c in enumerate(data.choices) if c.correct)
    wrong = next(i for i, c in enumerate(data.choices) if not c.correct)
    return right, wrong


def test_without_javascript_the_answer_is_behind_a_disclosure(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site}/{CHAPTER}/")
    page.locator(".quiz").scroll_into_view_if_needed()
    question = _question(page)
    assert not question.locator(".quiz__check").is_visible()
    assert not page.locator(".quiz__progress").is_visible()
    key = question.locator(".quiz__key")
    assert not key.is_visible()
    question.locator("summary").click()
    assert key.is_visible()
    right, _ = _right_and_wrong(0)
    assert f"Answer: {chr(65 + right)}." in key.inner_text()
    context.close()


def test_the_questions_script_loads_only_when_the_reader_comes_near(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    scripts = []
    page.on("request", lambda request: scripts.append(request.url) if request.url.endswith("/quiz.js") else None)
    page.goto(f"{served_site}/{CHAPTER}/")
    page.wait_for_timeout(300)
    assert not scripts, "the questions' script waits until the reader nears them"
    _reach_questions(page)
    assert len(scripts) == 1
    assert _question(page).locator(".quiz__check").is_visible()
    context.close()


def test_a_link_to_the_questions_opens_them_without_moving_anything(browser, served_site):
    """The Check buttons are there from the first paint (hidden only without scripts), so the
    script's arrival moves nothing under a reader who followed a link to the questions; and a
    click that comes before the script is answered once it arrives."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script("""window.__shift = 0; new PerformanceObserver(list => list.getEntries()
        .forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; })).observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    held = []  # the questions' script, held back until the reader has clicked
    page.route("**/quiz.js", lambda route: held.append(route))
    page.goto(f"{served_site}/{CHAPTER}/#check-your-understanding")
    right, _ = _right_and_wrong(0)
    question = _question(page)
    assert question.locator(".quiz__check").is_visible(), "the button is there before the script"
    question.locator(f".quiz__choices input[value='{right}']").check()
    question.locator(".quiz__check").click()
    while not held:
        page.wait_for_timeout(20)
    assert question.locator(".quiz__feedback").inner_text() == ""
    held[0].continue_()
    question.locator(".quiz__feedback .quiz__verdict").wait_for()
    assert question.locator(".quiz__feedback").inner_text().startswith("Right.")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.005, page.evaluate("window.__shift")
    context.close()


def test_with_javascript_feedback_comes_at_once_and_is_announced(browser, served_site):
    context = browser.new_context()
    page = _open_chapter(context, served_site)
    right, wrong = _right_and_wrong(0)
    data = load_quizzes()[CHAPTER].questions[0]
    question = _question(page)
    assert question.locator(".quiz__check").is_visible()
    region = question.locator(".quiz__feedback")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    text = _answer(page, 0, [wrong])
    assert text.startswith("Not quite.")
    assert data.choices[wrong].feedback.split("`")[0][:30] in text
    assert "Where this is taught" in text
    text = _answer(page, 0, [right])
    assert text.startswith("Right.")
    # From the second check on, the feedback explains the choice made now, not an earlier one.
    assert data.choices[right].feedback.split("`")[0][:30] in text
    assert data.choices[wrong].feedback.split("`")[0][:30] not in text
    assert not question.locator("details.quiz__answer").evaluate("d => d.open"), "the answer stays folded"
    assert f"1 of {len(load_quizzes()[CHAPTER].questions)}" in page.locator(".quiz__score").inner_text()
    context.close()


def test_a_set_of_right_answers_must_be_complete(browser, served_site):
    quizzes = load_quizzes()
    chapter, index, data = next((c, i, q) for c, quiz in quizzes.items() for i, q in enumerate(quiz.questions)
                                if q.multiple and sum(ch.correct for ch in q.choices) >= 2)
    context = browser.new_context()
    page = _open_chapter(context, served_site, chapter)
    rights = [i for i, c in enumerate(data.choices) if c.correct]
    question = _question(page, index)
    assert question.locator("input[type=checkbox]").count() == len(data.choices)
    text = _answer(page, index, rights[:1])
    assert text.startswith("Not quite.") and "A right answer is missing." in text
    text = _answer(page, index, rights[1:])
    assert text.startswith("Right.")
    context.close()


def test_answers_are_kept_in_the_browser_and_reset(browser, served_site):
    context = browser.new_context()
    page = _open_chapter(context, served_site)
    right, wrong = _right_and_wrong(0)
    _answer(page, 0, [right])
    _answer(page, 1, [_right_and_wrong(1)[1]])
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert stored[f"{CHAPTER}/{load_quizzes()[CHAPTER].questions[0].id}"]["ok"] is True
    # Another visit: the choices and their feedback are back, without a click.
    page.reload()
    _reach_questions(page)
    question = _question(page)
    assert question.locator(f"input[value='{right}']").is_checked()
    assert question.locator(".quiz__feedback").inner_text().startswith("Right.")
    assert _question(page, 1).locator(".quiz__feedback").inner_text().startswith("Not quite.")
    assert "You answered 1 of" in page.locator(".quiz__score").inner_text()
    # Another chapter's questions are untouched by this one's answers.
    other = next(c for c in _chapters() if c != CHAPTER)
    page.goto(f"{served_site}/{other}/")
    _reach_questions(page)
    assert page.locator(".quiz__feedback:not(:empty)").count() == 0
    page.goto(f"{served_site}/{CHAPTER}/")
    _reach_questions(page)
    page.locator(".quiz__reset").click()
    assert page.locator(".quiz input:checked").count() == 0
    assert page.locator(".quiz__feedback:not(:empty)").count() == 0
    assert "reset" in page.locator(".quiz__score").inner_text()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") or "{}")
    assert not [k for k in stored if k.startswith(f"{CHAPTER}/")]
    page.reload()
    _reach_questions(page)
    assert page.locator(".quiz input:checked").count() == 0
    context.close()


@pytest.mark.parametrize("stored", ["{not json", "[1, 2]", "blocked"])
def test_quiz_works_when_storage_is_garbled_or_blocked(browser, served_site, stored):
    context = context_with_storage(browser, STORAGE_KEY, stored)
    page = context.new_page()
    errors = page_errors(page)
    page.goto(f"{served_site}/{CHAPTER}/")
    _reach_questions(page)
    right, _ = _right_and_wrong(0)
    assert _answer(page, 0, [right]).startswith("Right.")
    assert not errors
    context.close()


def test_a_stored_answer_to_an_older_wording_is_not_shown(browser, served_site):
    data = load_quizzes()[CHAPTER].questions[0]
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem('{STORAGE_KEY}', "
                            f"JSON.stringify({{'{CHAPTER}/{data.id}': {{v: 'old', c: [0], ok: true}}}}));")
    page = _open_chapter(context, served_site)
    assert page.locator(".quiz input:checked").count() == 0
    context.close()


def test_keyboard_alone_answers_a_question(browser, served_site):
    context = browser.new_context()
    page = _open_chapter(context, served_site)
    right, _ = _right_and_wrong(0)
    first = _question(page).locator(".quiz__choices input").first
    first.focus()
    page.keyboard.press("Space")  # the focused radio is chosen
    for _ in range(right):
        page.keyboard.press("ArrowDown")  # arrows move through a radio group and choose
    assert _question(page).locator(f"input[value='{right}']").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('quiz__check')")
    page.keyboard.press("Enter")
    _question(page).locator(".quiz__verdict").wait_for()
    assert _question(page).locator(".quiz__feedback").inner_text().startswith("Right.")
    # The disclosure and the link are reachable too.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName + ' ' + (document.activeElement.className || '')")
    assert focused.startswith(("A", "SUMMARY")), focused
    page.locator(".quiz__reset").focus()
    page.keyboard.press("Enter")
    assert page.locator(".quiz input:checked").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_answered_questions(browser, served_site, scheme):
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (dev.py test does)")
    context = browser.new_context(color_scheme=scheme)
    page = _open_chapter(context, served_site)
    page.emulate_media(color_scheme=scheme)
    right, wrong = _right_and_wrong(0)
    _answer(page, 0, [right])
    _answer(page, 1, [_right_and_wrong(1)[1]])
    _question(page, 2).locator("summary").click()
    page.locator(".quiz").scroll_into_view_if_needed()
    violations = _axe(page)
    context.close()
    assert not violations, f"{scheme}: {violations}"


def test_printed_questions_show_their_answers(browser, served_site, html_pages):
    # The printable questions page: each chapter's questions, every answer in an answer key at
    # the end, and each question links to its answer there.
    soup = html_pages["print_questions/index.html"]
    expected = sum(len(q.questions) for q in load_quizzes().values() if q.chapter in _chapters())
    assert len(soup.select(".quiz__question")) == expected
    assert not soup.select(".quiz__question details.quiz__answer"), "answers wait for the answer key"
    key = soup.select("section.print-page")[-1]
    assert key["id"] == "answer-key" and key.find("h1").get_text(strip=True) == "Answer key"
    entries = key.select(".quiz-answer-key__entry")
    assert len(entries) == expected
    assert all(e.select_one(".quiz__key") and e.select(".quiz__why li") for e in entries)
    pointers = [a["href"] for a in soup.select(".quiz__question .quiz-answer-key__pointer a")]
    assert pointers == [f"#{e['id']}" for e in entries]
    # Printing a chapter: answers show, buttons and feedback do not.
    context = browser.new_context()
    page = _open_chapter(context, served_site)
    page.emulate_media(media="print")
    key = _question(page).locator(".quiz__key")
    assert key.evaluate("e => e.checkVisibility()") and key.bounding_box()["height"] > 0
    assert not _question(page).locator(".quiz__check").is_visible()
    assert not page.locator(".quiz__progress").is_visible()
    page.emulate_media(media="screen")
    assert not key.is_visible()
    # And on the printable questions page itself, in print.
    page.goto(f"{served_site}/print_questions/")
    page.emulate_media(media="print")
    assert page.locator("#answer-key .quiz__key").first.is_visible()
    assert page.locator(".quiz__question .quiz-answer-key__pointer").first.is_visible()
    context.close()
