"""The audit trail's hash chain: edits and deletions anywhere are detected."""

from __future__ import annotations

import json

from railguard.hooks.audit import GENESIS, AuditEvent, append, line_hash, read_entries, verify
from railguard.model import Confidence, Finding, Position, Range, Severity

CONTEXT = {"user": "Dev <dev@example.com>", "branch": "main", "tree": "a" * 40}


def finding(rule: str, fingerprint: str) -> Finding:
    return Finding(rule, Severity.HIGH, Confidence.HIGH, "msg", "a.py", Range(Position(0, 0), Position(0, 1)),
                   fingerprint=fingerprint)


def write_log(path, n=4):
    for i in range(n):
        append(path, AuditEvent("override", f"reason {i}", ("r.one",), (f"fp{i}",)), CONTEXT)


def test_chain_links_every_entry_to_the_previous_one(tmp_path):
    log = tmp_path / "audit.jsonl"
    write_log(log)
    lines = log.read_bytes().splitlines()
    entries = [json.loads(line) for line in lines]
    assert entries[0]["prev"] == GENESIS
    assert [e["prev"] for e in entries[1:]] == [line_hash(line) for line in lines[:-1]]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4]
    assert verify(log).ok and verify(log).entries == 4


def test_edited_entry_is_detected(tmp_path):
    log = tmp_path / "audit.jsonl"
    write_log(log)
    log.write_text(log.read_text().replace("reason 1", "reason X"))
    result = verify(log)
    assert not result.ok
    assert any("line 3" in p and "hash chain broken" in p for p in result.problems)


def test_deleted_middle_first_and_last_entries_are_detected(tmp_path):
    log = tmp_path / "audit.jsonl"
    write_log(log)
    original = log.read_text().splitlines(keepends=True)
    for drop in (0, 1, 3):
        log.write_text("".join(line for i, line in enumerate(original) if i != drop))
        assert not verify(log).ok, f"deleting entry {drop + 1} went unnoticed"
    log.unlink()
    assert not verify(log).ok  # the head record still says 4 entries


def test_entries_hold_fingerprints_never_finding_text(tmp_path):
    log = tmp_path / "audit.jsonl"
    secret_finding = finding("secrets.aws-key", "0123abcd").with_changes(message="AKIAIOSFODNN7EXAMPLE")
    append(log, AuditEvent.from_findings("blocked", "1 finding", [secret_finding]), CONTEXT)
    text = log.read_text()
    assert "AKIAIOSFODNN7EXAMPLE" not in text
    [entry] = read_entries(log)
    assert entry["rules"] == ["secrets.aws-key"] and entry["fingerprints"] == ["0123abcd"]
    assert entry["user"] == CONTEXT["user"] and entry["tree"] == CONTEXT["tree"]


def test_concurrent_appends_keep_the_chain(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    log = tmp_path / "audit.jsonl"
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: append(log, AuditEvent("blocked", str(i)), CONTEXT), range(20)))
    result = verify(log)
    assert result.ok, result.problems
    assert result.entries == 20
