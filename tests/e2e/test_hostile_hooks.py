"""Attacks on the commit gate from the repository it guards (docs/security.md), with real git
and the hook `railguard install-hook` writes."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from tests.githelpers import SAFE, VULN, Repo

_R = random.Random(7)


def _key(prefix: str, n: int, alphabet: str) -> str:  # built here: no key sits in the source
    return prefix + "".join(_R.choice(alphabet) for _ in range(n))


GITHUB = _key("ghp_", 36, string.ascii_letters + string.digits)
AWS = _key("AKIA", 16, string.ascii_uppercase + string.digits)
# only keys: what the secrets analyzer finds (it cannot finish in the tiny budget below). A finding of
# an analyzer fast enough to finish in it (`os.system(input())` for taint) would rightly block still.
KEYS_FILE = f'GITHUB_TOKEN = "{GITHUB}"\nAWS_ACCESS_KEY_ID = "{AWS}"\n'
# the same keys after 10,000 plain settings: warm, the secrets analyzer reads two lines in well under
# a millisecond (a CI machine did), but not half a megabyte, so the tiny budget below surely runs out
SLOW_KEYS_FILE = "".join(f'LABEL_{i} = "value number {i} of the settings"\n' for i in range(10_000)) + KEYS_FILE

SHADOWS = ("railguard/__init__.py", "railguard/__main__.py", "railguard/cli.py", "tree_sitter.py",
           "tree_sitter_python.py", "detect_secrets.py")


def hostile_package(repo: Repo, marker: Path, shadows: tuple[str, ...] = (*SHADOWS, "yaml.py", "tomllib.py")) -> None:
    """A `railguard/` package and modules shadowing what railguard imports that, if imported,
    leave a marker and wave the commit through."""
    payload = f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\nraise SystemExit(0)\n"
    for name in shadows:
        repo.write(name, payload)


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    result = r.railguard("install-hook")
    assert result.returncode == 0, result.stderr
    return r


def test_plain_hook_runs_no_code_from_the_repository(repo, tmp_path):
    marker = tmp_path / "pwned"
    hostile_package(repo, marker)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "the attacker's package", "--no-verify")
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("vulnerable")
    assert not marker.exists(), marker.read_text()
    assert r.returncode == 1, r.stdout + r.stderr
    assert "python.yaml-load" in r.stdout + r.stderr
    script = (repo.path / ".git" / "hooks" / "pre-commit").read_text()
    assert " -I -m railguard" in script or "-m railguard" not in script
    repo.write("app.py", SAFE)
    repo.git("add", "app.py")
    assert repo.commit("safe").returncode == 0
    assert not marker.exists()


def test_a_tiny_file_timeout_blocks_instead_of_skipping_the_secrets_analyzer(repo):
    repo.write(".railguard.toml", "file-timeout = 0.001\n")
    repo.write("settings.py", SLOW_KEYS_FILE)
    repo.git("add", ".railguard.toml", "settings.py")
    r = repo.commit("keys")
    out = r.stdout + r.stderr
    assert r.returncode != 0 and repo.commits() == 1, out
    assert "settings.py: secrets analyzer timed out after 0.001 s" in out
    assert GITHUB not in out and AWS not in out
    # accepted explicitly, on the command line (never by the repository's config): recorded
    r = repo.railguard("hook", "--staged", "--allow-timeout")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "accepted (allow-timeout, recorded in the audit log): settings.py: secrets analyzer timed out" in r.stdout
    log = (repo.path / ".git" / "railguard" / "audit.jsonl").read_text()
    assert '"event": "timeout-accepted"' in log


def test_deleting_or_rolling_back_the_audit_log_is_detected(repo):
    log = repo.path / ".git" / "railguard" / "audit.jsonl"
    head = log.with_name("audit.jsonl.head")
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    assert repo.commit("one").returncode != 0  # entry 1: blocked
    saved = (log.read_bytes(), head.read_bytes())
    assert repo.commit("two", RAILGUARD_ALLOW="python.yaml-load: reviewed").returncode == 0  # entry 2
    assert repo.railguard("audit", "verify").returncode == 0
    # roll log and head back together to the older, self-consistent copy
    log.write_bytes(saved[0])
    head.write_bytes(saved[1])
    r = repo.railguard("audit", "verify")
    assert r.returncode == 1 and "rolled back" in r.stdout + r.stderr, r.stdout + r.stderr
    # delete both
    log.unlink()
    head.unlink()
    r = repo.railguard("audit", "verify")
    assert r.returncode == 1 and "deleted" in r.stdout + r.stderr, r.stdout + r.stderr


SUPPRESSED = ("import yaml\n\ndef load(text):\n    return yaml.load(text)  # nosec\n\n"
              "def again(text):\n    return yaml.load(text)  # railguard: ignore[python.yaml-load] our own signed file\n")


def test_added_suppressions_are_listed_and_audited(repo):
    repo.write("app.py", SUPPRESSED)
    repo.git("add", "app.py")
    r = repo.commit("quietly")
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "suppression added: app.py:4 python.yaml-load (# nosec)" in out
    assert "suppression added: app.py:7 python.yaml-load (railguard: ignore[python.yaml-load] our own signed file)" in out
    log = [json.loads(line) for line in (repo.path / ".git" / "railguard" / "audit.jsonl").read_text().splitlines()]
    [entry] = [e for e in log if e["event"] == "suppressions-added"]
    assert entry["rules"] == ["python.yaml-load"]
    assert "app.py:4 python.yaml-load: # nosec" in entry["reason"] and "app.py:7" in entry["reason"]
    # each silenced finding is identified as an unsilenced one would be
    assert len(entry["fingerprints"]) == 2 and all(len(x) == 32 for x in entry["fingerprints"]), entry
    # a later commit that does not add them lists nothing
    repo.write("README.md", "more\n")
    repo.git("add", "README.md")
    assert "suppression added" not in (lambda r: r.stdout + r.stderr)(repo.commit("docs"))


def test_sarif_keeps_suppressed_results_marked(repo):
    repo.write("app.py", SUPPRESSED)
    r = repo.railguard("scan", ".", "-f", "sarif", "--no-cache")
    results = json.loads(r.stdout)["runs"][0]["results"]
    marked = [x for x in results if x.get("suppressions")]
    assert len(marked) == 2, results
    assert {x["suppressions"][0]["kind"] for x in marked} == {"inSource"}
    assert {x["suppressions"][0]["justification"] for x in marked} == {
        "# nosec", "railguard: ignore[python.yaml-load] our own signed file"}


def _fingerprints(repo: Repo, fmt: str) -> tuple[list[str], list[str]]:
    """(kept, suppressed) fingerprints of `railguard scan` in SARIF or JSON."""
    r = repo.railguard("scan", ".", "-f", fmt, "--no-cache")
    data = json.loads(r.stdout)
    if fmt == "sarif":
        results = data["runs"][0]["results"]
        return ([x["partialFingerprints"]["railguard/v1"] for x in results if not x.get("suppressions")],
                [x["partialFingerprints"]["railguard/v1"] for x in results if x.get("suppressions")])
    return [f["fingerprint"] for f in data["findings"]], [f["fingerprint"] for f in data["suppressed_findings"]]


def test_suppressed_results_carry_the_fingerprint_they_had_before(repo):
    repo.write("app.py", SUPPRESSED.replace("  # nosec", "").replace(
        "  # railguard: ignore[python.yaml-load] our own signed file", ""))
    before = sorted(_fingerprints(repo, "json")[0])
    assert len(before) == 2 and all(before), before
    repo.write("app.py", SUPPRESSED)
    for fmt in ("sarif", "json"):
        kept, suppressed = _fingerprints(repo, fmt)
        assert not [f for f in kept if f in before], fmt
        assert sorted(suppressed) == before, fmt
    data = json.loads(repo.railguard("scan", ".", "-f", "json", "--no-cache").stdout)
    assert {f["suppression"] for f in data["suppressed_findings"]} == {
        "# nosec", "railguard: ignore[python.yaml-load] our own signed file"}


@pytest.mark.parametrize("trick", ["nul-byte", "oversized"])
def test_a_key_in_a_file_the_scan_skips_still_blocks_the_commit(repo, trick):
    padding = b"#\0\n" if trick == "nul-byte" else b"#" * 40 + b"\n"
    if trick == "oversized":
        repo.write(".railguard.toml", "max-file-size = 4096\n")
        repo.git("add", ".railguard.toml")
        padding *= 200
    (repo.path / "settings.env").write_bytes(f"GITHUB_TOKEN={GITHUB}\n".encode() + padding)
    repo.git("add", "settings.env")
    r = repo.commit("keys")
    out = r.stdout + r.stderr
    assert r.returncode != 0 and repo.commits() == 1, out
    assert "settings.env:1:14: critical secrets.github-token" in out and "(checked for secrets only)" in out
    assert GITHUB not in out
    scan = repo.railguard("scan", ".", "--no-cache", "-v")  # outside the gate: skipped, as before
    assert "secrets.github-token" not in scan.stdout and "settings.env: skipped" in scan.stdout + scan.stderr
