"""The Explain page's reading of a pasted text, in Python: the judge its JavaScript is held to.

A reader pastes commands from anywhere (docs/explain.md). This finds each command (sitekit/shell_paste.py),
checks it with the site's CLI checker (sitekit/cli_reference.py) against a reference that also
knows what Docker removed or still accepts unlisted (sitekit/deprecations.py), reads every value
(sitekit/cli_values.py), and says in a beginner's words what is wrong, outdated or worth a warning
(the words and rules in assets/explain.yaml). A text that holds no command but an error message
is matched to its troubleshooting entry.

docs/javascripts/explain-core.js does the same in the page, from the data the build writes
(`page_data`, sitekit/hooks/explain_data.py); tests/explain/test_explain.py runs both on every `docker`
line of the site and on a corpus of real-world commands and requires the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sitekit import cli_values
from sitekit.cli_reference import CommandError, ParsedCommand, Reference, load_reference, parse_words
from sitekit.data_files import DataFileError, describe, load_yaml
from sitekit.project import PROJECT, Project
from sitekit.deprecations import Deprecations, load_deprecations, with_accepted_flags
from sitekit.shell_paste import Command, read_paste

SETTINGS_FILE = PROJECT.explain_settings
MAX_REPAIRS = 6  # unknown flags replaced by their nearest real one (or dropped) before giving up
SEVERITY = {"error": 2, "outdated": 1}


class ExplainSettingsError(DataFileError):
    """Bad input in assets/explain.yaml. str() is one line naming the file and the entry."""


# --- assets/explain.yaml ----------------------------------------------------------------------------

class ValueFormat(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag: str = Field(pattern=r"^--[a-z][a-z0-9-]*$")
    format: str
    commands: list[str] = Field(default_factory=list)

    @field_validator("format")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in {*cli_values.FORMATS, "volume", "image"}:
            raise ValueError(f"unknown format '{value}' (formats: {', '.join(sorted(cli_values.FORMATS))}, volume, image)")
        return value


class When(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag: str | None = Field(default=None, pattern=r"^--[a-z][a-z0-9-]*$")
    values: list[str] = Field(default_factory=list)
    mount_source: list[str] = Field(default_factory=list)
    publish_all_interfaces: bool = False
    rm_with_anonymous_volume: bool = False
    image_tag: str | None = None


class Warning_(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    when: When
    text: str = Field(min_length=1)
    read: str = Field(pattern=r"^[a-z0-9-]+(#[a-z0-9-]+)?$")


class Plugin(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    source: str = Field(pattern=r"^https://(docs\.docker\.com|github\.com/docker)/")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    prompts: list[str]
    windows_markers: list[str]
    problems: dict[str, str]
    reasons: dict[str, str]
    roles: dict[str, str]
    image_roles: list[str]
    image_flags: dict[str, list[str]]
    value_formats: list[ValueFormat]
    warnings: list[Warning_]
    parts: dict[str, str]
    plugins: dict[str, Plugin]

    @field_validator("prompts", "windows_markers")
    @classmethod
    def _portable(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            if re.search(r"\\[wWsSdDbB]|\(\?P", pattern):
                raise ValueError(f"'{pattern}': use [ \\t] and [A-Za-z0-9_], which Python and JavaScript read alike")
            re.compile(pattern)
        return patterns


PROBLEM_KINDS = {
    "unclosed", "space-after-continuation", "smart-quote", "typographic-dash", "nbsp", "zero-width", "no-command",
    "unknown-command", "unknown-subcommand", "missing-subcommand", "unknown-flag", "single-dash", "suggestion",
    "needs-value", "too-few-arguments", "too-many-arguments", "desktop-arguments", "program-removed",
    "program-deprecated", "command-removed", "command-deprecated", "flag-removed", "flag-deprecated",
    "flag-hidden", "flag-ignored", "shorthand-deprecated", "env-deprecated", "bad-value", "bad-argument",
    "conflict", "placeholder", "plugin",
}


def load_settings(path: Path = SETTINGS_FILE, project: Project = PROJECT) -> Settings:
    data, _ = load_yaml(path, project)
    where = project.shown(path)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise ExplainSettingsError(f"{where}: {describe(error)}") from None
    if missing := sorted(PROBLEM_KINDS - set(settings.problems)):
        raise ExplainSettingsError(f"{where}: problems: no words for '{missing[0]}'")
    return settings


# --- what each argument is, from the command's usage -------------------------------------------------

def usage_slots(usage: str, key: str) -> list[dict]:
    """The arguments a usage line names, in order: `docker container run [OPTIONS] IMAGE [COMMAND]
    [ARG...]` gives IMAGE, then COMMAND and ARG... (optional, the last repeated)."""
    words = usage.split()
    index = 1
    while index < len(words) and not words[index].startswith(("[", "(", "<")) and not words[index].isupper() \
            and index <= len(key.split()) + 1:
        index += 1
    tokens: list[tuple[str, bool]] = []
    depth = 0
    for word in words[index:]:
        optional = depth > 0 or word.startswith("[")
        depth += word.count("[") - word.count("]")
        name = word.lstrip("[")
        while name.endswith("]") and name.count("]") > name.count("["):
            name = name[:-1]
        if name in ("OPTIONS", "OPTION") or not name:
            continue
        if tokens and (name == "|" or tokens[-1][0].endswith(" |")):
            tokens[-1] = (f"{tokens[-1][0]} {name}", tokens[-1][1])
            continue
        if tokens and tokens[-1][0] == "ps" and name == "OPTIONS":
            continue
        tokens.append((name, optional))
    slots = []
    for name, optional in tokens:
        slots.append({"name": name, "optional": optional, "repeat": name.endswith("...")})
    return slots


def assign_roles(slots: list[dict], count: int) -> list[str]:
    """Which slot each of `count` arguments fills: required slots first, then optional ones in
    order; a repeated slot takes what is left."""
    required = sum(1 for slot in slots if not slot["optional"])
    extra = count - required
    roles: list[str] = []
    for slot in slots:
        if len(roles) >= count:
            break
        if not slot["optional"]:
            roles.append(slot["name"])
        elif extra > 0:
            roles.append(slot["name"])
            extra -= 1
        else:
            continue
        if slot["repeat"]:
            while extra > 0 and len(roles) < count:
                roles.append(slot["name"])
                extra -= 1
    return roles + [""] * (count - len(roles))


# --- the data both implementations read ---------------------------------------------------------------

@dataclass
class Data:
    """Everything the reading needs; `page_data` is the same for the page's script."""
    reference: Reference  # with what Docker accepts unlisted
    plain: Reference  # as --help lists it
    deprecations: Deprecations
    settings: Settings
    troubleshooting: list[dict]  # {id, title, patterns, fingerprints}


