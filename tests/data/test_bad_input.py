"""Bad input fails the build with one readable line naming the file and the entry or line.

Each case is proven in-process, on a copy of the project's sources, by the code the build runs
at that step (sitekit/project.py hands every loader the copy's files): the data loaders behind
the macros, a page's macro calls, the site's Markdown extension, the source-file checks of the
hooks. A handful of real `mkdocs build --strict` runs, one per route an error takes to the
reader (a macro's check, the Markdown extension, a hook, a YAML data file, a theme template,
MkDocs' own link and navigation checks), prove that each route ends in that one line and
never in a traceback; tests/pages/test_zensical.py does the same for Zensical.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import jinja2
import markdown as python_markdown
import pytest
from mkdocs.utils.meta import get_data

from conftest import mkdocs_build, problem_lines
from sitekit.catalog import load_catalog
from sitekit.data_files import DataFileError, read_text
from sitekit.docker_versions import page_values
from sitekit.hooks.source_files import check_templates, check_text_files
from sitekit.markdown_extension import PageProblem, PageSource, SiteExtension, current_page
from sitekit.project import Project, copy_project, read_mkdocs_config
from sitekit.site_macros import MacroError, PageInBuild, macros_for, page_problem

GOOD_ENTRY = """\
- id: zz-version
  command: docker system events
  summary: Show how much disk space Docker uses.
  chapter: cheat-sheet
  topic: setup
"""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of what the build reads (data, pages, includes, examples, templates) to break."""
    return Project(copy_project(tmp_path / "project", ["assets", "docs", "includes", "examples", "overrides"]))


def _write(project: Project, relative: str, content: str | bytes) -> None:
    target = project.root / relative
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def _append(project: Project, relative: str, text: str) -> None:
    path = project.root / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _one_line(problem: str | None, *expected: str) -> str:
    assert problem, "the bad input was accepted"
    assert "\n" not in problem and "Traceback" not in problem, problem
    for text in expected:
        assert text in problem, problem
    return problem


# --- the steps of the build, in-process -------------------------------------------------------

def _read_page(project: Project) -> Callable[[str], str | None]:
    def read(stem: str) -> str | None:
        path = project.docs / f"{stem}.md"
        return read_text(path, project) if path.is_file() else None
    return read


def data_problem(project: Project) -> str | None:
    """What macros.py's define_env says when it loads the data: catalog, CLI reference, questions,
    troubleshooting entries (a MacroError, which the build reports as it is)."""
    try:
        macros_for(project, lambda: PageInBuild(chapter=None, meta={}), _read_page(project))
    except MacroError as error:
        return str(error)
    return None


def _macro_environment() -> jinja2.Environment:
    """A Jinja environment with the macros plugin's delimiters, as mkdocs.yml sets them."""
    settings = read_mkdocs_config()["plugins"]["macros"]
    return jinja2.Environment(**{key.removeprefix("j2_"): value for key, value in settings.items()
                                 if key.startswith("j2_")})


def page_problem_in_process(project: Project, stem: str) -> str | None:
    """What the build says about one page: the source-file check (hook), its macro calls
    (macros.py's on_pre_page_macros), then the site's Markdown extension with snippets (step 3)."""
    try:
        check_text_files(project, project.pages())
    except DataFileError as error:
        return str(error)
    source = read_text(project.docs / f"{stem}.md", project)
    markdown, meta = get_data(source)  # as MkDocs splits off the front matter
    macros = macros_for(project, lambda: PageInBuild(chapter=stem, meta={}), _read_page(project))
    problem = page_problem(_macro_environment(), f"docs/{stem}.md", source, markdown, macros, set(macros))
    if problem:
        return problem
    token = current_page.set(PageSource(path=f"{stem}.md", source=project.docs / f"{stem}.md", meta=meta,
                                        project=project.root))
    try:
        python_markdown.Markdown(
            extensions=[SiteExtension(), "pymdownx.snippets"],
            extension_configs={"pymdownx.snippets": {"base_path": [str(project.root)], "check_paths": True}},
        ).convert(markdown)
    except PageProblem as error:
        return str(error)
    finally:
        current_page.reset(token)
    return None


