"""A command line as readers also type it: with short flags and combined switches.

The CLI reference (sitekit/cli_reference.py) knows each flag's short form and whether it takes a
value; the search engine knows nothing about flags, so these spellings go into the index as data.
"""

from __future__ import annotations

from sitekit.cli_reference import Reference, parse_command, split_shell


def short_spellings(line: str, reference: Reference) -> list[str]:
    """The same command with short flags, as readers type it: `docker image build --tag web1 .`
    is also `docker image build -t web1 .`, `--interactive --tty` also `-i -t` and `-it`.

    The CLI reference knows each flag's short form and whether it takes a value; the search
    engine knows nothing about flags, so these spellings go into the index as data.
    """
    parsed = parse_command(line, reference)
    spec = reference.commands.get(parsed.key)
    tokens = split_shell(line)
    command = tokens[1:1 + len(parsed.spelled.split())]
    if spec is None or parsed.desktop_only or command != parsed.spelled.split():
        return []  # a help line, a Desktop plugin, or flags before the subcommand: left as written
    options = reference.options_of(parsed.key)
    shorts = {option.short: option for option in options.values() if option.short}
    rest = tokens[1 + len(command):]
    written: list[str] = []
    switches: list[int] = []  # positions in `written` of one-letter flags that take no value
    positional = 0
    index = 0
    while index < len(rest):
        token = rest[index]
        if token == "--" or (spec.free_args_after is not None and positional >= spec.free_args_after):
            written += rest[index:]
            break
        if token.startswith("-") and token != "-":
            name, has_value, value = token.partition("=")
            option = options.get(name) if name.startswith("--") else shorts.get(name[:2])
            if option is None:
                return []
            flag = option.short or name if name.startswith("--") else token
            if option.takes_value and name.startswith("--"):
                written += [flag, value] if has_value else [flag, rest[index + 1]]
                index += 0 if has_value else 1
            else:
                if not option.takes_value and len(flag) == 2:
                    switches.append(len(written))
                written.append(flag)
                if option.takes_value and len(token) == 2:
                    written.append(rest[index + 1])
                    index += 1
        else:
            positional += 1
            written.append(token)
        index += 1
    head = ["docker", *command]
    spellings = [" ".join(head + written)]
    # One-letter switches next to each other combine: -i -t is -it.
    combined, run = list(written), []
    for position in switches + [-2]:
        if run and position == run[-1] + 1:
            run.append(position)
            continue
        if len(run) > 1:
            combined[run[0]] = "-" + "".join(written[p][1] for p in run)
            for p in run[1:]:
                combined[p] = ""
        run = [position]
    spellings.append(" ".join(head + [t for t in combined if t]))
    return [s for s in dict.fromkeys(spellings) if s != line]


def combined_switches(key: str, lines: list[str], reference: Reference) -> list[tuple[str, str]]:
    """(long flag, token) for each one-letter switch written combined with others in `lines`:
    `-it` names both --interactive and --tty, so the flags' entries answer to it too."""
    shorts = {option.short: name for name, option in reference.options_of(key).items() if option.short}
    found = []
    for line in lines:
        for token in line.split():
            letters = token[1:]
            if (token.startswith("-") and not token.startswith("--") and len(letters) > 1
                    and all(f"-{letter}" in shorts for letter in letters)):
                found += [(shorts[f"-{letter}"], token) for letter in letters]
    return found