_DATA: dict[tuple, Data] = {}


def load_data(project: Project = PROJECT) -> Data:
    plain = load_reference(project.reference)
    deprecations = load_deprecations(project.deprecations, reference=plain, project=project)
    settings = load_settings(project.explain_settings, project)
    key = (id(plain), project.root, project.explain_settings.stat().st_mtime_ns, project.deprecations.stat().st_mtime_ns)
    if key not in _DATA:
        _DATA.clear()
        _DATA[key] = Data(with_accepted_flags(plain, deprecations), plain, deprecations, settings,
                          troubleshooting_patterns(project))
    return _DATA[key]


_VERB = re.compile(r"%[-+# 0]*(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]")


def message_words(text: str) -> list[str]:
    """The words of a message that tell it apart: letters only, four or more, lowercased."""
    return re.findall(r"[a-z]{4,}", text.lower())


# An inner part of a message (the chain without its outer links) names an entry only when it holds
# this much fixed text: "%s" alone would match anything.
MIN_FIXED_TEXT = 20

# A message pasted in an older wording (Docker 28's "Docker daemon socket" for 29's "docker API")
# still names its entry when most of the entry's words are in it.
MIN_SHARED_WORDS, MIN_SHARE = 5, 0.75


def troubleshooting_patterns(project: Project = PROJECT) -> list[dict]:
    """Each troubleshooting entry's messages as regular expressions and as fingerprints.

    The entry's last message is the error itself (earlier ones are output before it, such as
    "Unable to find image … locally"). Its patterns are what the chain of Docker's format strings
    prints, and what the chain prints without its outer links: the wrappers change with the
    version and the command (Docker 28 has no "failed to set up container networking: ", `docker
    compose up` no "Run 'docker run --help'"), the innermost error does not. Fingerprints are the
    longest fixed stretches of text, for a message pasted in part."""
    from sitekit.go_format import chain_pattern
    from sitekit.troubleshooting import load_troubleshooting

    data = load_troubleshooting(project)
    found: list[dict] = []
    for located in data.entries:
        entry = located.entry
        before, decisive, fingerprints = [], [], []
        for number, message in enumerate(entry.messages, 1):
            last = number == len(entry.messages)
            text = message.text.removeprefix(message.prefix).rstrip("\n")
            if message.origin == "docker":
                chain = []
                for link in message.formats:
                    if isinstance(link, str):
                        chain.append((data.strings[link], ()))
                    else:
                        chain.append((data.strings[link.at],
                                      tuple(data.strings[k].text if k else None for k in link.fill)))
                value_after = not isinstance(message.formats[-1], str) and message.formats[-1].value_after
                patterns = [chain_pattern(chain[start:], value_after).pattern for start in range(len(chain))
                            if len(_VERB.sub("", "".join(s.text for s, _ in chain[start:]))) >= MIN_FIXED_TEXT
                            or start == 0]
                pieces = [piece for string, _ in chain for piece in _VERB.split(string.text) if piece]
            else:
                patterns = [re.escape(text)]
                pieces = text.split("\n")
            (decisive if last else before).extend(p for p in patterns if p not in decisive + before)
            for piece in pieces:
                piece = piece.strip(" :\n")
                if len(piece) >= 14 and piece not in fingerprints and piece in text:
                    fingerprints.append(piece)
        words = sorted({word for message in entry.messages for word in message_words(message.text)})
        found.append({"id": entry.id, "title": entry.title, "patterns": decisive, "before": before,
                      "fingerprints": fingerprints, "words": words})
    # A stretch that several entries share ("Error response from daemon") tells none of them apart.
    counts: dict[str, int] = {}
    for item in found:
        for piece in item["fingerprints"]:
            counts[piece] = counts.get(piece, 0) + 1
    for item in found:
        item["fingerprints"] = [piece for piece in item["fingerprints"] if counts[piece] == 1]
    return found


