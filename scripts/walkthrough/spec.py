"""How the walkthrough runs the chapters' commands on a real Docker Engine, and what must hold after.

Two kinds of data, both validated here with pydantic:

- the `walkthrough:` field of a catalog entry (assets/commands/*.yaml, model `Run`): how that command
  runs wherever a page shows it (runs, only illustrates, is expected to fail, keeps the terminal) and
  what must hold afterwards;
- assets/walkthrough.yaml (model `Walkthrough`): for every chapter, its code blocks in page order and
  what the reader does between them (opens a page, presses Ctrl+C, edits a file), plus the known
  differences between a run on stand-in images and the real images' output.

The harness (scripts/walkthrough/) reads the commands themselves from the built pages, so it runs
exactly what a reader copies; this data only says how to run them and what to check.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

ROOT = Path(__file__).resolve().parent.parent
WALKTHROUGH_FILE = ROOT / "assets" / "walkthrough.yaml"

# What a run may lack: Docker Hub (pulls, search, the real images) and the Compose plugin.
Capability = Literal["docker-hub", "compose"]
Key = Literal["ctrl-c", "ctrl-d", "enter"]


class WalkthroughError(Exception):
    """Bad walkthrough data. str() is one line naming the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"'{value}' is not a regular expression: {error}") from None
    return value


class Interaction(_Strict):
    """One move in a scripted terminal dialogue: wait for text, type a line, or press keys."""

    expect: str | None = None
    send: str | None = None
    keys: Key | None = None

    _check_expect = field_validator("expect")(classmethod(lambda cls, v: _regex(v)))

    @model_validator(mode="after")
    def _one(self):
        if sum(v is not None for v in (self.expect, self.send, self.keys)) != 1:
            raise ValueError("an interaction is exactly one of expect, send or keys")
        return self


class Session(_Strict):
    """A command that holds the terminal: a server in the foreground, a shell, a prompt.

    `prompt` is a regular expression: the command is ready (for input, or for the page to go on)
    when its output matches it. `script` is typed once the prompt shows. With `ends: later` the
    command keeps running while the page goes on, and a later step ends it (a key, a stop command).
    """

    prompt: str | None = None
    script: list[Interaction] = Field(default_factory=list)
    ends: Literal["itself", "later"] = "itself"

    _check_prompt = field_validator("prompt")(classmethod(lambda cls, v: _regex(v)))


class Http(_Strict):
    """A page the reader opens in the browser (`http://localhost:PORT/...`), and what it must show."""

    url: str = Field(pattern=r"^http://localhost:\d+/")
    status: int = 200
    contains: list[str] = Field(default_factory=list)
    lacks: list[str] = Field(default_factory=list)
    # The counter on the page: `first` is 1, `next` is one more than the count seen last (on the
    # page or in redis-cli), `any` is any number. With `reloads`, each reload must count on.
    count: Literal["first", "next", "any"] | None = None
    reloads: int = Field(default=1, ge=1)
    # Keep trying for this many seconds until status and text hold (an app starting, a reconnect).
    retry: float = Field(default=0, ge=0, le=60)
    # The page says it answers at once: seconds one answer may take at most.
    within: float | None = Field(default=None, gt=0)


class Expect(_Strict):
    """What must hold after a step. Container, image, volume and network names are exact."""

    exit: int | None = None  # default: 0, or any non-zero status for `how: fail`
    output: list[str] = Field(default_factory=list)  # text the output must contain
    absent: list[str] = Field(default_factory=list)  # text it must not contain
    browse: list[Http] = Field(default_factory=list)
    within: float | None = Field(default=None, gt=0)  # seconds the command may take at most
    running: list[str] = Field(default_factory=list)
    exactly_running: list[str] | None = None  # these and no other containers run
    stopped: list[str] = Field(default_factory=list)  # exist, not running
    gone: list[str] = Field(default_factory=list)  # no such container
    healthy: list[str] = Field(default_factory=list)  # wait (up to a minute) until healthy
    images: list[str] = Field(default_factory=list)
    no_images: list[str] = Field(default_factory=list)
    volumes: list[str] = Field(default_factory=list)
    no_volumes: list[str] = Field(default_factory=list)
    networks: list[str] = Field(default_factory=list)
    no_networks: list[str] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)  # relative to the reader's working folder
    no_files: list[str] = Field(default_factory=list)
    owned_by_reader: list[str] = Field(default_factory=list)
    # A number in the output that must equal the counter's current value (`count_shown`), or that
    # becomes it (`count_becomes`): one regular expression group each.
    count_shown: str | None = None
    count_becomes: str | None = None

    _check_counts = field_validator("count_shown", "count_becomes")(classmethod(lambda cls, v: _regex(v)))


