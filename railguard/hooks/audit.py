"""The audit trail: blocked commits, overrides and fail-open uses, one JSON line each.

Every entry carries the SHA-256 of the previous line (`prev`) and a sequence number, and a
small head file next to the log records the number and hash of the last entry. Editing or
deleting any entry, including the last one, breaks the chain and `railguard audit verify`
says where. An anchor in the user's state dir (outside the repository) records the number
and hash of the last entry too, so deleting the log with its head file, or rolling both back
to an older copy, is detected on the machine that wrote them. This makes tampering evident,
not impossible: ship the log to CI or a server when that matters.

Entries hold rule ids and fingerprints, never the text of a finding: a secret's
fingerprint is a hash, its value never reaches this file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.model import Finding, RailguardError

GENESIS = "0" * 64
EVENTS = ("blocked", "override", "fail-open", "timeout-accepted", "weakened-config-accepted", "suppressions-added")


@dataclass(frozen=True)
class AuditEvent:
    event: str  # one of EVENTS
    reason: str
    rules: tuple[str, ...] = ()
    fingerprints: tuple[str, ...] = ()
    stage: str = "pre-commit"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_findings(cls, event: str, reason: str, findings: Iterable[Finding], stage: str = "pre-commit",
                      **extra: Any) -> AuditEvent:
        found = list(findings)
        return cls(event, reason, tuple(sorted({f.rule_id for f in found})),
                   tuple(sorted({f.fingerprint for f in found if f.fingerprint})), stage, extra)


@dataclass(frozen=True)
class VerifyResult:
    entries: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def line_hash(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


def default_log_path(repo: Path) -> Path:
    from railguard.hooks.git import git_common_dir

    return git_common_dir(repo) / "railguard" / "audit.jsonl"


def log_path(configured: str, repo: Path) -> Path:
    """The audit log: config `hook.audit-log` (relative to the repository root) or .git/railguard/.

    A repository's config cannot name a path outside it (config.confine_paths), and a symbolic
    link inside the repository that leads out of it is refused here: railguard never writes
    outside the repository, its git folder and the user's own dirs."""
    if not configured:
        return default_log_path(repo)
    p = Path(configured).expanduser()
    p = p if p.is_absolute() else repo / p
    from railguard.hooks.git import git_common_dir
    from railguard.userdirs import is_inside, user_state_dir

    allowed = [repo, user_state_dir()]
    try:
        allowed.append(git_common_dir(repo))
    except RailguardError:
        pass
    if not is_inside(p, tuple(allowed)):
        raise RailguardError(f"{configured}: the audit log would be written outside the repository "
                             "(a symbolic link leads out of it); refused")
    return p


def _head_path(path: Path) -> Path:
    return path.with_name(path.name + ".head")


def anchor_path(path: Path) -> Path:
    """The anchor of a log: in the user's state dir, out of reach of the repository (and of
    whoever rewrites its .git folder), one file per log."""
    from railguard.userdirs import user_state_dir

    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return user_state_dir() / "audit-anchors" / f"{key}.json"


def _write_anchor(path: Path, seq: int, sha256: str) -> None:
    from railguard.atomic import write_atomic

    try:
        write_atomic(anchor_path(path), json.dumps({"log": str(path.resolve()), "seq": seq, "sha256": sha256}) + "\n")
    except OSError:
        pass  # a read-only state dir: the chain and head file still stand, without the outside anchor


def _anchor_problems(path: Path, lines: list[bytes]) -> list[str]:
    """Deletion or rollback: the log no longer holds the last entry this user's railguard wrote."""
    try:
        anchor = json.loads(anchor_path(path).read_bytes())
        seq, sha = int(anchor["seq"]), str(anchor["sha256"])
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        return [f"the anchor {anchor_path(path)} cannot be read"]
    if not lines:
        return [f"the log is gone or empty, but this user's anchor records {seq} entries (deleted?)"]
    if len(lines) < seq:
        return [f"the log has {len(lines)} entries, but this user's anchor records {seq} (rolled back or "
                "entries deleted)"]
    if line_hash(lines[seq - 1]) != sha:
        return [f"entry {seq} is not the one this user's anchor records (the log was rewritten)"]
    return []


