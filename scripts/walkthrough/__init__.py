"""The walkthrough harness: every chapter's commands, run in order on a real Docker Engine.

    python3 dev.py walkthrough            # the whole walkthrough, on a private daemon (as root)
    .venv/bin/python -m scripts.walkthrough --help

Modules: `pages` reads the code blocks from the built site, `daemon` starts and stops a private
dockerd (in its own network namespace) and proves nothing is left behind, `standins` builds the
images the pages pull when Docker Hub cannot be reached, `terminal` runs commands in a pseudo
terminal as a reader would, `runner` executes the chapters and checks what the data promises,
`compare` checks the pages' sample outputs against the recorded ones, `report` writes them.
"""
