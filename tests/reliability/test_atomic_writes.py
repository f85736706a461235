"""Baseline and cache writes are atomic: a writer killed at any point leaves the old or the new file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT

WRITER = r"""
import json, sys
from railguard.engine.atomic import write_atomic, file_lock
target = sys.argv[1]
i = 0
while True:
    i += 1
    body = json.dumps({"version": i, "pad": "x" * (200_000 + (i % 7) * 10_000)})
    with file_lock(target):
        write_atomic(target, body)
"""


def test_sigkill_never_leaves_a_torn_file(tmp_path):
    target = tmp_path / "baseline.json"
    target.write_text(json.dumps({"version": 0, "pad": ""}))
    rng = random.Random(1234)
    kills = torn = 0
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        try:
            data = json.loads(target.read_text())
            assert isinstance(data["version"], int)
        except (ValueError, KeyError):
            torn += 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert kills == 25
    assert torn == 0
    # a killed writer may leave its temporary file behind, never a half-written target
    assert all(name.startswith(".baseline.json.") for name in leftovers)
