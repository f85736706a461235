from railguard.engine.document import Document
from railguard.engine.languages import detect_language
from railguard.model import Position


def test_language_from_extension_filename_and_shebang():
    assert detect_language("app/views.py") == "python"
    assert detect_language("web/App.tsx") == "tsx"
    assert detect_language("src/Main.java") == "java"
    assert detect_language("cmd/main.go") == "go"
    assert detect_language("Dockerfile") == "dockerfile"
    assert detect_language(".env.production") == "dotenv"
    assert detect_language("bin/tool", b"#!/usr/bin/env python3\nprint(1)\n") == "python"
    assert detect_language("bin/run", b"#!/usr/bin/env node\n") == "javascript"
    assert detect_language("notes.unknownext") == "text"


def test_positions_are_code_points_and_offsets_round_trip():
    doc = Document.from_text("a.py", "x = 1\ns = 'é😀' + y\n")
    off = doc.data.index(b"y")
    pos = doc.position_at(off)
    assert pos == Position(1, 11)
    assert doc.offset_at(1, 11) == off


def test_crlf_and_lone_cr_line_endings():
    doc = Document("a.py", b"a = 1\r\nb = 2\rc = 3\n")
    assert doc.line_text(0) == "a = 1"
    assert doc.line_text(1) == "b = 2"
    assert doc.line_text(2) == "c = 3"


def test_invalid_utf8_keeps_offsets_exact():
    data = b"x = '\xff\xfe'\nyaml.load(s)\n"
    doc = Document("a.py", data)
    assert not doc.is_valid_utf8
    off = data.index(b"yaml")
    assert doc.position_at(off) == Position(1, 0)
    assert doc.tree.root_node is not None


def test_empty_document():
    doc = Document("empty.py", b"")
    assert doc.line_count == 1
    assert doc.line_text(0) == ""
    assert doc.tree.root_node.type == "module"


def test_a_file_that_is_not_utf8_parses_with_the_same_offsets():
    from railguard.config import default_config
    from railguard.engine.document import parse_source
    from railguard.engine.engine import Engine

    assert parse_source(b"a = 'caf\xe9'\xed\xa0\x80") == b"a = 'caf?'???"
    utf8 = 'class A { void f(String host) { String s = "café"; Runtime.getRuntime().exec("ping " + host); } }\n'
    latin1 = utf8.encode("latin-1")
    engine = Engine(default_config("."))
    # tree-sitter's predicates decode node text as strict UTF-8: a Latin-1 file made the query analyzer fail
    result = engine.scan_document(Document("A.java", latin1))
    assert result.notices == []
    assert [f.rule_id for f in result.findings] == [f.rule_id for f in engine.scan_document(Document("A.java", utf8.encode())).findings]
    assert [f.rule_id for f in result.findings] == ["java.runtime-exec-concat"]
    assert Document("A.java", latin1).node_text(Document("A.java", latin1).tree.root_node) == latin1.decode(
        "utf-8", "surrogateescape")
