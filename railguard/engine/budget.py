"""A time budget per analyzer and file, enforced inside the analyzer, not only between them.

A file built to be slow (a concatenation of thousands of literals, a minified bundle) must not
hang a commit, and a slow analyzer must not cost the others their turn: the secrets analyzer
runs on every file whatever another analyzer did. A budget that runs out is reported as an
error naming the file and the analyzer, so the commit gate blocks (fail closed) unless the
user accepts timeouts explicitly.

Two mechanisms, because neither alone is enough:
- in the main thread (CLI, hook, pool workers), an interval timer raises `AnalyzerTimeout` at
  the next Python bytecode, which also stops pure-Python analysis deep in a loop;
- everywhere (also the language server's worker threads), analyzers call `check()` between
  bounded steps, e.g. the query analyzer between byte windows of a large file.

py-tree-sitter 0.26.1's `progress_callback` is not used: its options struct goes out of scope
before the cursor calls it, and it crashed the interpreter here.
"""

from __future__ import annotations

import contextlib
import contextvars
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

IMPORT_GRACE = 0.01  # seconds: how often a timeout that fell inside an import is tried again


class AnalyzerTimeout(BaseException):
    """The analyzer used up its time budget on this file (a BaseException: an analyzer's own
    `except Exception` must not swallow it)."""


_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("railguard_deadline", default=None)


def check() -> None:
    """Raise AnalyzerTimeout when the current budget is spent (no budget: never)."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise AnalyzerTimeout


def _raise_timeout(_signum: int, frame: FrameType | None) -> None:
    # An exception in the middle of an import leaves a half-initialised module behind (a C
    # extension's partial state broke the next `import yaml`): wait for the import to finish.
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            signal.setitimer(signal.ITIMER_REAL, IMPORT_GRACE)
            return
        frame = frame.f_back
    raise AnalyzerTimeout


def _timer_available() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None))


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Run the body with a budget of `seconds` (<= 0: nothing may run; the body times out at once)."""
    if seconds <= 0:
        raise AnalyzerTimeout
    token = _deadline.set(time.monotonic() + seconds)
    timer = _timer_available()
    previous = None
    if timer:
        previous = signal.signal(signal.SIGALRM, _raise_timeout)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _deadline.reset(token)
