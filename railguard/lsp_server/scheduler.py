"""When scans run: per document, debounced, off the event loop, newest version only.

A newer edit cancels the older pending scan (still waiting for its debounce or for the
worker); a scan already running finishes, and its result is dropped if the document has
moved on. Scans run on one worker thread: tree-sitter parsers are not shared between
threads, and the GIL would serialise Python work anyway.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, Generic, TypeVar

S = TypeVar("S")
R = TypeVar("R")

log = logging.getLogger(__name__)


class DocumentScheduler(Generic[S, R]):
    def __init__(self, executor: Executor) -> None:
        self.executor = executor
        self._tasks: dict[str, asyncio.Task[R | None]] = {}
        self.stats: Counter[str] = Counter()

    def schedule(
        self,
        key: str,
        delay: float,
        snapshot: Callable[[], S | None],
        job: Callable[[S], R],
        is_current: Callable[[S], bool],
        deliver: Callable[[S, R], Any],
        gate: asyncio.Event | None = None,
    ) -> asyncio.Task[R | None]:
        """Replace the document's pending scan by a new one that starts after `delay` seconds
        (and not before `gate` is set)."""
        self.cancel(key)
        task = asyncio.get_running_loop().create_task(
            self._run(key, delay, snapshot, job, is_current, deliver, gate))
        self._tasks[key] = task
        self.stats["scheduled"] += 1
        return task

    async def _run(self, key: str, delay: float, snapshot: Callable[[], S | None], job: Callable[[S], R],
                   is_current: Callable[[S], bool], deliver: Callable[[S, R], Any],
                   gate: asyncio.Event | None) -> R | None:
        try:
            if gate is not None and not gate.is_set():
                await gate.wait()
            if delay > 0:
                await asyncio.sleep(delay)
            snap = snapshot()  # taken when the scan starts: the newest text
            if snap is None:
                return None
            result = await asyncio.get_running_loop().run_in_executor(self.executor, job, snap)
            if not is_current(snap):
                self.stats["dropped"] += 1
                return None
            self.stats["delivered"] += 1
            deliver(snap, result)
            return result
        finally:
            if self._tasks.get(key) is asyncio.current_task():
                del self._tasks[key]

    def pending(self, key: str) -> asyncio.Task[R | None] | None:
        return self._tasks.get(key)

    def cancel(self, key: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None and not task.done():
            task.cancel()
            self.stats["cancelled"] += 1

    def cancel_all(self) -> None:
        for key in list(self._tasks):
            self.cancel(key)
