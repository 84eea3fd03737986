"""What a page's walkthrough annotations may say, validated with pydantic.

The walkthrough infers almost everything from the page itself: a ```bash block runs and must exit
0, and a ```text block right after it (in the same section) is its sample output, compared with
what really printed. Only exceptions carry data, in an HTML comment right where they happen:

    <!-- walkthrough
    how: fail
    why: The page says a volume in use cannot be removed.
    expect: {output: ["volume is in use"]}
    -->

A comment whose YAML is a mapping without an action key is a `Note` on the block that follows it
(the command block of `{@ command(...) @}` included). A comment whose YAML holds an action
(`browse`, `keys`, `edit`, `copy`, `type`, `wait`, `check`), or a list of them, is one or more
`Action` steps at that place: what the reader does between blocks.

The comments are in the page source, so moving or rewording a block moves its note with it; the
built HTML keeps them (invisible to readers), which is what the harness reads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, Literal

import yaml

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

# What a run may lack: Docker Hub (pulls, search, the real images).
Capability = Literal["docker-hub"]
Key = Literal["ctrl-c", "ctrl-d", "enter", "ctrl-p-ctrl-q"]


class WalkthroughError(Exception):
    """Bad walkthrough data. str() is one line naming the page and the place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


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

    url: str = Field(pattern=r"^https?://(localhost|[a-z0-9.-]+\.(test|localhost))(:\d+)?/")
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
    # The reader's browser trusts this certificate authority (a file in the working folder).
    ca: str | None = None


class Expect(_Strict):
    """What must hold after a step. Container, image, volume and network names are exact."""

    exit: int | None = None  # default: 0, or any non-zero status for `how: fail`
    output: list[str] = Field(default_factory=list)  # text the output must contain
    absent: list[str] = Field(default_factory=list)  # text it must not contain
    browse: list[Http] = Field(default_factory=list)
    within: float | None = Field(default=None, gt=0)  # seconds the command may take at most
    longer_than: float | None = Field(default=None, ge=0)  # seconds it must take at least
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
    # Addresses the daemon's published ports listen on, as `ss --listening` shows them
    # ("127.0.0.1:8080", "0.0.0.0:5000"), and ones it must not listen on.
    listening: list[str] = Field(default_factory=list)
    not_listening: list[str] = Field(default_factory=list)
    # A number in the output that must equal the counter's current value (`count_shown`), or that
    # becomes it (`count_becomes`): one regular expression group each.
    count_shown: str | None = None
    count_becomes: str | None = None

    _check_counts = field_validator("count_shown", "count_becomes")(classmethod(lambda cls, v: _regex(v)))


class Run(_Strict):
    """How a command runs: the note's fields, with the defaults filled in."""

    how: Literal["run", "fail", "illustrate"] = "run"
    why: str | None = None
    needs: list[Capability] = Field(default_factory=list)
    session: Session | None = None
    expect: Expect = Field(default_factory=Expect)
    timeout: float = Field(default=120, gt=0, le=1800)
    # A placeholder in the command (CONTAINER) and the shell command whose output replaces it, as
    # the reader would copy the value from an earlier output.
    placeholders: dict[str, str] = Field(default_factory=dict)
    # An install the walkthrough cannot run (`how: illustrate`): the programs it puts on the
    # reader's PATH, which the walkthrough provides at that step (scripts/walkthrough/tools.py).
    provides: list[str] = Field(default_factory=list)


class Keys(_Strict):
    send: Key
    session: str | None = None  # the step that opened it; default: the session opened last
    exit: int | None = None  # the session ends with this status


class Edit(_Strict):
    """The reader edits a file in the working folder, as the page says."""

    file: str
    replace: str | None = None
    with_: str | None = Field(default=None, alias="with")
    append: str | None = None
    write: str | None = None  # the whole file, for a file the page tells the reader to create
    # An open session that reacts to the edit (a reloader), and what it prints when it has.
    session: str | None = None
    wait_for: str | None = None

    _check_wait = field_validator("wait_for")(classmethod(lambda cls, v: _regex(v)))

    @model_validator(mode="after")
    def _one(self):
        if (self.wait_for is None) != (self.session is None):
            raise ValueError("session and wait_for go together")
        if (self.replace is None) != (self.with_ is None):
            raise ValueError("replace and with go together")
        if sum(x is not None for x in (self.replace, self.append, self.write)) != 1:
            raise ValueError("an edit is one of replace + with, append or write")
        return self


class Copy(_Strict):
    """The reader saves a file the page shows (an example file) in the working folder."""

    from_: str = Field(alias="from", pattern=r"^examples/")
    to: str


class Wait(_Strict):
    healthy: list[str] = Field(default_factory=list)
    seconds: float = Field(default=0, ge=0, le=60)