# --- the command catalog and topics -----------------------------------------------------------

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
        (GOOD_ENTRY.replace("docker system events", 'docker container run "unclosed'),
         ("assets/commands/zz-bad.yaml:1", "entry 'zz-version'", "No closing quotation")),
        (GOOD_ENTRY.encode() + b"  notes:\n    - kind: tip\n      text: caf\xe9\n",
         ("assets/commands/zz-bad.yaml:8", "not UTF-8")),
        ("- just a string\n", ("assets/commands/zz-bad.yaml:1", "valid dictionary")),
        (GOOD_ENTRY + "  notes:\n    - kind: gossip\n      text: x\n", ("entry 'zz-version'", "notes.0.kind")),
        (GOOD_ENTRY + "  aliases: [docker system info]\n", ("entry 'zz-version'", "alias 'docker system info'")),
        (GOOD_ENTRY + "  stdin: echo a | tr a b\n", ("entry 'zz-version'", "stdin")),
    ],
    ids=["yaml-syntax", "missing-field", "unknown-chapter", "duplicate-id", "duplicate-command", "unknown-topic",
         "unknown-subcommand", "unexplained-flag", "unknown-field", "not-a-list", "unclosed-quote", "not-utf8",
         "entry-not-a-mapping", "unknown-note-kind", "alias-of-another-command", "stdin-with-a-pipe"],
)
def test_malformed_catalog_entry(project, content, expected):
    _write(project, "assets/commands/zz-bad.yaml", content)
    _one_line(data_problem(project), *expected)


def test_topic_without_a_title(project):
    _write(project, "assets/topics.yaml", "- id: setup\n  titel: Set-up\n")
    _one_line(data_problem(project), "assets/topics.yaml:1", "missing field 'title'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", ("cli-reference.json", "Invalid JSON")),
        ('{"generated_by": "x"}', ("cli-reference.json", "sources", "Field required")),
    ],
    ids=["broken-json", "missing-sources"],
)
def test_broken_cli_reference(project, text, expected):
    _write(project, "assets/cli-reference.json", text)
    _one_line(data_problem(project), *expected)


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("assets/topics.yaml", ("assets/topics.yaml", "cannot read it")),
        ("assets/cli-reference.json", ("assets/cli-reference.json", "cannot read the CLI reference",
                                       "scripts/update_cli_reference.py")),
        ("assets/troubleshooting.yaml", ("assets/troubleshooting.yaml", "cannot read it")),
    ],
    ids=["topics", "cli-reference", "troubleshooting"],
)
def test_a_missing_data_file(project, relative, expected):
    (project.root / relative).unlink()
    assert _one_line(data_problem(project), *expected).startswith(relative), "named from the project's root"


def test_missing_or_broken_docker_facts(project):
    """The release facts behind `{@ versions.* @}` (macros.py reads them in define_env)."""
    path = project.assets / "docker-versions.json"
    path.unlink()
    with pytest.raises(DataFileError) as caught:
        page_values(path)
    assert _one_line(str(caught.value), "cannot read it", "scripts.docker_facts").startswith(
        "assets/docker-versions.json: "), "named from the project's root"
    path.write_text('{"generated_by": "x"}', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        page_values(path)
    _one_line(str(caught.value), "assets/docker-versions.json: cli: Field required")


# --- pages: macro calls, snippets, front matter ------------------------------------------------

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
        ('\n{@ command_table(chapter="networking", topic="networks") @}\n', ("docs/cheat-sheet.md:", "give exactly one of")),
        ("\n{@ command() @}\n", ("docs/cheat-sheet.md:", "missing a required argument: 'command_id'")),
        ('\n{@ diagram(name="architecture") @}\n', ("docs/cheat-sheet.md:", "diagram():")),
        (f'\n{{@ command_table(ids=["{next(iter(load_catalog().commands))}", "no-such-id"]) @}}\n',
         ("docs/cheat-sheet.md:", "unknown command id 'no-such-id'")),
    ],
    ids=["unknown-command-id", "unknown-macro", "unknown-diagram", "unknown-chapter-in-table",
         "macro-syntax", "missing-snippet-file", "missing-snippet-section", "two-selectors", "missing-argument",
         "unknown-keyword", "unknown-id-in-list"],
)
def test_bad_page_content(project, page_text, expected):
    _append(project, "docs/cheat-sheet.md", page_text)
    _one_line(page_problem_in_process(project, "cheat-sheet"), *expected)


@pytest.mark.parametrize(
    "fence", ["```bash\ndocker container ls\n", "````markdown\n```bash\ndocker version\n```\n", "~~~text\nx\n```\n"],
    ids=["backticks", "longer-fence-holding-a-short-one", "tildes-closed-by-backticks"],
)
def test_a_code_block_that_never_closes(project, fence):
    """Python-Markdown shows an unclosed fence as text, and the rest of the page with it."""
    page = project.docs / "running-containers.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    while lines[middle].strip():  # between two paragraphs, not inside a block
        middle += 1
    page.write_text("\n".join(lines[:middle] + ["", *fence.splitlines(), ""] + lines[middle:]) + "\n", encoding="utf-8")
    _one_line(page_problem_in_process(project, "running-containers"), f"docs/running-containers.md:{middle + 2}:",
              "never closes")


