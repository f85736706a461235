"""The AI-written corpus is consistent: every program is labelled, every vulnerable program has a
safe twin, and the rendered Python programs match their scenario files."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_every_vulnerable_program_has_a_safe_twin_of_the_same_weakness():
    recall = _load("ai_recall")
    progs = recall.programs(recall.CORPUS)
    assert len(progs) >= 400
    by_stem = {}
    for p in progs:
        stem = p.path.with_name(p.path.stem[:-1].rstrip("_-")).as_posix()
        by_stem.setdefault(stem, []).append(p)
    for stem, pair in by_stem.items():
        assert sorted(x.vulnerable for x in pair) == [False, True], stem
        assert pair[0].cwe == pair[1].cwe, stem
    assert {p.language for p in progs} >= {"python", "javascript", "java", "go"}
    assert all(p.family in recall.FAMILIES for p in progs)


def test_rendered_python_programs_are_up_to_date_and_parse(tmp_path):
    gen = _load("ai_corpus_gen")
    assert gen.main([str(tmp_path)]) == 0
    rendered = {p.name: p.read_text() for p in tmp_path.glob("*.py")}
    committed = {p.name: p.read_text() for p in gen.OUT.glob("*.py")}
    assert rendered == committed
    for text in rendered.values():
        ast.parse(text)
