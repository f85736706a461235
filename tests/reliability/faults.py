"""`python -m tests.reliability.faults FAULT [railguard arguments]`: railguard with one fault injected.

FAULT is one of:
  enospc-write  writing the audit log fails half-way with ENOSPC (a full disk)
  enospc-fsync  every fsync fails with ENOSPC (the line is written, never confirmed)
  enospc-head   the audit log's head record cannot be replaced (ENOSPC on rename)
  grammar       the Python grammar fails to load
  analyzer      one more analyzer, `boom`, raises on every document (enable it in the config)
  leaky         Engine.scan raises an error whose message quotes the document's text
"""

from __future__ import annotations

import errno
import os
import sys


def _is_audit_log(fd: int) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}").endswith("audit.jsonl")
    except OSError:
        return False


def _full_disk() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def install(fault: str) -> None:
    if fault == "enospc-write":
        real_write = os.write

        def write(fd: int, data) -> int:
            if _is_audit_log(fd):
                real_write(fd, bytes(data[: max(1, len(data) // 2)]))
                raise _full_disk()
            return real_write(fd, data)

        os.write = write
    elif fault == "enospc-fsync":
        def fsync(fd: int) -> None:
            raise _full_disk()

        os.fsync = fsync
    elif fault == "enospc-head":
        real_replace = os.replace

        def replace(src, dst, **kwargs) -> None:
            if str(dst).endswith(".head"):
                raise _full_disk()
            real_replace(src, dst, **kwargs)

        os.replace = replace
    elif fault == "grammar":
        from railguard.engine import languages

        languages.GRAMMARS["python"] = ("tree_sitter_no_such_grammar", "language")
    elif fault == "analyzer":
        from railguard.engine.analyzers.base import ANALYZERS, RULELESS

        ANALYZERS["boom"] = "tests.e2e.raising_analyzer"
        RULELESS.add("boom")
    elif fault == "leaky":
        from railguard.engine.engine import Engine

        def scan_document(self, document, *args, **kwargs):
            raise ValueError(f"cannot parse {document.data[:400]!r}")

        Engine.scan_document = scan_document
    else:
        raise SystemExit(f"unknown fault {fault!r}")


if __name__ == "__main__":
    install(sys.argv[1])
    from railguard.cli import main

    sys.exit(main(sys.argv[2:]))