class Run(_Strict):
    """The catalog's `walkthrough:` field: how the walkthrough runs this command."""

    how: Literal["run", "fail", "illustrate"] = "run"
    why: str | None = None  # required for illustrate, fail and needs
    needs: list[Capability] = Field(default_factory=list)
    session: Session | None = None
    expect: Expect = Field(default_factory=Expect)
    timeout: float = Field(default=120, gt=0, le=1800)
    # A placeholder in the command (CONTAINER) and the shell command whose output replaces it, as
    # the reader would copy the value from an earlier output.
    placeholders: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _why_given(self):
        if (self.how != "run" or self.needs) and not (self.why and self.why.strip()):
            reason = f"how: {self.how}" if self.how != "run" else "needs"
            raise ValueError(f"{reason} needs a 'why' (one sentence the run report shows)")
        if self.how == "illustrate" and (self.session or self.placeholders):
            raise ValueError("an illustrated command does not run: no session or placeholders")
        return self


class Keys(_Strict):
    session: str  # the id of the step that opened it
    send: Key
    exit: int | None = None  # the session ends with this status


class Edit(_Strict):
    """The reader edits a file in the working folder, as the page says."""

    file: str
    replace: str | None = None
    with_: str | None = Field(default=None, alias="with")
    append: str | None = None
    # An open session that reacts to the edit (a reloader), and what it prints when it has.
    session: str | None = None
    wait_for: str | None = None

    _check_wait = field_validator("wait_for")(classmethod(lambda cls, v: _regex(v)))

    @model_validator(mode="after")
    def _one(self):
        if (self.wait_for is None) != (self.session is None):
            raise ValueError("session and wait_for go together")
        if (self.replace is None) != (self.with_ is None) or (self.replace is None) == (self.append is None):
            raise ValueError("an edit is either replace + with, or append")
        return self


class Copy(_Strict):
    """The reader saves a file the page shows (an example file) in the working folder."""

    from_: str = Field(alias="from", pattern=r"^examples/")
    to: str


class Wait(_Strict):
    healthy: list[str] = Field(default_factory=list)
    seconds: float = Field(default=0, ge=0, le=60)