class Note(_Strict):
    """An annotation of the block that follows it. Every field is optional; a block without a note
    runs (```bash), is the output of the step before it (```text), or shows a file (a titled block).

    For a command block: how it runs (`how`, `why`, `needs`, `session`, `expect`, `timeout`,
    `placeholders`, `typed_into` an open session), and `id`, the name later steps use for its
    session (default: the catalog id, or the block's first line).
    For a ```text block: `vary` and `compare` when it is output; `text: why` when it is not output;
    `typed_into: SESSION` when it is typed into an open session (a redis-cli prompt).
    """

    id: str | None = None
    how: Literal["run", "fail", "illustrate"] | None = None
    why: str | None = None
    needs: list[Capability] = Field(default_factory=list)
    session: Session | None = None
    expect: Expect | None = None
    timeout: float | None = Field(default=None, gt=0, le=1800)
    placeholders: dict[str, str] = Field(default_factory=dict)
    typed_into: str | None = None
    provides: list[str] = Field(default_factory=list)
    # Text blocks.
    text: str | None = None  # not a command's output: why
    output: bool | None = None  # true: output even where it is not right after its command
    vary: list[str] = Field(default_factory=list)
    compare: Literal["lines", "unordered", "columns", "none"] | None = None

    @field_validator("vary")
    @classmethod
    def _vary(cls, value: list[str]) -> list[str]:
        for pattern in value:
            _regex(pattern)
        return value

    @model_validator(mode="after")
    def _consistent(self):
        if self.how in ("illustrate", "fail") and not (self.why and self.why.strip()):
            raise ValueError(f"how: {self.how} needs a 'why' (one sentence the run report shows)")
        if self.needs and not self.why:
            raise ValueError("needs needs a 'why'")
        if self.compare == "none" and not self.why:
            raise ValueError("compare: none needs a 'why'")
        if self.how == "illustrate" and (self.session or self.placeholders):
            raise ValueError("an illustrated command does not run: no session or placeholders")
        if self.provides and self.how != "illustrate":
            raise ValueError("provides belongs to an install the walkthrough illustrates (how: illustrate)")
        if self.text is not None and (self.vary or self.compare or self.output):
            raise ValueError("text (not output) and vary/compare/output exclude each other")
        return self

    @property
    def about_output(self) -> bool:
        return bool(self.vary or self.compare or self.output)

    @property
    def about_running(self) -> bool:
        return any(getattr(self, f) not in (None, [], {}) for f in
                   ("how", "needs", "session", "expect", "timeout", "placeholders", "id", "provides"))


class Action(_Strict):
    """Something the reader does between blocks, or a promise to check there."""

    browse: Http | None = None
    keys: Keys | None = None
    edit: Edit | None = None
    copy_: Copy | None = Field(default=None, alias="copy")
    type: str | None = None  # a command the prose names without a block
    wait: Wait | None = None
    check: Expect | None = None
    # For `type`: how it runs, as for a command block.
    id: str | None = None
    how: Literal["run", "fail"] | None = None
    why: str | None = None
    needs: list[Capability] = Field(default_factory=list)
    session: Session | None = None
    expect: Expect | None = None
    timeout: float | None = Field(default=None, gt=0, le=1800)

    KINDS: ClassVar[tuple[str, ...]] = ("browse", "keys", "edit", "copy_", "type", "wait", "check")
    KEYS: ClassVar[frozenset[str]] = frozenset({"browse", "keys", "edit", "copy", "type", "wait", "check"})

    @field_validator("keys", mode="before")
    @classmethod
    def _keys(cls, value):
        return {"send": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _shape(self):
        kinds = [k for k in self.KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(f"an action is exactly one of browse, keys, edit, copy, type, wait, check "
                             f"(got {', '.join(kinds) or 'none'})")
        if kinds[0] != "type" and (self.how or self.session or self.timeout or self.expect or self.needs or self.id):
            raise ValueError("how, needs, session, expect, timeout and id belong to `type`")
        if self.how == "fail" and not self.why:
            raise ValueError("how: fail needs a 'why'")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in self.KINDS if getattr(self, k) is not None)


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


class Differences(_Strict):
    differences: list[Difference]


DIFFERENCES_FILE = Path(__file__).with_name("differences.yaml")


def load_differences(path: Path = DIFFERENCES_FILE) -> list[Difference]:
    """scripts/walkthrough/differences.yaml; errors are one line naming the file and the entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Differences.model_validate(data).differences
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise WalkthroughError(f"{path.name}: cannot read: {error}".splitlines()[0]) from None
    except ValidationError as error:
        raise WalkthroughError(f"{path.name}: {describe(error)}") from None


def describe(error) -> str:
    """A pydantic ValidationError as one line: where in the note, and what is wrong."""
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    location = ".".join(str(p) for p in first["loc"] if p != "__root__")
    if first["type"] == "extra_forbidden":
        message = f"unknown field '{first['loc'][-1]}'"
        location = ".".join(str(p) for p in first["loc"][:-1])
    elif first["type"] == "missing":
        message = f"missing field '{first['loc'][-1]}'"
        location = ".".join(str(p) for p in first["loc"][:-1])
    return f"{location}: {message}" if location else message


def merged(base: Run | None, note: Note | Action | None) -> Run:
    """A command's run: the note's fields over the defaults."""
    base = base or Run()
    if note is None:
        return base
    return Run(
        how=note.how or base.how,
        why=note.why or base.why,
        needs=list(dict.fromkeys([*base.needs, *note.needs])),
        session=note.session or base.session,
        expect=note.expect or base.expect,
        timeout=note.timeout or base.timeout,
        placeholders={**base.placeholders, **getattr(note, "placeholders", {})},
        provides=[*base.provides, *getattr(note, "provides", [])],
    )
