"""Which of a built page's code blocks hold commands a reader runs, read as the build marks them:
shared by the tests that check every such line (the CLI reference and the Explain page)."""

from __future__ import annotations

# Code blocks that hold commands a reader runs; output (`text`) and files (yaml, python) are skipped.
COMMAND_LANGUAGES = {"bash", "sh", "shell", "console", "powershell", "ps1", "zsh", ""}


def block_language(code) -> str:
    """The language of a <code> element's block, from the class the highlighter put on it or its parents."""
    for element in (code, code.parent, code.parent.parent):
        for cls in element.get("class", []) if element else []:
            if cls.startswith("language-"):
                return cls.removeprefix("language-")
    return ""
