"""MkDocs hook: under `mkdocs serve`, look for edited files every 0.1 s instead of every 0.5 s.

MkDocs watches the sources with watchdog's polling observer (it works on every file system,
mounted folders included) and looks every half second: on average a quarter of a second between
saving a page and its rebuild starting, a quarter of the time to see the edit. One look at every
watched file (some 260 of them) takes about 2 ms, so looking five times as often costs about 2 %
of one core while serve runs. `mkdocs build` is not touched.
"""

from __future__ import annotations

import functools

POLLING_INTERVAL = 0.1  # seconds


def poll_often() -> None:
    """The development server's watcher polls every POLLING_INTERVAL seconds: `polling_interval`
    is a parameter of MkDocs' LiveReloadServer that `mkdocs serve` leaves at its default."""
    from mkdocs.livereload import LiveReloadServer

    if hasattr(LiveReloadServer.__init__, "__wrapped__"):
        return
    init = LiveReloadServer.__init__

    @functools.wraps(init)
    def __init__(self, *args, polling_interval: float = POLLING_INTERVAL, **kwargs) -> None:
        init(self, *args, polling_interval=polling_interval, **kwargs)

    LiveReloadServer.__init__ = __init__


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        poll_often()
