"""Path confinement of the MCP tools, the argument-error scrubber, and the commit verdict's
overrides, without a server process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.mcp_server.confine import PathRefused, Workspace, roots_from_uris
from railguard.mcp_server.scanning import (
    Scanner,
    ToolInputError,
    _checked_ref,
    harden_git_environment,
)
from railguard.mcp_server.server import without_values
from tests.githelpers import VULN, Repo


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    (tmp_path / "root" / "src").mkdir(parents=True)
    return Workspace.of([tmp_path / "root"])


def test_relative_and_absolute_paths_inside_a_root(ws: Workspace) -> None:
    root = ws.roots[0]
    assert ws.lexical("src/app.py") == root / "src" / "app.py"
    assert ws.lexical("./src//app.py") == root / "src" / "app.py"
    assert ws.lexical(str(root / "src" / "app.py")) == root / "src" / "app.py"
    assert ws.lexical(".") == root


@pytest.mark.parametrize("raw", ["../x.py", "src/../../x.py", "src/../app.py", "..\\x.py", "/etc/passwd",
                                 "", "   ", "a\0b", "x" * 5000, 42, None])
def test_refused(ws: Workspace, raw: object) -> None:
    with pytest.raises(PathRefused):
        ws.lexical(raw)


def test_symbolic_links_out_are_refused_links_inside_are_followed(ws: Workspace, tmp_path: Path) -> None:
    root = ws.roots[0]
    (tmp_path / "secret.txt").write_text("x")
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "src" / "real.py").write_text("x = 1\n")
    (root / "alias.py").symlink_to(root / "src" / "real.py")
    with pytest.raises(PathRefused, match="symbolic link"):
        ws.resolve("out.txt")
    assert ws.resolve("alias.py") == root / "src" / "real.py"
    assert not ws.contains(root / "out.txt") and ws.contains(root / "alias.py")


def test_roots_from_uris_keeps_local_folders(tmp_path: Path) -> None:
    spaced = tmp_path / "my project"
    spaced.mkdir()
    roots = roots_from_uris([spaced.as_uri(), "https://example.org/x", "file://otherhost/srv", (tmp_path / "no").as_uri()])
    assert roots == (spaced.resolve(),)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "..", ".", "", "~", "c.py", "/", "\\"]), min_size=1, max_size=8))
def test_whatever_is_accepted_lies_inside_the_root(tmp_path_factory: pytest.TempPathFactory, parts: list[str]) -> None:
    root = tmp_path_factory.getbasetemp() / "prop-root"
    root.mkdir(exist_ok=True)
    ws = Workspace.of([root])
    raw = "/".join(parts)
    try:
        p = ws.lexical(raw)
    except PathRefused:
        return
    assert p == ws.roots[0] or ws.roots[0] in p.parents, raw


def test_git_revisions_never_options() -> None:
    for ok in ("HEAD", "main", "origin/main", "HEAD~3", "v1.2.0", "abc123^"):
        assert _checked_ref(ok) == ok
    for bad in ("--output=/tmp/x", "-p", "a..b", "a b", "", "x" * 300, "$(id)"):
        with pytest.raises(ToolInputError):
            _checked_ref(bad)


def test_argument_errors_lose_their_values() -> None:
    message = ("Error executing tool scan_code: 1 validation error for scan_codeArguments\npath\n  Field required "
               "[type=missing, input_value={'code': 'TOKEN = \"ghp_abcdefghijk...\"'}, input_type=dict]\n"
               "    For further information visit https://errors.pydantic.dev/2.14/v/missing")
    clean = without_values(message)
    assert "ghp_" not in clean and "input_value" not in clean
    assert clean.endswith("path\n  Field required (missing)")


def test_hardened_git_environment_appends_to_existing_overrides() -> None:
    env = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "user.name", "GIT_CONFIG_VALUE_0": "x"}
    harden_git_environment(env)
    pairs = {env[f"GIT_CONFIG_KEY_{i}"]: env[f"GIT_CONFIG_VALUE_{i}"] for i in range(int(env["GIT_CONFIG_COUNT"]))}
    assert pairs["user.name"] == "x" and pairs["core.fsmonitor"] == "false" and pairs["diff.external"] == ""


def test_verdict_honours_the_override_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "repo", home)
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    monkeypatch.chdir(repo.path)
    for key, value in repo.env().items():
        if key.startswith("GIT_"):
            monkeypatch.setenv(key, value)
    scanner = Scanner()
    ws = Workspace.of([repo.path])
    monkeypatch.delenv("RAILGUARD_ALLOW", raising=False)
    assert scanner.scan_diff(ws).verdict.decision == "blocked"
    monkeypatch.setenv("RAILGUARD_ALLOW", "python.yaml-load: parses our own build output")
    verdict = scanner.scan_diff(ws).verdict
    assert verdict.decision == "pass" and verdict.allowed_by_override == ["python.yaml-load"]
    monkeypatch.setenv("RAILGUARD_ALLOW", "python.yaml-load")  # no reason: not an override
    assert scanner.scan_diff(ws).verdict.decision == "error"
    assert os.environ["RAILGUARD_ALLOW"] == "python.yaml-load"
