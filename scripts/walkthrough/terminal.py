"""Commands run in a pseudo terminal, as in a reader's terminal window, and what the window shows.

Every command gets a terminal, not a pipe: `--tty` needs one, BuildKit draws its progress only for
one, and prompts ([y/N]) read from it. What the window finally shows is rendered with pyte, a
terminal emulator, so cursor movements (BuildKit's redraws, `docker container stats`) end up as
the lines a reader sees.
"""

from __future__ import annotations

import re
import signal
import time
from dataclasses import dataclass, field

import pexpect
import pyte

# The window the commands draw in: a terminal's usual 80 columns, as the pages' samples were made
# (help texts wrap to it, BuildKit cuts its lines to it). Lines that do not wrap themselves, such
# as tables, stay whole: the rendering below is much wider.
ROWS, COLUMNS = 40, 80
_RENDER_COLUMNS = 1000
_CURSOR_MOVES = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhl]|\x1b[78M]|\r(?!\n)")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\x1b[=>78M]")
KEYS = {"ctrl-c": "\x03", "ctrl-d": "\x04", "enter": "\r", "ctrl-p-ctrl-q": "\x10\x11"}


def render(raw: str) -> str:
    """The text a terminal shows after printing `raw`, its scrollback included: escape sequences
    applied, lines right-stripped.

    The emulated window has the pseudo terminal's ROWS, so a program that draws at an absolute
    row (Compose's key menu at the bottom of the window) draws where it does for a reader, and
    what scrolls off the top is kept, as a terminal's scrollback keeps it. It is much wider than
    COLUMNS, so lines that do not wrap themselves (tables) stay whole."""
    if not _CURSOR_MOVES.search(raw):
        text = _ANSI.sub("", raw).replace("\r\n", "\n")
        return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    screen = pyte.HistoryScreen(_RENDER_COLUMNS, ROWS, history=raw.count("\n") + ROWS + 10)
    stream = pyte.Stream(screen)
    stream.feed(raw)
    scrolled = ["".join(line[x].data for x in range(_RENDER_COLUMNS)).rstrip() for line in screen.history.top]
    lines = scrolled + [line.rstrip() for line in screen.display]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def _as_in_a_terminal() -> None:
    # ctrl-c and ctrl-\ reach the program, as in a reader's terminal. A walkthrough started as a
    # background job (`… &`) has them ignored by its shell, an ignore every child inherits: Python's
    # http.server then kept serving after the page's ctrl-c.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


@dataclass
class Process:
    """A command running in its own pseudo terminal; `raw` collects everything it printed."""

    argv: list[str]
    env: dict[str, str]
    cwd: str
    child: pexpect.spawn = field(init=False)
    raw: str = ""
    exit_status: int | None = None

    def __post_init__(self) -> None:
        self.child = pexpect.spawn(self.argv[0], self.argv[1:], env=self.env, cwd=self.cwd,
                                   encoding="utf-8", codec_errors="replace", dimensions=(ROWS, COLUMNS),
                                   timeout=None, echo=True, preexec_fn=_as_in_a_terminal)

    def _pump(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False once the process has ended."""
        if self.exit_status is not None:
            return False
        try:
            self.raw += self.child.read_nonblocking(65536, timeout=timeout)
            return True
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            self._reap()
            return False

    def _reap(self) -> None:
        if self.exit_status is None:
            self.child.close(force=True)
            status = self.child.exitstatus
            self.exit_status = status if status is not None else 128 + (self.child.signalstatus or 0)

    @property
    def alive(self) -> bool:
        return self.exit_status is None and self.child.isalive()

    def wait_for(self, pattern: str, timeout: float, since: int = 0, last_line: bool = False) -> bool:
        """Wait until what the window shows after offset `since` matches `pattern` (with `last_line`,
        its last line: a prompt that is back); False on timeout or when the process has ended."""
        regex = re.compile(pattern, re.MULTILINE)

        def shown() -> bool:
            text = render(self.raw[since:])
            if last_line:
                text = (text.splitlines() or [""])[-1]
            return bool(regex.search(text))

        deadline = time.monotonic() + timeout
        while True:
            if shown():
                return True
            if time.monotonic() > deadline:
                return False
            if not self._pump(0.1):
                return shown()

    def settle(self, quiet: float = 0.6, timeout: float = 10) -> None:
        """Read until nothing new arrives for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self.raw)
            if not self._pump(quiet):
                return
            if len(self.raw) == before:
                return

    def send_line(self, text: str) -> None:
        self.child.send(text + "\r")

    def send_key(self, key: str) -> None:
        self.child.send(KEYS[key])

    def wait_exit(self, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while self.exit_status is None and time.monotonic() < deadline:
            self._pump(0.2)
        if self.exit_status is None and not self.child.isalive():
            self._pump(0.1)
            self._reap()
        return self.exit_status

    def kill(self) -> None:
        if self.exit_status is None:
            self.child.terminate(force=True)
            self._pump(0.2)
            self._reap()