def _last_line(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            chunk = 4096
            data = b""
            while size > 0:
                step = min(chunk, size)
                size -= step
                fh.seek(size)
                data = fh.read(step) + data
                stripped = data.rstrip(b"\n")
                if b"\n" in stripped:
                    return stripped.rsplit(b"\n", 1)[1]
            return data.rstrip(b"\n")
    except FileNotFoundError:
        return b""


def append(path: Path, event: AuditEvent, context: dict[str, str]) -> dict[str, Any]:
    """Append one entry under the log's lock; returns the entry as written.

    context holds the git facts (user, branch, tree) so that this module runs no git itself.
    Raises RailguardError when the log cannot be written.
    """
    from railguard.atomic import file_lock, write_atomic

    if event.event not in EVENTS:
        raise ValueError(f"unknown audit event {event.event!r}")
    try:
        with file_lock(path):
            last = _last_line(path)
            seq = 1
            if last:
                try:
                    seq = int(json.loads(last)["seq"]) + 1
                except (ValueError, KeyError, TypeError):
                    seq = sum(1 for _ in path.open("rb")) + 1
            entry: dict[str, Any] = {
                "seq": seq,
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "event": event.event,
                "stage": event.stage,
                "user": context.get("user", ""),
                "branch": context.get("branch", ""),
                "tree": context.get("tree", ""),
                "rules": list(event.rules),
                "fingerprints": list(event.fingerprints),
                "reason": event.reason,
                **event.extra,
                "prev": line_hash(last) if last else GENESIS,
            }
            line = json.dumps(entry, ensure_ascii=False, sort_keys=False).encode("utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.lseek(fd, 0, os.SEEK_END)
                try:
                    _write_all(fd, line + b"\n")
                    os.fsync(fd)
                    write_atomic(_head_path(path), json.dumps({"seq": seq, "sha256": line_hash(line)}) + "\n")
                    _write_anchor(path, seq, line_hash(line))
                except OSError:  # a full disk: take back a torn or unconfirmed line, keep the chain whole
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, size)
                        os.fsync(fd)
                    raise
            finally:
                os.close(fd)
    except OSError as exc:
        raise RailguardError(f"{path}: cannot write the audit log: {exc.strerror or exc} (make room or fix "
                             "the permissions there, or set [hook] audit-log to another file, and "
                             "commit again)") from None
    return entry


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_entries(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise RailguardError(f"{path}: cannot read the audit log: {exc.strerror or exc}") from None
    out = []
    for n, line in enumerate(lines, 1):
        try:
            item = json.loads(line)
        except ValueError:
            item = {"seq": None, "event": "?", "reason": f"line {n} is not JSON"}
        out.append(item if isinstance(item, dict) else {"seq": None, "event": "?", "reason": f"line {n}"})
    return out


def verify(path: Path) -> VerifyResult:
    """Check the chain: every prev hash, every sequence number, and the head record."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    except OSError as exc:
        raise RailguardError(f"{path}: cannot read the audit log: {exc.strerror or exc}") from None
    lines = [line for line in data.split(b"\n") if line]
    problems: list[str] = []
    prev = GENESIS
    for n, line in enumerate(lines, 1):
        try:
            entry = json.loads(line)
            if not isinstance(entry, dict):
                raise ValueError("not an object")
        except ValueError:
            problems.append(f"line {n}: not a JSON object (edited?)")
            prev = line_hash(line)
            continue
        if entry.get("prev") != prev:
            what = "the first entry is missing (deleted?)" if n == 1 and entry.get("seq") != 1 else (
                "the previous entry was edited or deleted")
            problems.append(f"line {n} (seq {entry.get('seq')}): hash chain broken: {what}")
        if entry.get("seq") != n:
            problems.append(f"line {n}: sequence number {entry.get('seq')} where {n} was expected "
                            "(an entry was deleted or inserted)")
        prev = line_hash(line)
    head = _head_path(path)
    try:
        head_data = json.loads(head.read_bytes())
    except FileNotFoundError:
        head_data = None
    except (OSError, ValueError):
        head_data = {}
    if head_data is None:
        if lines:
            problems.append(f"{head.name} is missing: cannot tell whether entries were removed from the end")
    elif head_data.get("seq") != len(lines) or (lines and head_data.get("sha256") != prev):
        problems.append(f"the last entry does not match {head.name} (seq {head_data.get('seq')}): "
                        "the end of the log was edited or deleted")
    problems += _anchor_problems(path, lines)
    return VerifyResult(len(lines), tuple(problems))


def summary_line(entry: dict[str, Any]) -> str:
    rules = ",".join(entry.get("rules") or []) or "-"
    return (f"{entry.get('seq', '?'):>4}  {entry.get('time', '?'):20}  {entry.get('event', '?'):9}  "
            f"{entry.get('user', ''):28.28}  {entry.get('branch', ''):16.16}  {rules}  {entry.get('reason', '')}")


def context_for(repo: Path) -> dict[str, str]:
    """The git facts recorded with each entry."""
    from railguard.hooks import git

    return {"user": git.current_identity(repo), "branch": git.current_branch(repo), "tree": git.index_tree(repo)}


def record(path: Path, repo: Path, events: Sequence[AuditEvent]) -> None:
    if not events:
        return
    context = context_for(repo)
    for event in events:
        append(path, event, context)
