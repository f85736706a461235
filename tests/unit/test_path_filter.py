"""PathFilter answers like pathspec's GitIgnoreSpec, with or without its quick checks."""

from __future__ import annotations

import pathspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.engine import load_ruleset
from railguard.engine.paths import PathFilter

PATHS = [
    "app.py", "src/app/views.py", "tests/test_views.py", "pkg/tests/unit/x.py", "conftest.py",
    "main_test.go", "cmd/testdata/a.go", "web/app.test.ts", "web/__tests__/a.js", "src/test/java/AppTest.java",
    "src/main/java/App.java", "settings.py", "proj/settings/dev.py", "proj/local_settings.py", "Makefile",
    ".github/workflows/ci.yml", ".github/workflows/ci.yaml", "docker-compose.prod.yml", "a/b/Dockerfile.dev",
    ".claude/commands/x.md", "CLAUDE.md", "docs/CLAUDE.md", "x.prompt.md", "tests", "testsuite/a.py",
]


def _rule_path_sets() -> list[tuple[str, ...]]:
    rules = load_ruleset(default_config()).rules
    return sorted({r.paths for r in rules if r.paths})


@pytest.mark.parametrize("patterns", _rule_path_sets())
def test_every_bundled_path_set_answers_like_pathspec(patterns):
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    flt = PathFilter.from_patterns(patterns)
    for path in PATHS:
        assert flt.matches(path) == spec.match_file(path), (patterns, path)


_part = st.sampled_from(["a", "tests", "test", "src", "x_test", "settings", ".github", "b.py", "c.go",
                         "d.test.js", "e.yml", "Dockerfile", "conf", "[x]"])
_glob = st.sampled_from(["*", "**", "*.py", "test_*", "*_test.*", "[tc]*", "?.go", "**/tests/**"])


@settings(max_examples=300, deadline=None)
@given(
    patterns=st.lists(st.tuples(st.booleans(), st.lists(st.one_of(_part, _glob), min_size=1, max_size=3)),
                      min_size=1, max_size=4),
    path=st.lists(_part, min_size=1, max_size=4),
)
def test_generated_patterns_answer_like_pathspec(patterns, path):
    lines = tuple(("!" if neg else "") + "/".join(parts) for neg, parts in patterns)
    p = "/".join(path)
    assert PathFilter.from_patterns(lines).matches(p) == pathspec.GitIgnoreSpec.from_lines(lines).match_file(p)
