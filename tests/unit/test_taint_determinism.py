"""Taint results do not depend on the process's string hash seed (sets of flows become lists
in a fixed order), so a scan reports the same source for a sink on every run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

APP = textwrap.dedent('''\
    import urllib.request

    from flask import Flask, request

    app = Flask(__name__)


    @app.route("/fetch")
    def fetch():
        if request.is_json:
            url = request.json["u"]
        elif request.args:
            url = request.args["u"]
        else:
            url = request.form["u"]
        return urllib.request.urlopen(url).read()
''')

PROBE = textwrap.dedent('''\
    import sys
    from railguard.engine.document import Document
    from railguard.engine.taint.flow import FileAnalysis
    from railguard.engine.taint.model import load_model

    fa = FileAnalysis(Document("app.py", sys.stdin.buffer.read()), load_model())
    fa.run()
    for h in fa.hits:
        print(h.kind, h.sink_start, h.flow.origin.label, [s.start for s in h.flow.steps])
''')


def _hits(seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    out = subprocess.run([sys.executable, "-c", PROBE], input=APP.encode(), capture_output=True,
                         env=env, check=True, timeout=120)
    return out.stdout.decode()


def test_hits_are_the_same_under_every_hash_seed():
    runs = {seed: _hits(seed) for seed in (1, 2, 3, 4)}
    assert "request.json" in runs[1] and "request.form" in runs[1]
    assert len(set(runs.values())) == 1, runs
