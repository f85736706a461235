"""`railguard agent-hook` fed the hook events that coding agents really send (fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.githelpers import SAFE, VULN, Repo

FIXTURES = ROOT / "tests" / "fixtures" / "agent_hooks"
VULN_TYPED = VULN.replace("def load(text):", "def load(text: str):")


def event(name: str, cwd: Path) -> str:
    return (FIXTURES / name).read_text().replace("__CWD__", str(cwd))


@pytest.fixture
def project(tmp_path):
    r = Repo(tmp_path / "proj", tmp_path)
    (r.path / "app").mkdir()
    return r


@pytest.mark.parametrize("fixture", ["claude_post_write.json", "claude_post_edit.json",
                                     "claude_post_multiedit.json", "gemini_after_tool.json",
                                     "cursor_after_file_edit.json"])
def test_file_with_a_new_finding_exits_2_with_findings_on_stderr(project, fixture):
    project.write("app/loader.py", VULN_TYPED if "multiedit" in fixture else VULN)  # the edit is on disk
    r = project.railguard("agent-hook", input=event(fixture, project.path))
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stdout == ""
    assert "railguard found 1 security problem in app/loader.py" in r.stderr
    assert "app/loader.py:4:12: high python.yaml-load" in r.stderr
    assert "railguard: ignore[<rule-id>]" in r.stderr


def test_clean_file_exits_0_silently(project):
    project.write("app/loader.py", SAFE)
    r = project.railguard("agent-hook", input=event("claude_post_write.json", project.path))
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_event_without_a_file_exits_0(project):
    r = project.railguard("agent-hook", input=event("claude_post_bash.json", project.path))
    assert (r.returncode, r.stderr) == (0, "")


def test_pre_tool_use_checks_the_content_before_it_is_written(project):
    r = project.railguard("agent-hook", input=event("claude_pre_write.json", project.path))
    assert r.returncode == 2
    assert "app/new_loader.py:4:12" in r.stderr
    assert not (project.path / "app" / "new_loader.py").exists()


def test_findings_the_committed_file_already_has_are_not_repeated(project):
    project.write("app/loader.py", VULN)
    project.git("add", "app/loader.py")
    project.write("app/loader.py", VULN + "\nVERSION = 2\n")  # the agent touched an old file
    r = project.railguard("agent-hook", input=event("claude_post_edit.json", project.path))
    assert (r.returncode, r.stderr) == (0, "")
    r = project.railguard("agent-hook", "--all", input=event("claude_post_edit.json", project.path))
    assert r.returncode == 2


def test_excluded_path_is_not_reported(project):
    project.write(".railguard.toml", 'exclude = ["app/"]\n')
    project.write("app/loader.py", VULN)
    r = project.railguard("agent-hook", input=event("claude_post_write.json", project.path))
    assert (r.returncode, r.stderr) == (0, "")


def test_bad_json_is_a_hook_error_not_feedback(project):
    r = project.railguard("agent-hook", input="{not json")
    assert r.returncode == 1
    assert "stdin is not JSON" in r.stderr


def test_broken_config_fails_closed_with_the_reason(project):
    project.write(".railguard.toml", "exclude = [\n")
    project.write("app/loader.py", SAFE)
    r = project.railguard("agent-hook", input=event("claude_post_write.json", project.path))
    assert r.returncode == 2
    assert "could not check" in r.stderr and "invalid TOML" in r.stderr


def test_settings_snippet_is_valid_claude_code_settings():
    import json

    from railguard.hooks.agent import settings_snippet

    settings = json.loads(settings_snippet())
    [entry] = settings["hooks"]["PostToolUse"]
    assert entry["matcher"] == "Write|Edit|MultiEdit"
    assert entry["hooks"] == [{"type": "command", "command": "railguard agent-hook"}]
