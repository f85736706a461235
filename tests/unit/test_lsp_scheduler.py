"""Debounce, cancellation and stale-version dropping, with a scan that takes its time."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from railguard.lsp_server.scheduler import DocumentScheduler


class Doc:
    def __init__(self) -> None:
        self.version = 1


def make(doc: Doc, scanned: list[int], delivered: list[int], release: threading.Event | None = None):
    def snapshot() -> int:
        return doc.version

    def job(version: int) -> int:
        scanned.append(version)
        if release is not None:
            release.wait(5)
        return version * 10

    def is_current(version: int) -> bool:
        return version == doc.version

    def deliver(version: int, result: int) -> None:
        delivered.append(result)

    return snapshot, job, is_current, deliver


async def test_a_result_for_a_stale_version_is_dropped():
    doc, scanned, delivered = Doc(), [], []
    release = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        s: DocumentScheduler[int, int] = DocumentScheduler(pool)
        task = s.schedule("a", 0, *make(doc, scanned, delivered, release))
        while not scanned:
            await asyncio.sleep(0.01)
        doc.version = 2  # an edit while version 1 is being scanned
        release.set()
        assert await task is None
        assert delivered == [] and s.stats["dropped"] == 1


async def test_a_newer_edit_cancels_the_pending_scan_and_debounces():
    doc, scanned, delivered = Doc(), [], []
    with ThreadPoolExecutor(1) as pool:
        s: DocumentScheduler[int, int] = DocumentScheduler(pool)
        for v in range(1, 6):
            doc.version = v
            task = s.schedule("a", 0.05, *make(doc, scanned, delivered))
        assert await task == 50
        assert scanned == [5] and delivered == [50]
        assert s.stats["cancelled"] == 4


async def test_a_gate_holds_scans_until_settings_are_in():
    doc, scanned, delivered = Doc(), [], []
    gate = asyncio.Event()
    with ThreadPoolExecutor(1) as pool:
        s: DocumentScheduler[int, int] = DocumentScheduler(pool)
        task = s.schedule("a", 0, *make(doc, scanned, delivered), gate=gate)
        await asyncio.sleep(0.05)
        assert scanned == []
        gate.set()
        assert await task == 10


async def test_documents_do_not_cancel_each_other():
    doc, scanned, delivered = Doc(), [], []
    with ThreadPoolExecutor(1) as pool:
        s: DocumentScheduler[int, int] = DocumentScheduler(pool)
        t1 = s.schedule("a", 0.01, *make(doc, scanned, delivered))
        t2 = s.schedule("b", 0.01, *make(doc, scanned, delivered))
        assert await t1 == 10 and await t2 == 10
