"""The language server under load and chaos (bounded for CI; `bench/lsp_chaos.py` runs the full size).

Random edits with out-of-range and mid-surrogate positions, saves, closes, configuration
changes and malformed messages: the server stays up, answers, keeps its memory bounded, and
what it last published for every open document equals a fresh scan of the client's text.
"""

from __future__ import annotations

import os

from bench import lsp_chaos

SEED = int(os.environ.get("RAILGUARD_CHAOS_SEED", "20261126"))
MAX_RSS_MB = 400  # about 75 MB is usual; a leak of the buffers or trees grows far past this


def test_client_text_model_follows_the_lsp_rules():
    text = "ab\r\ncd\re\U0001f600f\n"
    assert lsp_chaos.lines_of(text) == [(0, 2), (4, 6), (7, 10), (11, 11)]
    assert lsp_chaos.index_at(text, 0, 99) == 2  # past a line's end: its end
    assert lsp_chaos.index_at(text, 9, 0) == len(text)  # past the last line: the end
    assert lsp_chaos.index_at(text, 2, 2) == 8  # inside the surrogate pair: the character's start
    assert lsp_chaos.index_at(text, 2, 3) == 9
    assert lsp_chaos.apply_change(text, (1, 1), (0, 1), "") == "ad\re\U0001f600f\n"  # reversed range


def test_chaos_run_keeps_the_server_up_and_its_diagnostics_true(tmp_path):
    result = lsp_chaos.run(docs=20, edits=600, seed=SEED, workdir=tmp_path, checkpoints=1)
    context = f"seed {SEED} (repeat: python bench/lsp_chaos.py --docs 20 --edits 600 --seed {SEED})"
    assert result["alive"] and result["answered"], context
    assert result["failures"] == [], f"{context}\n" + "\n".join(result["failures"])
    assert result["edits"] == 600 and result["steps"] > 600
    assert result["open_docs"] > 0 and result["diagnostics"] > 0, result  # something real was compared
    assert result["diagnostics_compared"] > result["diagnostics"], result  # at the checkpoint too
    assert 0 < result["peak_rss_mb"] < MAX_RSS_MB, result
