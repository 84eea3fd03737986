"""What a missing tool means, decided in one place: under CI it fails, on a laptop it skips.

CI is any environment that sets the conventional `CI` variable (GitHub Actions sets CI=true;
.ci/run sets it too), so a check can never turn green by being skipped there.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def missing(reason: str) -> None:
    """Skip on a developer machine, fail under CI, where a skipped check would pass silently."""
    if in_ci():
        pytest.fail(f"{reason}; CI must run this test (python3 dev.py test sets it up)", pytrace=False)
    pytest.skip(reason)