def test_errors_name_the_line_of_the_page(project):
    page = project.docs / "cheat-sheet.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join(lines[:-1] + ['{@ command("version" @}', lines[-1]]) + "\n", encoding="utf-8")
    _one_line(page_problem_in_process(project, "cheat-sheet"), f"docs/cheat-sheet.md:{len(lines)}:",
              "macro syntax error")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("---\nsummary: d\n---\n# Glossary\n", ("docs/glossary.md:1", "no 'description:'")),
        ("---\ndescription: [unclosed\n---\n# Glossary\n", ("docs/glossary.md:1", "front matter is not valid YAML")),
        ("---\ndescription: [one, two]\n---\n# Glossary\n", ("docs/glossary.md:1", "one sentence of text, not a list")),
    ],
    ids=["no-description", "front-matter-not-yaml", "description-not-text"],
)
def test_bad_front_matter(project, content, expected):
    _write(project, "docs/glossary.md", content)
    _one_line(page_problem_in_process(project, "glossary"), *expected)


def test_diagram_with_a_hard_coded_colour(project):
    _write(project, "assets/diagrams/zz-bad.svg",
           '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title><desc>d</desc>'
           '<rect width="5" height="5" fill="#ff0000"/></svg>\n')
    _append(project, "docs/cheat-sheet.md", '\n{@ diagram("zz-bad") @}\n')
    _one_line(page_problem_in_process(project, "cheat-sheet"), "docs/cheat-sheet.md:", "zz-bad.svg", "fill")


def test_malformed_abbreviation(project):
    _write(project, "includes/abbreviations.md", "*[API]: Application programming interface.\n*[]: nothing\n")
    _one_line(page_problem_in_process(project, "glossary"), "includes/abbreviations.md:2", "not an abbreviation")


# --- files that are not text, templates that do not parse --------------------------------------

@pytest.mark.parametrize(
    ("relative", "content", "expected"),
    [
        ("docs/glossary.md", b"---\ndescription: d\n---\n# Glossary caf\xe9\n", ("docs/glossary.md:4", "not UTF-8")),
        ("assets/diagrams/architecture.svg", b"\xff\xfe<svg", ("assets/diagrams/architecture.svg:1", "not UTF-8")),
        ("examples/counter/app.py", b"# caf\xe9\n", ("examples/counter/app.py:1", "not UTF-8")),
        ("assets/questions/running-containers.yaml", b"- id: caf\xe9\n",
         ("assets/questions/running-containers.yaml:1", "not UTF-8")),
    ],
    ids=["page", "diagram", "example", "questions"],
)
def test_file_that_is_not_utf8(project, relative, content, expected):
    _write(project, relative, content)
    _one_line(page_problem_in_process(project, "index"), *expected)


def test_theme_template_with_a_syntax_error(project):
    _write(project, "overrides/partials/copyright.html", "<div>\n{% if %}\n</div>\n")
    with pytest.raises(DataFileError) as error:
        check_templates(jinja2.Environment(), project.root / "overrides", project)
    _one_line(str(error.value), "overrides/partials/copyright.html:2", "template syntax error")


# --- questions ---------------------------------------------------------------------------------

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
    ids=["yaml-syntax", "two-right-answers", "no-right-answer", "missing-feedback", "invalid-command", "too-few",
         "duplicate-id", "all-right-in-a-set", "unknown-chapter"],
)
def test_malformed_questions(project, name, content, expected):
    _write(project, f"assets/questions/{name}.yaml", content)
    _one_line(data_problem(project), *expected)


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("'#no-such-anchor'", ("assets/questions/glossary.yaml:1", "question 'q1'", "no heading or command block",
                               "#no-such-anchor")),
        ("'networking.md#no-such-anchor'", ("question 'q1'", "docs/networking.md has no heading", "#no-such-anchor")),
    ],
    ids=["unknown-anchor", "unknown-anchor-other-page"],
)
def test_question_linking_to_a_missing_section(project, section, expected):
    """Sections are checked against the pages as the build read them, when the first chapter
    shows its questions: the line names the question file, not that chapter."""
    _write(project, "assets/questions/glossary.yaml", _questions(_question("q1", section=section)))
    problem = _one_line(page_problem_in_process(project, "running-containers"), *expected)
    assert not problem.startswith("docs/"), problem


def test_questions_macro_on_a_chapter_without_questions(project):
    _append(project, "docs/glossary.md", "\n{@ questions() @}\n")
    _one_line(page_problem_in_process(project, "glossary"), "docs/glossary.md:", "no questions for 'glossary'",
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
        (lambda text: "- just a list\n", ("assets/troubleshooting.yaml:1", "expected a mapping with 'groups'")),
    ],
    ids=["yaml-syntax", "message-not-docker-wording", "unknown-format-string", "missing-field", "unknown-group",
         "unknown-page", "unknown-command", "duplicate-id", "kernel-message-with-formats", "docker-message-without-formats",
         "unknown-field", "not-a-mapping"],
)
def test_malformed_troubleshooting_entry(project, change, expected):
    path = project.troubleshooting
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    _one_line(data_problem(project), *expected)