class Step(_Strict):
    """One entry of a chapter: a block of the page, in page order, or something the reader does.

    Blocks: `command` (a catalog command's block), `block` (a plain ```bash or ```python block,
    named by its first line), `output` (a ```text block showing what the step before printed),
    `input` (a ```text block typed into an open session), `text` (a ```text block that is not
    output: the value is why), `file` (a block showing a file: its title).
    Actions: `browse`, `keys`, `edit`, `copy` (save a file the page shows), `type` (a command the
    prose names without a block), `wait`,
    `check` (state the page promises here, such as after its clean-up).
    """

    command: str | None = None
    block: str | None = None
    output: bool | None = None
    input: str | None = None
    text: str | None = None
    file: str | None = None
    browse: Http | None = None
    keys: Keys | None = None
    edit: Edit | None = None
    copy_: Copy | None = Field(default=None, alias="copy")
    type: str | None = None
    wait: Wait | None = None
    check: Expect | None = None

    # For command, block and type: how it runs here, on top of (or instead of) the catalog's spec.
    how: Literal["run", "fail", "illustrate"] | None = None
    why: str | None = None
    needs: list[Capability] = Field(default_factory=list)
    session: Session | None = None
    expect: Expect | None = None
    timeout: float | None = Field(default=None, gt=0, le=1800)
    placeholders: dict[str, str] = Field(default_factory=dict)
    typed_into: str | None = None  # block or input: typed into this open session instead of a shell

    # For output: regular expressions for what legitimately differs in this block (a random name,
    # a count), and `compare: unordered` (lines in any order), `columns` (only the header) or
    # `none` (with why).
    vary: list[str] = Field(default_factory=list)
    compare: Literal["lines", "unordered", "columns", "none"] = "lines"

    KINDS: ClassVar[tuple[str, ...]] = ("command", "block", "output", "input", "text", "file",
             "browse", "keys", "edit", "copy_", "type", "wait", "check")
    BLOCK_KINDS: ClassVar[tuple[str, ...]] = ("command", "block", "output", "input", "text", "file")

    @property
    def kind(self) -> str:
        return next(k for k in self.KINDS if getattr(self, k) is not None)

    @property
    def label(self) -> str:
        value = getattr(self, self.kind)
        if isinstance(value, str):
            return f"{self.kind} {value.splitlines()[0] if value else ''!r}"
        return self.kind

    @field_validator("vary")
    @classmethod
    def _vary(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _regex(pattern)
        return value

    @model_validator(mode="after")
    def _shape(self):
        kinds = [k for k in self.KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(f"a step is exactly one of {', '.join(self.KINDS)} (got {', '.join(kinds) or 'none'})")
        kind = kinds[0]
        runs = kind in ("command", "block", "type")
        if not runs and (self.how or self.session or self.timeout or self.placeholders):
            raise ValueError(f"how, session, timeout and placeholders belong to commands, not to {kind}")
        if self.needs and kind in ("output", "text", "file", "input"):
            raise ValueError(f"needs belongs to commands and actions, not to {kind}")
        if self.expect is not None and kind not in ("command", "block", "type", "input"):
            raise ValueError(f"expect belongs to commands and input, not to {kind}; use check")
        if self.typed_into and kind not in ("block", "input"):
            raise ValueError("typed_into belongs to block and input")
        if kind == "input" and not self.input:
            raise ValueError("input names the session it is typed into")
        if (self.vary or self.compare != "lines") and kind != "output":
            raise ValueError("vary and compare belong to output")
        if self.compare == "none" and not self.why:
            raise ValueError("compare: none needs a 'why'")
        if kind == "output" and self.output is not True:
            raise ValueError("write output: true")
        if runs and self.how in ("illustrate", "fail") and not self.why:
            raise ValueError(f"how: {self.how} needs a 'why'")
        if self.needs and not self.why:
            raise ValueError("needs needs a 'why'")
        return self


class Difference(_Strict):
    """A known difference between a page's sample output and a run on stand-in images.

    A sample line matching `page` may be missing from the recorded output, or appear as a line
    matching `recorded`. `where: local` applies to runs on stand-ins only; `always` to every run
    (the engine built from source here says so in `docker version`, GitHub's does not).
    """

    page: str
    recorded: str | None = None
    why: str = Field(min_length=10)
    where: Literal["local", "always"] = "local"

    _check = field_validator("page", "recorded")(classmethod(lambda cls, v: _regex(v)))


class Walkthrough(_Strict):
    differences: list[Difference] = Field(default_factory=list)
    chapters: dict[str, list[Step]]


def _describe(error: ValidationError) -> tuple[str, tuple]:
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = f"unknown field '{first['loc'][-1]}'"
    elif first["type"] == "missing":
        message = f"missing field '{first['loc'][-1]}'"
    return message, tuple(first["loc"])


def _line_of(node: yaml.Node, path: tuple) -> int:
    """The line of the deepest YAML node that `path` (a pydantic error location) reaches."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is None:
            break
        node = found
    return node.start_mark.line + 1


def load_walkthrough(path: Path = WALKTHROUGH_FILE) -> Walkthrough:
    """Read and validate assets/walkthrough.yaml; errors name the file, line and entry."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except OSError as error:
        raise WalkthroughError(f"{where}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise WalkthroughError(f"{where}:{mark.line + 1 if mark else 1}: YAML syntax error: "
                               f"{getattr(error, 'problem', None) or error}") from None
    try:
        return Walkthrough.model_validate(data)
    except ValidationError as error:
        message, location = _describe(error)
        line = _line_of(node, location) if node is not None else 1
        entry = " ".join(str(p) for p in location[:3])
        raise WalkthroughError(f"{where}:{line}: {entry}: {message}") from None


def merged(run: Run | None, step: Step) -> Run:
    """The catalog's spec for a command with the chapter step's additions (step wins; expectations add up)."""
    base = run or Run()
    expect = base.expect
    if step.expect is not None:
        extra = step.expect.model_dump(exclude_unset=True)
        combined = expect.model_dump()
        for key, value in extra.items():
            combined[key] = combined[key] + value if isinstance(value, list) else value
        expect = Expect.model_validate(combined)
    return Run(
        how=step.how or base.how,
        why=step.why or base.why,
        needs=list(dict.fromkeys([*base.needs, *step.needs])),
        session=step.session or base.session,
        expect=expect,
        timeout=step.timeout or base.timeout,
        placeholders={**base.placeholders, **step.placeholders},
    )
