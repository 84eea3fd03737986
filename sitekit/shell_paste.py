"""What a shell makes of a pasted text: its commands and the words each program receives.

Readers paste commands from READMEs, forums and terminals: several at once, continued over lines
with `\\` (bash), `` ` `` (PowerShell) or `^` (Windows Command Prompt), behind a `$` prompt, after
`sudo`, with output lines in between, inside `$( … )`. This reads them as a POSIX shell does
(quotes, escapes, comments, `&&`, `|`, `;`, redirections, here-documents), or as PowerShell and the
Command Prompt do when the text shows it was written for them, and notes what a shell would break:
an unclosed quote, a space after a line's final `\\`, curly quotes and dashes from a word
processor, non-breaking spaces.

The Explain page runs the same reading in JavaScript (docs/javascripts/explain-core.js);
tests/explain/test_explain.py holds the two to the same result. Plain loops, no regular expressions
beyond the prompts and markers from assets/explain.yaml, so both languages read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Characters a word processor or web page puts where a shell wants ASCII, and what the reader meant.
LOOKALIKES = {
    "\u00a0": (" ", "nbsp"), "\u2007": (" ", "nbsp"), "\u202f": (" ", "nbsp"),
    "\u200b": ("", "zero-width"), "\ufeff": ("", "zero-width"), "\u2060": ("", "zero-width"),
    "\u201c": ('"', "smart-quote"), "\u201d": ('"', "smart-quote"), "\u201e": ('"', "smart-quote"),
    "\u2018": ("'", "smart-quote"), "\u2019": ("'", "smart-quote"), "\u201a": ("'", "smart-quote"),
}
DASHES = "\u2013\u2014\u2212"  # en dash, em dash, minus sign: what "--" and "-" become in prose
SPACE = " \t"
OPERATOR_START = "|&;()"
TWO_CHAR_OPERATORS = ("||", "&&", ";;", "|&")
DIGITS = "0123456789"
NAME = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_" + DIGITS
SPECIAL_PARAMETERS = "?!@*#$-"
# A placeholder tutorials write for the reader's own value: <your-docker-id>, <image>. A shell
# would read < and > as redirections; the reader is meant to replace it first.
PLACEHOLDER = re.compile(r"^<[A-Za-z][A-Za-z0-9_.:-]*>")
# Markdown around a command copied from a README or a chat: a fence line, or a whole line in `…`.
FENCE = re.compile(r"^[ \t]*(```|~~~)[A-Za-z0-9_+-]*[ \t]*$")
INLINE_CODE = re.compile(r"^[ \t]*`([^`]+)`[ \t]*$")
# Prefixes that run the next word as the command, with their options that take a value.
RUNNERS = {
    "sudo": {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "-R", "--user", "--group",
             "--chdir", "--host", "--prompt", "--role", "--type", "--other-user", "--close-from",
             "--command-timeout", "--chroot"},
    "doas": {"-u", "-C"},
    "env": {"-u", "-C", "-S", "--unset", "--chdir"},
    "time": set(), "nohup": set(), "exec": set(), "command": set(), "builtin": set(), "winpty": set(),
}


@dataclass
class Word:
    text: str  # what the program receives: quotes removed, escapes resolved
    raw: str  # as written
    dynamic: bool = False  # holds $VAR, $( … ) or `…`: the shell fills in a value only it knows
    dash_fixed: bool = False  # began with a typographic dash, read as "-" or "--"


@dataclass
class Command:
    line: int  # where it starts, from 1
    last_line: int
    words: list[Word] = field(default_factory=list)
    prefixes: int = 0  # how many leading words run the rest (sudo, env, VAR=value, winpty…)
    redirects: list[str] = field(default_factory=list)
    continued: list[str] = field(default_factory=list)  # the line continuations used: \, `, ^
    nested: bool = False  # written inside $( … ) or `…` of another command
    problems: list[dict] = field(default_factory=list)  # what a shell would break: {kind, …}

    @property
    def program(self) -> str:
        """The program the shell runs, by its name: `docker` for /usr/bin/docker and docker.exe."""
        if self.prefixes >= len(self.words):
            return ""
        name = self.words[self.prefixes].text.replace("\\", "/").rsplit("/", 1)[-1]
        return name[:-4] if name.lower().endswith(".exe") else name

    @property
    def arguments(self) -> list[Word]:
        return self.words[self.prefixes + 1:]

    @property
    def raw(self) -> str:
        return " ".join(word.raw for word in self.words)


@dataclass
class Paste:
    lines: list[str]  # the text's lines, look-alike characters replaced
    commands: list[Command]
    shell: str  # "posix", or "windows" (PowerShell, Command Prompt)
    session: bool  # lines started with prompts: the others are output


def read_paste(text: str, prompts: list[str], windows_markers: list[str]) -> Paste:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fixes: dict[int, list[tuple[str, str]]] = {}
    lines: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        out = []
        for char in line:
            if char in LOOKALIKES:
                replacement, kind = LOOKALIKES[char]
                fixes.setdefault(number, []).append((kind, char))
                out.append(replacement)
            else:
                out.append(char)
        lines.append("".join(out))
    for index, line in enumerate(lines):
        if FENCE.match(line):
            lines[index] = ""
        elif inline := INLINE_CODE.match(line):
            lines[index] = inline.group(1)
    joined = "\n".join(lines)
    windows = any(re.search(marker, joined, re.MULTILINE) for marker in windows_markers)
    bodies: list[str] = []
    prompted: list[bool] = []
    for line in lines:
        body, had = line, False
        for prompt in prompts:
            match = re.match(prompt, line)
            if match and match.end() < len(line.rstrip()):
                body, had = line[match.end():], True
                break
        bodies.append(body)
        prompted.append(had)
    session = any(prompted)
    reader = _Reader(bodies, prompted, session, windows)
    commands = reader.read_all()
    for command in commands:
        seen: set[tuple[str, str]] = set()
        for number in range(command.line, command.last_line + 1):
            for kind, char in fixes.get(number, []):
                if (kind, char) not in seen:
                    seen.add((kind, char))
                    command.problems.append({"kind": kind, "char": char})
    return Paste(lines=lines, commands=commands, shell="windows" if windows else "posix", session=session)


class _Unclosed(Exception):
    def __init__(self, what: str, partial: str = ""):
        super().__init__(what)
        self.what, self.partial = what, partial


class _Reader:
    """Reads commands line by line; a command continues onto the next line only where a shell
    would wait for more (a final backslash, an open quote, an open `$(`)."""

    def __init__(self, lines: list[str], prompted: list[bool], session: bool, windows: bool, nested: bool = False,
                 first_line: int = 1):
        self.lines, self.prompted, self.session, self.windows = lines, prompted, session, windows
        self.nested, self.first_line = nested, first_line
        self.row, self.col = 0, 0
        self.commands: list[Command] = []
        self.inner: list[tuple[str, int]] = []  # substitutions to read once the command is done
        self.heredocs: list[tuple[str, bool]] = []
        self.ended = False  # an unclosed quote took the rest of the text

    # -- cursor ---------------------------------------------------------------------------------

    def line_number(self) -> int:
        return self.first_line + self.row

    def peek(self, ahead: int = 0) -> str:
        """The character under the cursor ("\\n" at a line's end, "" at the end of the text)."""
        if self.row >= len(self.lines):
            return ""
        line = self.lines[self.row]
        if self.col + ahead < len(line):
            return line[self.col + ahead]
        return "\n" if self.col + ahead == len(line) else ""

    def advance(self, count: int = 1) -> None:
        self.col += count

    def next_line(self, continuation: bool, joined: bool = False) -> bool:
        """Move to the next line. A continuation line loses the `> ` prompt a terminal printed
        (in a pasted session; elsewhere only after a line joined with a backslash, where it cannot be a
        redirection)."""
        self.row += 1
        self.col = 0
        if self.row >= len(self.lines):
            return False
        if continuation and (self.session or joined) and not self.prompted[self.row]:
            line = self.lines[self.row]
            if line.startswith("> "):
                self.col = 2
            elif line == ">":
                self.col = 1
        return True

    def rest_of_line(self) -> str:
        return self.lines[self.row][self.col:] if self.row < len(self.lines) else ""

    # -- commands -------------------------------------------------------------------------------

    def read_all(self) -> list[Command]:
        while self.row < len(self.lines):
            if self.session and not self.nested and not self.prompted[self.row]:
                self.row += 1  # output between commands
                continue
            self.read_line()
            self.skip_heredocs()
            self.row += 1
            self.col = 0
        return self.commands

    def read_line(self) -> None:
        """Commands until the end of this line (or of the lines it continues onto)."""
        while True:
            command = Command(line=self.line_number(), last_line=self.line_number(), nested=self.nested)
            ended = self.read_command(command)
            command.last_line = min(self.line_number(), self.first_line + len(self.lines) - 1)
            if command.words:
                self.finish(command)
            if ended:
                return

    def finish(self, command: Command) -> None:
        self.find_prefixes(command)
        self.commands.append(command)
        inner, self.inner = self.inner, []
        for text, line in inner:
            reader = _Reader(text.split("\n"), [False] * (text.count("\n") + 1), False, self.windows, True, line)
            self.commands += reader.read_all()

    def read_command(self, command: Command) -> bool:
        """Words until an operator (False) or the end of the line (True)."""
        while True:
            char = self.peek()
            if char == "":
                return True
            if char in SPACE:
                self.advance()
                continue
            if char == "\n":
                return True
            if char == "#":
                self.col = len(self.lines[self.row])
                return True
            if self.continuation_here(command):
                if not self.next_line(True, joined=True):
                    return True
                continue
            if self.is_redirect_start():
                self.read_redirect(command)
                continue
            if char in OPERATOR_START:
                self.advance(2 if char + self.peek(1) in TWO_CHAR_OPERATORS else 1)
                if command.words:
                    return False
                continue
            word = self.read_word(command)
            if word is not None:
                command.words.append(word)
            if self.ended:
                return True

    def continuation_here(self, command: Command) -> bool:
        """A line's last character that joins the next line: \\ (also in PowerShell pasted from
        bash), and ` or ^ when the text is for Windows. Spaces after it break the join."""
        char = self.peek()
        marks = "\\`^" if self.windows else "\\"
        if char == "" or char not in marks:
            return False
        rest = self.rest_of_line()[1:]
        if rest.strip(SPACE):
            return False
        if self.row + 1 >= len(self.lines):
            return False
        if char == "^" and self.col > 0 and self.lines[self.row][self.col - 1] not in SPACE:
            return False
        if char == "`" and self.col > 0 and self.lines[self.row][self.col - 1] not in SPACE:
            return False
        if rest:
            command.problems.append({"kind": "space-after-continuation", "char": char, "line": self.line_number()})
        if char not in command.continued:
            command.continued.append(char)
        return True

    def is_redirect_start(self) -> bool:
        char = self.peek()
        if char == "<" and PLACEHOLDER.match(self.rest_of_line()):
            return False
        if char in "<>":
            return True
        return char == "&" and self.peek(1) == ">"

    def read_redirect(self, command: Command) -> None:
        start, row = self.col, self.row
        operator = ""
        for candidate in ("&>>", "&>", "<<<", "<<-", "<<", ">>", ">&", "<&", "<>", ">|", ">", "<"):
            if self.rest_of_line().startswith(candidate):
                operator = candidate
                break
        self.advance(len(operator))
        while _is(self.peek(), SPACE):
            self.advance()
        target = self.read_word(command) if self.peek() not in ("", "\n") else None
        if target is None:
            text = operator
        elif self.row == row:
            text = self.lines[row][start:self.col]
        else:  # the target went on over a line (an open quote)
            text = operator + target.raw
        command.redirects.append(text.strip())
        if operator in ("<<", "<<-") and target is not None:
            self.heredocs.append((target.text, operator == "<<-"))

    def skip_heredocs(self) -> None:
        """Here-documents start on the line after their command and end at their delimiter."""
        while self.heredocs:
            delimiter, strip_tabs = self.heredocs.pop(0)
            while self.row + 1 < len(self.lines):
                self.row += 1
                line = self.lines[self.row]
                if self.session and line.startswith("> "):
                    line = line[2:]
                if (line.lstrip("\t") if strip_tabs else line) == delimiter:
                    break

    def find_prefixes(self, command: Command) -> None:
        words = command.words
        index = 0
        while index < len(words):
            text = words[index].text
            if _is_assignment(words[index]):
                index += 1
                continue
            if text in RUNNERS and index + 1 < len(words):
                takes = RUNNERS[text]
                index += 1
                while index < len(words) and words[index].text.startswith("-") and words[index].text != "-":
                    option = words[index].text
                    index += 1
                    if option == "--":
                        break
                    if option in takes and "=" not in option and index < len(words):
                        index += 1
                continue
            break
        command.prefixes = min(index, len(words) - 1) if words else 0

    # -- words ----------------------------------------------------------------------------------

    def read_word(self, command: Command) -> Word | None:
        """One word; None for a redirection with a file descriptor in front (2>&1). An unclosed
        quote ends the text: the word so far is returned and `ended` set."""
        text: list[str] = []
        dynamic = False
        start_row, start_col = self.row, self.col

        def raw_so_far() -> str:
            if self.row == start_row:
                return self.lines[start_row][start_col:self.col]
            parts = [self.lines[start_row][start_col:]]
            parts += self.lines[start_row + 1:self.row]
            parts.append(self.lines[self.row][:self.col] if self.row < len(self.lines) else "")
            return "\n".join(parts)

        try:
            while True:
                char = self.peek()
                if char in ("", "\n") or char in SPACE:
                    break
                if char in OPERATOR_START or self.is_redirect_start():
                    if char in "<>" and text and all(_is(c, DIGITS) for c in "".join(text)) \
                            and raw_so_far() == "".join(text):
                        digits = "".join(text)
                        self.read_redirect(command)
                        command.redirects[-1] = digits + command.redirects[-1]
                        return None
                    break
                if self.continuation_here(command):
                    if not self.next_line(True, joined=True):
                        break
                    continue
                if char == "\\" and not self.windows:
                    following = self.peek(1)
                    if following == "\n":  # a backslash at the end of a line joins the next one
                        self.next_line(True)
                        continue
                    if following == "":
                        self.advance()
                        break
                    text.append(following)
                    self.advance(2)
                elif char == "'":
                    self.advance()
                    text.append(self.read_until_quote("'"))
                elif char == '"':
                    self.advance()
                    inner, was_dynamic = self.read_double_quoted()
                    text.append(inner)
                    dynamic = dynamic or was_dynamic
                elif char == "$" and self.peek(1) == "'" and not self.windows:
                    self.advance(2)
                    text.append(_ansi_c(self.read_until_quote("'", escapes=True)))
                elif char == "$" and self.peek(1) == "(":
                    text.append(self.read_substitution())
                    dynamic = True
                elif char == "$" and self.peek(1) == "{":
                    text.append(self.read_braces())
                    dynamic = True
                elif char == "$" and (_is(self.peek(1), NAME) or _is(self.peek(1), SPECIAL_PARAMETERS)):
                    dynamic = True
                    text.append(char)
                    self.advance()
                elif char == "`" and not self.windows:
                    text.append(self.read_backticks())
                    dynamic = True
                elif char == "<":  # a placeholder: is_redirect_start said so
                    placeholder = PLACEHOLDER.match(self.rest_of_line()).group(0)
                    text.append(placeholder)
                    self.advance(len(placeholder))
                    dynamic = True
                    if not any(p.get("word") == placeholder for p in command.problems):
                        command.problems.append({"kind": "placeholder", "word": placeholder})
                else:
                    text.append(char)
                    self.advance()
        except _Unclosed as unclosed:
            command.problems.append({"kind": "unclosed", "char": unclosed.what, "line": self.first_line + start_row})
            text.append(unclosed.partial.rstrip("\n"))
            self.ended = True
            raw = "\n".join([self.lines[start_row][start_col:], *self.lines[start_row + 1:]])
            self.row, self.col = len(self.lines) - 1, len(self.lines[-1])
            return Word("".join(text), raw, dynamic) if raw else None
        word = Word("".join(text), raw_so_far(), dynamic)
        if len(word.text) > 1 and _is(word.text[0], DASHES) and _is(word.raw[0], DASHES):
            rest = word.text.lstrip(DASHES)
            word.text = ("-" if len(rest) == 1 else "--") + rest
            word.dash_fixed = True
            command.problems.append({"kind": "typographic-dash", "char": word.raw[0], "word": word.raw})
        return word

    def read_until_quote(self, quote: str, escapes: bool = False) -> str:
        out: list[str] = []
        while True:
            char = self.peek()
            if char == "":
                raise _Unclosed(quote, "".join(out))
            if char == "\n":
                out.append("\n")
                if not self.next_line(True):
                    raise _Unclosed(quote, "".join(out))
                continue
            if escapes and char == "\\" and self.peek(1) not in ("", "\n"):
                out.append(char + self.peek(1))
                self.advance(2)
                continue
            self.advance()
            if char == quote:
                return "".join(out)
            out.append(char)

    def read_double_quoted(self) -> tuple[str, bool]:
        out: list[str] = []
        dynamic = False
        while True:
            char = self.peek()
            if char == "":
                raise _Unclosed('"', "".join(out))
            if char == "\n":
                out.append("\n")
                if not self.next_line(True):
                    raise _Unclosed('"', "".join(out))
                continue
            if char == '"':
                self.advance()
                return "".join(out), dynamic
            if char == "\\" and not self.windows:
                following = self.peek(1)
                if following == "\n":
                    self.next_line(True)
                    continue
                if following in ('"', "\\", "$", "`"):
                    out.append(following)
                    self.advance(2)
                    continue
                out.append(char)
                self.advance()
                continue
            if char == "`" and self.windows and self.peek(1) == '"':
                out.append('"')
                self.advance(2)
                continue
            if char == "$" and self.peek(1) == "(":
                out.append(self.read_substitution())
                dynamic = True
                continue
            if char == "$" and self.peek(1) == "{":
                out.append(self.read_braces())
                dynamic = True
                continue
            if char == "$" and (_is(self.peek(1), NAME) or _is(self.peek(1), SPECIAL_PARAMETERS)):
                dynamic = True
            if char == "`" and not self.windows:
                out.append(self.read_backticks())
                dynamic = True
                continue
            out.append(char)
            self.advance()

    def read_substitution(self) -> str:
        """$( … ), kept as written; a command inside it is read as a command of its own."""
        line = self.line_number()
        self.advance(2)
        depth = 1
        out = ["$("]
        body: list[str] = []
        while True:
            char = self.peek()
            if char == "":
                raise _Unclosed("$(")
            if char == "\n":
                out.append("\n")
                body.append("\n")
                if not self.next_line(True):
                    raise _Unclosed("$(")
                continue
            if char in ("'", '"'):
                self.advance()
                quoted = self.read_until_quote(char) if char == "'" else self.read_double_quoted()[0]
                piece = char + quoted + char
                out.append(piece)
                body.append(piece)
                continue
            if char == "\\" and self.peek(1) not in ("", "\n"):
                piece = char + self.peek(1)
                out.append(piece)
                body.append(piece)
                self.advance(2)
                continue
            self.advance()
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    out.append(")")
                    if not "".join(body).startswith("("):  # $(( … )) is arithmetic, not a command
                        self.inner.append(("".join(body), line))
                    return "".join(out)
            out.append(char)
            body.append(char)

    def read_backticks(self) -> str:
        line = self.line_number()
        self.advance()
        body: list[str] = []
        while True:
            char = self.peek()
            if char == "":
                raise _Unclosed("`")
            if char == "\n":
                body.append("\n")
                if not self.next_line(True):
                    raise _Unclosed("`")
                continue
            if char == "\\" and self.peek(1) == "`":
                body.append("`")
                self.advance(2)
                continue
            self.advance()
            if char == "`":
                self.inner.append(("".join(body), line))
                return "`" + "".join(body) + "`"
            body.append(char)

    def read_braces(self) -> str:
        self.advance(2)
        out = ["${"]
        while True:
            char = self.peek()
            if char in ("", "\n"):
                raise _Unclosed("${")
            self.advance()
            out.append(char)
            if char == "}":
                return "".join(out)


def _is(char: str, chars: str) -> bool:
    """One character (never the empty string, which `in` would find in any string) of `chars`."""
    return len(char) == 1 and char in chars


def _is_assignment(word: Word) -> bool:
    name, equals, _ = word.raw.partition("=")
    return bool(equals) and bool(name) and not _is(name[0], DIGITS) and all(_is(c, NAME) for c in name)


def _ansi_c(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"'}.get(following, "\\" + following))
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)