# --- reading a paste -------------------------------------------------------------------------------

def fill(template: str, **params: object) -> str:
    """{name} replaced by its value; nothing else is special (the same in the page's script)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: str(params.get(m.group(1), m.group(0))), template)


def osa_distance(a: str, b: str) -> int:
    """Edits from one word to the other (insert, delete, change, or swap two neighbours)."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def nearest(word: str, candidates: list[str]) -> str:
    """The candidate a typo most likely meant (one edit for short words, two for longer), or ""."""
    limit = 1 if len(word) <= 4 else 2
    best, best_distance = "", limit + 1
    for candidate in candidates:
        distance = osa_distance(word.lower(), candidate.lower())
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def is_dynamic(text: str) -> bool:
    """A value the shell fills in ($PWD, $(pwd), `id -u`, %cd%) or the reader does (<your-docker-id>):
    what Docker gets is not known here."""
    return "$" in text or "`" in text or bool(re.search(r"%[A-Za-z_]+%|<[A-Za-z][A-Za-z0-9_.:-]*>", text))


class Explainer:
    def __init__(self, data: Data):
        self.data = data
        self.reference = data.reference
        self.settings = data.settings
        self.formats = data.settings.value_formats
        first_words = {spelling.split()[0] for spelling in self.reference._spellings}
        self.top_level = sorted(first_words | {g.split()[0] for g in self.reference.groups}
                                | set(self.reference.desktop_commands))

    def problem(self, kind: str, severity: str = "error", **params: object) -> dict:
        return {"kind": kind, "severity": severity, "text": fill(self.settings.problems[kind], **params)}

    # -- the whole paste --

    def explain(self, text: str) -> dict:
        paste = read_paste(text, self.settings.prompts, self.settings.windows_markers)
        commands, others = [], []
        docker_lines: set[int] = set()
        for command in paste.commands:
            explained = self.command(command, paste.shell)
            if explained is None:
                others.append({"line": command.line, "program": command.program, "nested": command.nested})
                continue
            commands.append(explained)
            docker_lines.update(range(command.line, command.last_line + 1))
        rest = "\n".join(line for number, line in enumerate(paste.lines, 1) if number not in docker_lines)
        errors = self.errors(rest)
        verdicts = [c["verdict"] for c in commands]
        verdict = "invalid" if "invalid" in verdicts else "outdated" if "outdated" in verdicts else \
            "valid" if verdicts else "error" if errors else "none"
        return {"shell": paste.shell, "session": paste.session, "commands": commands, "others": others,
                "errors": errors, "verdict": verdict}

    def errors(self, text: str) -> list[str]:
        scored = []
        if text.strip():
            for order, entry in enumerate(self.data.troubleshooting):
                score = 0
                for pattern in entry["patterns"]:  # the error itself
                    found = re.search(pattern, text, re.DOTALL)
                    if found:
                        score = max(score, 1000 + len(found.group(0)))
                for pattern in entry["before"] if not score else []:  # output that comes before it
                    found = re.search(pattern, text, re.DOTALL)
                    if found:
                        score = max(score, len(found.group(0)))
                if not score:
                    score = sum(len(piece) for piece in entry["fingerprints"] if piece in text)
                if score:
                    scored.append((-score, order, entry["id"]))
        if any(score <= -1000 for score, _, _ in scored):  # an error itself beats stretches of others
            scored = [item for item in scored if item[0] <= -1000]
        if not scored and text.strip():
            pasted = set(message_words(text))
            for order, entry in enumerate(self.data.troubleshooting):
                shared = sum(1 for word in entry["words"] if word in pasted)
                if shared >= MIN_SHARED_WORDS and shared >= MIN_SHARE * len(entry["words"]):
                    scored.append((-shared / len(entry["words"]), order, entry["id"]))
        return [entry_id for _, _, entry_id in sorted(scored)]

    # -- one command --

    def command(self, command: Command, shell: str) -> dict | None:
        deprecations = self.data.deprecations
        program = command.program
        problems: list[dict] = [self.shell_problem(p) for p in command.problems]
        result = {"line": command.line, "text": command.raw, "nested": command.nested, "program": program,
                  "prefixes": [w.raw for w in command.words[:command.prefixes]],
                  "redirects": command.redirects, "continued": command.continued, "rewritten": "",
                  "key": "", "spelled": "", "flags": [], "arguments": [], "problems": problems, "warnings": [],
                  "verdict": "valid"}
        for word in command.words[:command.prefixes]:
            entry = deprecations.env(word.text)
            if entry:
                problems.append(self.problem("env-deprecated", "outdated", text=entry.text, instead=entry.instead))
        words = [w.text for w in command.arguments]
        if program != "docker":
            entry = deprecations.program(program)
            if entry is None:
                return None
            if entry.status == "removed" or not entry.rewrite:
                problems.append(self.problem("program-removed", token=program, text=entry.text,
                                             instead=entry.instead))
                return self.finish(result)
            problems.append(self.problem("program-deprecated", "outdated", token=program, text=entry.text,
                                         instead=entry.instead))
            result["rewritten"] = entry.rewrite
            words = entry.rewrite.split()[1:] + words
        parsed = self.parse(words, problems)
        if parsed is not None:
            self.describe(parsed, result, problems)
        return self.finish(result)

    def finish(self, result: dict) -> dict:
        severities = {p["severity"] for p in result["problems"]}
        result["verdict"] = "invalid" if "error" in severities else "outdated" if "outdated" in severities \
            else "valid"
        return result

    def shell_problem(self, found: dict) -> dict:
        kind = found["kind"]
        if kind == "unclosed":
            names = {"'": "single quote (')", '"': 'double quote (")', "$(": "`$(`", "`": "backtick (`)",
                     "${": "`${`"}
            return self.problem(kind, quote=names.get(found["char"], found["char"]))
        if kind == "placeholder":
            return self.problem(kind, "note", word=found["word"])
        if kind == "typographic-dash":
            rest = found["word"].lstrip(found["char"])
            fixed = ("-" if len(rest) == 1 else "--") + rest
            return self.problem(kind, word=found["word"], char=found["char"], fixed=fixed)
        return self.problem(kind, char=found.get("char", ""), line=found.get("line", ""))

    # -- the checker, with repairs so the rest of a wrong command is still explained --

    def parse(self, words: list[str], problems: list[dict]) -> ParsedCommand | None:
        words = list(words)
        for _ in range(MAX_REPAIRS):
            try:
                return parse_words(words, self.reference)
            except CommandError as error:
                if error.kind == "desktop-arguments":
                    problems.append(self.problem(error.kind, "note", where=error.where))
                    name = error.where.removeprefix("docker ")
                    return ParsedCommand(key=name, spelled=name, desktop_only=True,
                                         arguments=words[words.index(name) + 1:])
                if error.kind == "unknown-command" and error.token in self.settings.plugins:
                    plugin = self.settings.plugins[error.token]
                    problems.append(self.problem("plugin", "note", token=error.token, name=plugin.name))
                    return ParsedCommand(key=error.token, spelled=error.token, desktop_only=True,
                                         arguments=words[words.index(error.token) + 1:])
                repaired = self.repair(error, words, problems)
                if repaired is None:
                    return error.parsed
                words = repaired
        return None

    def where_key(self, where: str) -> str:
        spelled = where.removeprefix("docker").strip()
        key = self.reference.key_of(spelled)
        return key if key is not None else self.reference.groups.get(spelled, spelled)

    def repair(self, error: CommandError, words: list[str], problems: list[dict]) -> list[str] | None:
        """Say what is wrong; return the words to try next, or None to stop."""
        kind, token, where = error.kind, error.token, error.where
        deprecations = self.data.deprecations
        if kind == "unknown-command":
            position = words.index(token) if token in words else 0
            entry = deprecations.command(words[position:])
            if entry:
                problems.append(self.problem("command-removed", token=entry.command, text=entry.text,
                                             instead=entry.instead))
                return None
            suggestion = nearest(token, self.top_level)
            problems.append(self.with_suggestion(self.problem("unknown-command", token=token), suggestion and
                                                 f"docker {suggestion}"))
            return words[:position] + [suggestion] + words[position + 1:] if suggestion else None
        if kind == "unknown-subcommand":
            if not token:
                problems.append(self.problem("missing-subcommand", where=where))
                return None
            group = where.removeprefix("docker ")
            entry = deprecations.command(group.split() + [token])
            if entry:
                problems.append(self.problem("command-removed", token=entry.command, text=entry.text,
                                             instead=entry.instead))
                return None
            size = len(group.split())
            subcommands = sorted({s.split()[size] for s in self.reference._spellings
                                  if s.startswith(group + " ") and len(s.split()) > size})
            suggestion = nearest(token, subcommands)
            problems.append(self.with_suggestion(self.problem("unknown-subcommand", token=token, where=where),
                                                 suggestion and f"{where} {suggestion}"))
            if not suggestion:
                return None
            position = _find(words, token)
            return words[:position] + [suggestion] + words[position + 1:]
        if kind in ("unknown-flag", "unknown-shorthand"):
            return self.repair_flag(error, words, problems)
        if kind == "needs-value":
            problems.append(self.problem(kind, token=token))
            return None
        if kind in ("too-few-arguments", "too-many-arguments"):
            spec = self.reference.commands[error.parsed.key]
            count = spec.min_args
            problems.append(self.problem(kind, token=token, where=where, count=count,
                                         plural="" if count == 1 else "s", usage=spec.usage[0]))
            return None
        problems.append(self.problem("no-command"))
        return None

    def with_suggestion(self, problem: dict, suggestion: str) -> dict:
        if suggestion:
            problem["text"] += " " + fill(self.settings.problems["suggestion"], suggestion=suggestion)
        return problem

    def repair_flag(self, error: CommandError, words: list[str], problems: list[dict]) -> list[str]:
        token, where, word = error.token, error.where, error.word
        key = self.where_key(where)
        position = _find(words, word)
        options = self.reference.options_of(key) if key in self.reference.commands or key in self.reference.groups.values() \
            else self.reference.options_of("")
        entry = self.data.deprecations.flag(key, token if token.startswith("--") else token)
        if entry and entry.status == "removed":
            problems.append(self.problem("flag-removed", token=word.split("=", 1)[0], where=where, text=entry.text,
                                         instead=entry.instead))
            value_word = 1 if entry.takes_value and "=" not in word and position + 1 < len(words) else 0
            return words[:position] + words[position + 1 + value_word:]
        name, equals, value = word.partition("=")
        if not name.startswith("--") and len(name) > 2 and f"-{name}" in options:
            problems.append(self.problem("single-dash", word=name, letters=name[1:], fixed=f"-{name}"))
            return words[:position] + [f"-{name}{equals}{value}"] + words[position + 1:]
        longs = [flag for flag in options if flag != "--help"]
        suggestion = nearest(name.lstrip("-"), [flag[2:] for flag in longs]) if name.startswith("--") else ""
        shown = name if name.startswith("--") else token
        problems.append(self.with_suggestion(self.problem("unknown-flag", token=shown, where=where),
                                             suggestion and f"--{suggestion}"))
        if suggestion:
            return words[:position] + [f"--{suggestion}{equals}{value}"] + words[position + 1:]
        return words[:position] + words[position + 1:]

    # -- a command the checker read --

    def describe(self, parsed: ParsedCommand, result: dict, problems: list[dict]) -> None:
        reference, deprecations = self.reference, self.data.deprecations
        result["key"], result["spelled"] = parsed.key, parsed.spelled
        entry = deprecations.command(parsed.key.split())
        if entry and entry.status != "removed":
            problems.append(self.problem("command-deprecated", "outdated", token=entry.command, text=entry.text,
                                         instead=entry.instead))
        options = reference.options_of(parsed.key) if not parsed.desktop_only else {}
        global_options = reference.options_of("")
        for name, written, value in zip(parsed.flags, parsed.written, parsed.values):
            flag = {"name": name, "written": written, "value": value, "format": "", "parts": None,
                    "deprecation": ""}
            option = options.get(name) or global_options.get(name)
            entry = deprecations.flag(parsed.key, name)
            if entry and entry.status != "removed" and (not entry.short or written in (entry.flag, entry.short)):
                flag["deprecation"] = entry.id
                problems.append(self.problem(f"flag-{entry.status}", "outdated", token=written, where=parsed.spelled,
                                             text=entry.text, instead=entry.instead))
            shorthand = deprecations.shorthand(name, written)
            if shorthand:
                flag["deprecation"] = shorthand.id
                problems.append(self.problem("shorthand-deprecated", "outdated", text=shorthand.text))
            if value is not None and option is not None:
                self.read_flag_value(parsed.key, flag, option, problems)
            result["flags"].append(flag)
        slots = usage_slots(reference.commands[parsed.key].usage[0], parsed.key) \
            if parsed.key in reference.commands else []
        roles = assign_roles(slots, len(parsed.arguments))
        for text, role in zip(parsed.arguments, roles):
            argument = {"text": text, "role": role, "parts": None}
            if role in self.settings.image_roles:
                try:
                    argument["parts"] = cli_values.read_value("image", text, is_dynamic(text))
                except cli_values.ValueProblem as problem:
                    problems.append(self.problem("bad-argument", value=text, role="image reference",
                                                 reason=self.reason(problem)))
            result["arguments"].append(argument)
        self.conflicts(result, problems)
        result["warnings"] = self.warnings(result)

    def value_format(self, key: str, name: str) -> str:
        canonical = self.canonical(key, name)
        for item in self.formats:
            if item.flag in (name, canonical) and (not item.commands or key in item.commands):
                return item.format
        if name in self.settings.image_flags.get(key, []):
            return "image"
        return ""

    def canonical(self, key: str, name: str) -> str:
        entry = self.data.deprecations.flag(key, name)
        return entry.same_as if entry and entry.same_as else name

    def reason(self, problem: cli_values.ValueProblem) -> str:
        return fill(self.settings.reasons[problem.reason], **problem.params)

    def read_flag_value(self, key: str, flag: dict, option, problems: list[dict]) -> None:
        value = flag["value"]
        dynamic = is_dynamic(value)
        kind = option.type if option.takes_value else "bool"
        try:
            if not dynamic:
                cli_values.check_type(kind, value, flag["name"])
            flag["format"] = self.value_format(key, flag["name"])
            if flag["format"]:
                flag["parts"] = cli_values.read_value(flag["format"], value, dynamic)
        except cli_values.ValueProblem as problem:
            problems.append(self.problem("bad-value", value=value, flag=flag["written"], reason=self.reason(problem)))

    def conflicts(self, result: dict, problems: list[dict]) -> None:
        """--rm and a restart policy cannot go together (opts.go: "conflicting options")."""
        if result["key"] not in ("container run", "container create"):
            return
        names = {f["name"]: f for f in result["flags"]}
        restart = names.get("--restart")
        if "--rm" in names and restart and (restart["value"] or "").split(":")[0] not in ("", "no") \
                and (names["--rm"]["value"] or "true") in cli_values.TRUE:
            problems.append(self.problem("conflict", text=self.settings.reasons["conflict-rm-restart"]))

    # -- warnings --

    def warnings(self, result: dict) -> list[str]:
        found = []
        for warning in self.settings.warnings:
            if self.holds(warning.when, result):
                found.append(warning.id)
        return found

    def holds(self, when: When, result: dict) -> bool:
        key = result["key"]
        flags = result["flags"]
        if when.flag:
            matching = [f for f in flags if self.canonical(key, f["name"]) == when.flag]
            if not matching:
                return False
            if not when.values:
                return True
            wanted = {v.lower() for v in when.values}
            return any(re.split("[:=]", (f["value"] or "").lower(), maxsplit=1)[0] in wanted for f in matching)
        if when.mount_source:
            wanted = {source.rstrip("/") or "/" for source in when.mount_source}
            for f in flags:
                parts = f["parts"] or {}
                if f["format"] in ("volume", "mount") and (parts.get("type") == "bind" or f["format"] == "volume") \
                        and "source" in parts:
                    source = parts["source"]
                    if (source.rstrip("/") or ("/" if source else "")) in wanted:
                        return True
            return False
        if when.publish_all_interfaces:
            return any(f["format"] == "publish" and (f["parts"] or {}).get("all_interfaces") for f in flags)
        if when.rm_with_anonymous_volume:
            if not any(self.canonical(key, f["name"]) == "--rm" and (f["value"] or "true") in cli_values.TRUE
                       for f in flags):
                return False
            return any(f["format"] == "volume" and (f["parts"] or {}).get("type") == "anonymous"
                       or f["format"] == "mount" and (f["parts"] or {}).get("type") == "volume"
                       and not (f["parts"] or {}).get("source") for f in flags)
        if when.image_tag:
            if key not in ("container run", "container create", "image pull", "service create"):
                return False
            return any(a["role"] in self.settings.image_roles and (a["parts"] or {}).get("tag") == when.image_tag
                       and not (a["parts"] or {}).get("digest") for a in result["arguments"])
        return False


def _find(words: list[str], word: str) -> int:
    return words.index(word) if word in words else len(words)


_EXPLAINER: dict[int, Explainer] = {}


def explain(text: str, data: Data | None = None) -> dict:
    """What the Explain page shows for a pasted text, as data (see docs/javascripts/explain-core.js)."""
    data = data or load_data()
    if id(data) not in _EXPLAINER:
        _EXPLAINER.clear()
        _EXPLAINER[id(data)] = Explainer(data)
    return _EXPLAINER[id(data)].explain(text)
