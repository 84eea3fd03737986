"""tests/tooling.py: a missing tool fails under CI and skips only elsewhere; tests/conftest.py:
markers follow from the fixtures a test uses."""

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


def test_markers_follow_the_fixtures_a_test_uses(request):
    """Whatever this run collected: a test that uses Chromium is marked browser, one that starts
    a Docker Engine is marked daemon, so `-m "not browser"` really leaves Chromium out."""
    from conftest import MARKERS_BY_FIXTURE

    for item in request.session.items:
        for fixture, marker in MARKERS_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                assert item.get_closest_marker(marker) is not None, f"{item.nodeid} uses {fixture}"


def test_pytest_looks_into_every_folder_of_tests(request):
    """A folder pytest skips (its norecursedirs: build, dist, venv…) would hold tests that never run."""
    import fnmatch

    from sitekit.project import ROOT

    skipped = request.config.getini("norecursedirs")
    folders = [path.name for path in (ROOT / "tests").iterdir() if path.is_dir() and path.name != "__pycache__"]
    assert folders
    for folder in folders:
        assert not any(fnmatch.fnmatch(folder, pattern) for pattern in skipped), f"pytest skips tests/{folder}/"
