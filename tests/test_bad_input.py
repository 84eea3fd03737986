"""Bad input fails the build with one readable line naming the file and the entry or line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mkdocs_build, problem_lines
from sitekit.catalog import load_catalog

GOOD_ENTRY = """\
- id: zz-version
  command: docker system events
  summary: Show how much disk space Docker uses.
  chapter: cheat-sheet
  topic: setup
"""


def _fails_with_one_line(project: Path, tmp_path: Path, *expected: str) -> str:
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in output, output[-3000:]
    problems = problem_lines(result)
    assert len(problems) == 1, "\n".join(problems) or output[-3000:]
    for text in expected:
        assert text in problems[0], problems[0]
    return problems[0]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (GOOD_ENTRY + "  flags: [unclosed\n", ("assets/commands/zz-bad.yaml:", "YAML syntax error")),
        (GOOD_ENTRY.replace("  summary: Show how much disk space Docker uses.\n", ""),
         ("assets/commands/zz-bad.yaml:1", "entry 'zz-version'", "missing field 'summary'")),
        (GOOD_ENTRY.replace("chapter: cheat-sheet", "chapter: no-such-chapter"),
         ("assets/commands/zz-bad.yaml:1", "entry 'zz-version'", "unknown chapter 'no-such-chapter'")),
        (GOOD_ENTRY + GOOD_ENTRY.replace("docker system events", "docker system info"),
         ("assets/commands/zz-bad.yaml:6", "entry 'zz-version'", "duplicate id", "zz-bad.yaml:1")),
        (GOOD_ENTRY + GOOD_ENTRY.replace("zz-version", "zz-again"),
         ("assets/commands/zz-bad.yaml:6", "entry 'zz-again'", "same command as entry 'zz-version'")),
        (GOOD_ENTRY.replace("topic: setup", "topic: gardening"),
         ("entry 'zz-version'", "unknown topic 'gardening'")),
        (GOOD_ENTRY.replace("docker system events", "docker sytem events"),
         ("entry 'zz-version'", "unknown command 'sytem'")),
        (GOOD_ENTRY.replace("docker system events", "docker container run --rm hello-world"),
         ("entry 'zz-version'", "flag '--rm' is used but not explained")),
        (GOOD_ENTRY + "  colour: blue\n", ("entry 'zz-version'", "unknown field 'colour'")),
        ("id: not-a-list\n", ("assets/commands/zz-bad.yaml:1", "expected a list")),
        (GOOD_ENTRY + "  stdin: echo a | tr a b\n", ("entry 'zz-version'", "stdin")),
    ],
    ids=["yaml-syntax", "missing-field", "unknown-chapter", "duplicate-id", "duplicate-command", "unknown-topic",
         "unknown-subcommand", "unexplained-flag", "unknown-field", "not-a-list", "stdin-with-a-pipe"],
)
def test_malformed_catalog_entry(project_copy, tmp_path, content, expected):
    (project_copy / "assets" / "commands" / "zz-bad.yaml").write_text(content, encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, *expected)


@pytest.mark.parametrize(
    ("page_text", "expected"),
    [
        ('\n{@ command("no-such-command") @}\n', ("docs/cheat-sheet.md:", "unknown command id 'no-such-command'")),
        ('\n{@ comand("version") @}\n', ("docs/cheat-sheet.md:", "unknown macro 'comand'")),
        ('\n{@ diagram("no-such-diagram") @}\n', ("docs/cheat-sheet.md:", "unknown diagram 'no-such-diagram'")),
        ('\n{@ command_table(chapter="nowhere") @}\n', ("docs/cheat-sheet.md:", "unknown chapter 'nowhere'")),
        ('\n{@ command("version" @}\n', ("docs/cheat-sheet.md:", "macro syntax error")),
        ('\n```python\n--8<-- "examples/no-such-file.py"\n```\n',
         ("docs/cheat-sheet.md:", "snippet file 'examples/no-such-file.py' not found")),
        ('\n```python\n--8<-- "examples/counter/app.py:no-such-section"\n```\n',
         ("docs/cheat-sheet.md:", "snippet section 'no-such-section'")),
        ("\nSee [the missing page](no-such-page.md).\n", ("cheat-sheet.md", "no-such-page.md")),
        ("\nSee [a missing section](#no-such-anchor).\n", ("cheat-sheet.md", "#no-such-anchor")),
        ("\nSee [a missing section elsewhere](glossary.md#no-such-anchor).\n",
         ("cheat-sheet.md", "glossary.md#no-such-anchor")),
    ],
    ids=["unknown-command-id", "unknown-macro", "unknown-diagram", "unknown-chapter-in-table",
         "macro-syntax", "missing-snippet-file", "missing-snippet-section", "broken-link",
         "broken-anchor", "broken-anchor-other-page"],
)
def test_bad_page_content(project_copy, tmp_path, page_text, expected):
    _append(project_copy / "docs" / "cheat-sheet.md", page_text)
    _fails_with_one_line(project_copy, tmp_path, *expected)


def test_errors_name_the_line_of_the_page(project_copy, tmp_path):
    page = project_copy / "docs" / "cheat-sheet.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join(lines[:-1] + ['{@ command("version" @}', lines[-1]]) + "\n", encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, f"docs/cheat-sheet.md:{len(lines)}:", "macro syntax error")


def test_page_without_description(project_copy, tmp_path):
    page = project_copy / "docs" / "glossary.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description:", "summary:", 1), encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, "docs/glossary.md", "description")


def test_page_missing_from_navigation(project_copy, tmp_path):
    (project_copy / "docs" / "orphan.md").write_text("---\ndescription: x\n---\n# Orphan\n", encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, "orphan.md")


def test_diagram_with_a_hard_coded_colour(project_copy, tmp_path):
    bad = project_copy / "assets" / "diagrams" / "zz-bad.svg"
    bad.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title><desc>d</desc>'
        '<rect width="5" height="5" fill="#ff0000"/></svg>\n', encoding="utf-8")
    _append(project_copy / "docs" / "cheat-sheet.md", '\n{@ diagram("zz-bad") @}\n')
    _fails_with_one_line(project_copy, tmp_path, "docs/cheat-sheet.md:", "zz-bad.svg", "fill")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", ("cli-reference.json", "Invalid JSON")),
        ('{"generated_by": "x"}', ("cli-reference.json", "sources", "Field required")),
    ],
    ids=["broken-json", "missing-sources"],
)
def test_broken_cli_reference(project_copy, tmp_path, text, expected):
    (project_copy / "assets" / "cli-reference.json").write_text(text, encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, *expected)


# Any kind of source, anywhere: data, pages, includes, diagrams, examples, theme templates.
@pytest.mark.parametrize(
    ("relative", "content", "expected"),
    [
        ("assets/commands/zz-bad.yaml",
         GOOD_ENTRY.replace("docker system events", 'docker container run "unclosed'),
         ("assets/commands/zz-bad.yaml:1", "entry 'zz-version'", "No closing quotation")),
        ("assets/commands/zz-bad.yaml", GOOD_ENTRY.encode() + b"  notes:\n    - kind: tip\n      text: caf\xe9\n",
         ("assets/commands/zz-bad.yaml:8", "not UTF-8")),
        ("assets/commands/zz-bad.yaml", "- just a string\n", ("assets/commands/zz-bad.yaml:1", "valid dictionary")),
        ("assets/commands/zz-bad.yaml", GOOD_ENTRY + "  notes:\n    - kind: gossip\n      text: x\n",
         ("entry 'zz-version'", "notes.0.kind")),
        ("assets/commands/zz-bad.yaml", GOOD_ENTRY + "  aliases: [docker system info]\n",
         ("entry 'zz-version'", "alias 'docker system info'")),
        ("assets/topics.yaml", "- id: setup\n  titel: Set-up\n", ("assets/topics.yaml:1", "missing field 'title'")),
        ("docs/glossary.md", "---\ndescription: [unclosed\n---\n# Glossary\n",
         ("docs/glossary.md:1", "front matter is not valid YAML")),
        ("docs/glossary.md", b"---\ndescription: d\n---\n# Glossary caf\xe9\n", ("docs/glossary.md:4", "not UTF-8")),
        ("includes/abbreviations.md", "*[API]: Application programming interface.\n*[]: nothing\n",
         ("includes/abbreviations.md:2", "not an abbreviation")),
        ("assets/diagrams/architecture.svg", b"\xff\xfe<svg", ("assets/diagrams/architecture.svg:1", "not UTF-8")),
        ("examples/counter/app.py", b"# caf\xe9\n", ("examples/counter/app.py:1", "not UTF-8")),
        ("overrides/partials/copyright.html", "<div>\n{% if %}\n</div>\n",
         ("overrides/partials/copyright.html:2", "template syntax error")),
    ],
    ids=["unclosed-quote", "catalog-not-utf8", "entry-not-a-mapping", "unknown-note-kind", "alias-of-another-command",
         "topic-missing-title", "front-matter-not-yaml", "page-not-utf8", "malformed-abbreviation",
         "diagram-not-utf8", "example-not-utf8", "template-syntax"],
)
def test_broken_source_file(project_copy, tmp_path, relative, content, expected):
    target = project_copy / relative
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, *expected)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('command_table(chapter="networking", topic="networks")', "give exactly one of"),
        ("command()", "missing a required argument: 'command_id'"),
        ('diagram(name="architecture")', "diagram():"),
        ('command_table(ids=["FIRST", "no-such-id"])', "unknown command id 'no-such-id'"),
    ],
    ids=["two-selectors", "missing-argument", "unknown-keyword", "unknown-id-in-list"],
)
def test_bad_macro_arguments(project_copy, tmp_path, call, expected):
    call = call.replace("FIRST", next(iter(load_catalog().commands)))
    _append(project_copy / "docs" / "cheat-sheet.md", f"\n{{@ {call} @}}\n")
    _fails_with_one_line(project_copy, tmp_path, "docs/cheat-sheet.md:", expected)


def _question(qid: str, **changes: str) -> str:
    fields = {
        "question": "What does `docker container ls` list?",
        "section": "'#glossary'",
        "first": "true",
        "second": "false",
        "feedback": "Because.",
    }
    fields.update(changes)
    return (f"- id: {qid}\n  question: \"{fields['question']}\"\n  choices:\n"
            f"    - text: Running containers\n      correct: {fields['first']}\n      feedback: {fields['feedback']}\n"
            f"    - text: Images\n      correct: {fields['second']}\n      feedback: {fields['feedback']}\n"
            f"  explanation: Stopped ones need --all.\n  section: {fields['section']}\n")


def _questions(first: str | None = None, count: int = 3) -> str:
    """Questions for the glossary page (which has none), linking to its one heading."""
    items = [_question(f"q{i}", section="'#glossary'") for i in range(1, count + 1)]
    if first is not None:
        items[0] = first
    return "".join(items)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("glossary", _questions() + "- id: [unclosed\n", ("assets/questions/glossary.yaml:", "YAML syntax error")),
        ("glossary", _questions(_question("q1", section="'#glossary'", second="true")),
         ("assets/questions/glossary.yaml:1", "question 'q1'", "exactly one correct choice, got 2")),
        ("glossary", _questions(_question("q1", section="'#glossary'", first="false")),
         ("assets/questions/glossary.yaml:1", "question 'q1'", "exactly one correct choice, got 0")),
        ("glossary", _questions(_question("q1", section="'#glossary'").replace("      feedback: Because.\n", "", 1)),
         ("assets/questions/glossary.yaml:1", "question 'q1'", "missing field 'choices.0.feedback'")),
        ("glossary", _questions(_question("q1", section="'#no-such-anchor'")),
         ("assets/questions/glossary.yaml:1", "question 'q1'", "no heading or command block", "#no-such-anchor")),
        ("glossary", _questions(_question("q1", section="'networking.md#no-such-anchor'")),
         ("question 'q1'", "docs/networking.md has no heading", "#no-such-anchor")),
        ("glossary", _questions(_question("q1", section="'#glossary'",
                                          question="What does `docker container run --no-such-flag web1` do?")),
         ("assets/questions/glossary.yaml:1", "question 'q1'", "question: 'docker container run --no-such-flag web1'",
          "'--no-such-flag'")),
        ("glossary", _questions(count=2), ("assets/questions/glossary.yaml:1", "3 to 6 questions", "has 2")),
        ("glossary", _questions() + _question("q2", section="'#glossary'"),
         ("assets/questions/glossary.yaml:", "question 'q2'", "duplicate id")),
        ("glossary", _questions(_question("q1", section="'#glossary'", second="true").replace(
            "  choices:", "  multiple: true\n  choices:")),
         ("question 'q1'", "at least one correct and one wrong")),
        ("no-such-chapter", _questions(), ("assets/questions/no-such-chapter.yaml:1", "no chapter docs/no-such-chapter.md")),
    ],
    ids=["yaml-syntax", "two-right-answers", "no-right-answer", "missing-feedback", "unknown-anchor",
         "unknown-anchor-other-page", "invalid-command", "too-few", "duplicate-id", "all-right-in-a-set",
         "unknown-chapter"],
)
def test_malformed_questions(project_copy, tmp_path, name, content, expected):
    (project_copy / "assets" / "questions" / f"{name}.yaml").write_text(content, encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, *expected)


def test_questions_macro_on_a_chapter_without_questions(project_copy, tmp_path):
    _append(project_copy / "docs" / "glossary.md", "\n{@ questions() @}\n")
    _fails_with_one_line(project_copy, tmp_path, "docs/glossary.md:", "no questions for 'glossary'",
                         "assets/questions/glossary.yaml")


# --- troubleshooting entries (assets/troubleshooting.yaml, assets/docker-error-strings.tsv) ---

TROUBLESHOOTING_ENTRY = """
  - id: zz-full-disk
    title: A full disk
    group: disk-space
    when: Anything that writes.
    messages:
      - text: "no space left on device"
        origin: kernel
    cause: The disk is full.
    fix: Remove what you no longer need.
    see:
      - page: disk-usage
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda text: text + "  - id: [unclosed\n", ("assets/troubleshooting.yaml:", "YAML syntax error")),
        (lambda text: text.replace("Bind for 0.0.0.0:5000 failed: port is already allocated",
                                   "Bind for 0.0.0.0:5000 failed: port is allocated"),
         ("assets/troubleshooting.yaml:", "entry 'port-already-allocated'", "message 1",
          "not what Docker's format strings print")),
        (lambda text: text.replace("- daemon/errors.go:63", "- daemon/errors.go:64"),
         ("entry 'container-name-in-use'", "format string 'daemon/errors.go:64' is not in assets/docker-error-strings.tsv")),
        (lambda text: text + TROUBLESHOOTING_ENTRY.replace("    cause: The disk is full.\n", ""),
         ("assets/troubleshooting.yaml:", "entry 'zz-full-disk'", "missing field 'cause'")),
        (lambda text: text + TROUBLESHOOTING_ENTRY.replace("group: disk-space", "group: gardening"),
         ("entry 'zz-full-disk'", "unknown group 'gardening'")),
        (lambda text: text + TROUBLESHOOTING_ENTRY.replace("page: disk-usage", "page: no-such-page"),
         ("entry 'zz-full-disk'", "no docs/no-such-page.md")),
        (lambda text: text + TROUBLESHOOTING_ENTRY + "    commands: [no-such-command]\n",
         ("entry 'zz-full-disk'", "unknown command id 'no-such-command'")),
        (lambda text: text + TROUBLESHOOTING_ENTRY.replace("zz-full-disk", "no-space-left"),
         ("entry 'no-space-left'", "duplicate id")),
        (lambda text: text + TROUBLESHOOTING_ENTRY.replace("origin: kernel", "origin: kernel\n        formats: [client/errors.go:40]"),
         ("entry 'zz-full-disk'", "cannot name Docker's format strings")),
        (lambda text: text + TROUBLESHOOTING_ENTRY.replace("origin: kernel", "origin: docker"),
         ("entry 'zz-full-disk'", "needs 'formats'")),
        (lambda text: text + TROUBLESHOOTING_ENTRY + "    colour: blue\n",
         ("entry 'zz-full-disk'", "unknown field 'colour'")),
    ],
    ids=["yaml-syntax", "message-not-docker-wording", "unknown-format-string", "missing-field", "unknown-group",
         "unknown-page", "unknown-command", "duplicate-id", "kernel-message-with-formats", "docker-message-without-formats",
         "unknown-field"],
)
def test_malformed_troubleshooting_entry(project_copy, tmp_path, change, expected):
    path = project_copy / "assets" / "troubleshooting.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, *expected)


def test_malformed_error_strings_row(project_copy, tmp_path):
    path = project_copy / "assets" / "docker-error-strings.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "moby/moby@docker-v29.7.2\tdaemon/only-two-columns.go:1"]) + "\n",
                    encoding="utf-8")
    _fails_with_one_line(project_copy, tmp_path, f"assets/docker-error-strings.tsv:{len(lines) + 1}",
                         "expected 3 tab-separated columns")
