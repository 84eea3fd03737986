"""tests/tooling.py: a missing tool fails under CI and skips only elsewhere."""

from __future__ import annotations

import pytest

import tooling


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_missing_tool_fails_under_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI must run this test"):
        tooling.missing("no frobnicator")


@pytest.mark.parametrize("value", [None, "", "false", "0"])
def test_missing_tool_skips_elsewhere(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception):
        tooling.missing("no frobnicator")
