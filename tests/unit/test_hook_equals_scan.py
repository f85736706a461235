"""The commit hook's short cuts change no finding.

A commit of a few files takes the start-up path: only the query patterns that can match each
file are compiled (anchor words, the literals of `where` regexes, `paths`), and the access
framework models are imported only when a file can hold a route. A full scan compiles every
pattern and builds every index. Staged in small commits, the rules' own fixtures (every
analyzer, every language) must give the hook exactly the findings of a full scan of the same
files."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from railguard.config import load_config
from railguard.engine import workspace
from railguard.engine.engine import SMALL_SCAN_FILES, Engine
from railguard.hooks.commit import CommitGate, HookOptions
from railguard.hooks.output import Printer
from railguard.model import SourceFile
from tests.conftest import ROOT

RULES = ROOT / "railguard" / "rules"
BATCH = 10  # files per commit: the hook's few-files path (at most SMALL_SCAN_FILES)


def _fixtures() -> list[Path]:
    found = sorted(p for p in RULES.glob("*/fixtures/**/*") if p.is_file() and "semgrep" not in p.parts
                   and "__pycache__" not in p.parts)
    return found


def _batches() -> list[list[Path]]:
    files = _fixtures()
    return [files[i : i + BATCH] for i in range(0, len(files), BATCH)]


def _key(f) -> tuple:  # noqa: ANN001 - a Finding
    return (f.path, f.range.start_byte, f.range.end_byte, f.rule_id, f.analyzer, int(f.severity), int(f.confidence),
            f.message)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent), "PATH": "/usr/bin:/bin",
                        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def _stage(tmp_path: Path, files: list[Path]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    for src in files:
        rel = src.relative_to(RULES)
        # the pack and the fixture's name, outside any fixtures/ folder (the policy's test kinds)
        dest = repo / "src" / rel.parts[0] / Path(*rel.parts[2:])
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    _git(repo, "add", "-A")
    return repo


def _hook_findings(repo: Path, monkeypatch) -> tuple[set[tuple], list[str]]:  # noqa: ANN001
    monkeypatch.chdir(repo)
    gate = CommitGate(HookOptions(staged=True), Printer(io.StringIO(), color=False), cwd=repo)
    config = gate.load_config()
    engine = Engine(config)
    report = gate.scan(config, engine)
    assert report.files <= SMALL_SCAN_FILES
    return {_key(f) for f in report.findings}, [n.line() for n in report.errors]


def _scan_findings(repo: Path, monkeypatch) -> tuple[set[tuple], list[str]]:  # noqa: ANN001
    """`railguard scan` of the same files, every pattern compiled (as for a large project)."""
    monkeypatch.setattr(workspace, "SMALL_SCAN_FILES", 0)
    config = load_config(repo)
    files = [SourceFile.on_disk(p, p.relative_to(repo).as_posix()) for p in sorted((repo / "src").rglob("*")) if p.is_file()]
    report = Engine(config).scan(files, "commit", use_cache=False)
    return {_key(f) for f in report.findings}, [n.line() for n in report.errors]


@pytest.mark.parametrize("batch", range(len(_batches())))
def test_hook_finds_what_a_full_scan_finds(tmp_path, monkeypatch, batch):
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    repo = _stage(tmp_path, _batches()[batch])
    hook, hook_errors = _hook_findings(repo, monkeypatch)
    scan, scan_errors = _scan_findings(repo, monkeypatch)
    assert hook_errors == scan_errors
    assert sorted(hook - scan) == [] and sorted(scan - hook) == []
    assert hook, "every batch of fixtures has findings"


def test_the_fixtures_cover_every_analyzer(tmp_path, monkeypatch):
    """The batches above reach every analyzer that runs by default."""
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(workspace, "SMALL_SCAN_FILES", 0)
    repo = _stage(tmp_path, _fixtures())
    config = load_config(repo)
    engine = Engine(config)
    files = [SourceFile.on_disk(p, p.relative_to(repo).as_posix()) for p in sorted((repo / "src").rglob("*")) if p.is_file()]
    found = {f.analyzer for f in engine.scan(files, "commit", use_cache=False).findings}
    assert set(engine.analyzer_names) - {"semgrep"} <= found