def test_malformed_error_strings_row(project):
    path = project.error_strings
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "moby/moby@docker-v29.7.2\tdaemon/only-two-columns.go:1"]) + "\n",
                    encoding="utf-8")
    _one_line(data_problem(project), f"assets/docker-error-strings.tsv:{len(lines) + 1}",
              "expected 3 tab-separated columns")


def test_troubleshooting_is_read_again_when_its_file_changes(project):
    """Loaded once per version of its files (the macros, the search index and the Explain data
    all read it on every `mkdocs serve` rebuild): an edit is seen at once."""
    from sitekit.troubleshooting import load_troubleshooting

    assert load_troubleshooting(project) is load_troubleshooting(project)
    path = project.troubleshooting
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    _one_line(data_problem(project), "assets/troubleshooting.yaml:", "YAML syntax error")


def test_the_copy_builds_clean(project):
    """The in-process routes accept the project as it is: each case above fails for its change."""
    assert data_problem(project) is None
    for stem in ("cheat-sheet", "glossary", "running-containers", "index"):
        assert page_problem_in_process(project, stem) is None, stem


# --- one real build per route, each ending in one line ----------------------------------------

def _unclosed_catalog_yaml(root: Path) -> None:
    (root / "assets" / "commands" / "zz-bad.yaml").write_text(GOOD_ENTRY + "  flags: [unclosed\n", encoding="utf-8")


def _unknown_command_on_a_page(root: Path) -> None:
    page = root / "docs" / "cheat-sheet.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{@ command("no-such-command") @}\n', encoding="utf-8")


def _page_without_description(root: Path) -> None:
    page = root / "docs" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description:", "summary:", 1), encoding="utf-8")


def _taught_page_not_utf8(root: Path) -> None:
    # Questions link to sections of this page: the build must not read it before checking it.
    page = root / "docs" / "running-containers.md"
    page.write_bytes(page.read_bytes() + b"\ncaf\xe9\n")


def _template_syntax_error(root: Path) -> None:
    (root / "overrides" / "partials" / "copyright.html").write_text("<div>\n{% if %}\n</div>\n", encoding="utf-8")


def _links_and_navigation(root: Path) -> None:
    page = root / "docs" / "cheat-sheet.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the missing page](no-such-page.md), "
                    "[a missing section](#no-such-anchor) and [one elsewhere](glossary.md#no-such-anchor).\n",
                    encoding="utf-8")
    (root / "docs" / "orphan.md").write_text("---\ndescription: x\n---\n# Orphan\n", encoding="utf-8")
    # A chapter taken out of the navigation keeps its commands and questions: the hooks that read
    # the navigation (search entries, commands.json) leave it out instead of failing on it.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      - architecture.md\n", "", 1), encoding="utf-8")


# route: (break the copy, what each problem line says; one line per problem)
BUILDS: dict[str, tuple[Callable[[Path], None], list[tuple[str, ...]]]] = {
    "yaml-data": (_unclosed_catalog_yaml, [("assets/commands/zz-bad.yaml:", "YAML syntax error")]),
    "macro-check": (_unknown_command_on_a_page, [("docs/cheat-sheet.md:", "unknown command id 'no-such-command'")]),
    "markdown-extension": (_page_without_description, [("docs/glossary.md:1", "no 'description:'")]),
    "hook": (_taught_page_not_utf8, [("docs/running-containers.md:", "not UTF-8")]),
    "theme-template": (_template_syntax_error, [("overrides/partials/copyright.html:2", "template syntax error")]),
    "mkdocs-validation": (_links_and_navigation, [("cheat-sheet.md", "no-such-page.md"),
                                                  ("cheat-sheet.md", "link '#no-such-anchor'"),
                                                  ("cheat-sheet.md", "glossary.md#no-such-anchor"),
                                                  ("orphan.md", "architecture.md")]),
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    """Every route's build, two at a time (the machine has two cores; each is one process)."""
    def run(route: str):
        folder = tmp_path_factory.mktemp(route)
        root = copy_project(folder / "project")
        BUILDS[route][0](root)
        return mkdocs_build(root, folder / "site")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(BUILDS, pool.map(run, BUILDS)))


@pytest.mark.parametrize("route", BUILDS)
def test_a_real_build_ends_in_one_line_per_problem(builds, route):
    result = builds[route]
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in output, output[-3000:]
    problems = problem_lines(result)
    expected = BUILDS[route][1]
    assert len(problems) == len(expected), "\n".join(problems) or output[-3000:]
    for texts in expected:
        assert sum(all(text in line for text in texts) for line in problems) == 1, (texts, problems)
