"""Baseline and cache writes are atomic: a writer killed at any point leaves the old or the new
file; two worktrees committing at once both get their audit entries into the shared log."""

from __future__ import annotations

from tests.reliability.stress import concurrent_hooks, kill_writers


def test_sigkill_never_leaves_a_torn_file(tmp_path):
    result = kill_writers(tmp_path, runs=25, seed=1234)
    assert result["kills"] == 25
    assert result["torn"] == 0
    assert result["versions_seen"] > 1  # the writer really got to replace the file
    # a killed writer may leave its temporary file behind, never a half-written target
    assert all(name.startswith(".baseline.json.") for name in result["leftovers"])


def test_two_worktrees_running_the_hook_at_once_lose_no_audit_entry(tmp_path):
    result = concurrent_hooks(tmp_path, runs=3)
    assert result["blocked_runs"] == 6, result
    assert result["lost"] == 0, result
    assert result["verify_ok"], result["verify_output"]
