"""The library model of the taint analysis (rules/taint/models/python-library.yaml) is checked data."""

from __future__ import annotations

import pytest

from railguard.engine.taint.library import LIBRARY_FILE, load_library, parse_library
from railguard.engine.taint.model import ModelError
from railguard.rules.loader import load_data_file


def test_bundled_library_loads_with_every_list() -> None:
    lib = load_library()
    assert "sys.exit" in lib.exits
    assert "/bin/sh" in lib.shells
    assert "os.path." in lib.pure_prefixes
    assert "-c" in lib.interpreter_code_flags


def test_missing_field_is_named_with_the_file() -> None:
    raw = dict(load_data_file(LIBRARY_FILE))
    del raw["shells"]
    with pytest.raises(ModelError, match=r"^lib\.yaml: shells: missing"):
        parse_library(raw, "lib.yaml")


def test_unknown_field_and_bad_entries_are_named() -> None:
    raw = dict(load_data_file(LIBRARY_FILE))
    with pytest.raises(ModelError, match=r"lib\.yaml: shell: unknown field"):
        parse_library({**raw, "shell": ["sh"]}, "lib.yaml")
    with pytest.raises(ModelError, match=r"lib\.yaml: exits: must be a list of non-empty names"):
        parse_library({**raw, "exits": ["abort", 3]}, "lib.yaml")
    with pytest.raises(ModelError, match="must be a mapping"):
        parse_library(["exits"], "lib.yaml")


def test_unreadable_file_is_an_error_naming_it(tmp_path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("exits: [abort\n")
    with pytest.raises(ModelError, match="broken.yaml: the library model has invalid YAML"):
        load_library(str(bad))
    with pytest.raises(ModelError, match="cannot read"):
        load_library(str(tmp_path / "absent.yaml"))


def test_a_library_list_drives_the_analysis() -> None:
    """An exit call listed in the data ends the branch: the sink after it is not reached."""
    from railguard.engine.document import Document
    from railguard.engine.taint.flow import FileAnalysis
    from railguard.engine.taint.model import load_model

    src = (b"import os\nfrom flask import request\n\n"
           b"@app.route('/x')\ndef view():\n    cmd = request.args['c']\n    stop_here()\n    os.system(cmd)\n")
    doc = Document("app.py", src)
    raw = dict(load_data_file(LIBRARY_FILE))
    fa = FileAnalysis(doc, load_model(), library=parse_library(raw, "lib.yaml"))
    fa.run()
    assert [h.kind for h in fa.hits] == ["command-injection"]
    lib = parse_library({**raw, "exits": [*raw["exits"], "stop_here"]}, "lib.yaml")
    fa = FileAnalysis(doc, load_model(), library=lib)
    fa.run()
    assert fa.hits == []
