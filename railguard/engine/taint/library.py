"""What Python library calls do to the data that passes through them, as loaded from YAML data.

The lists live in `rules/taint/models/python-library.yaml` next to the taint model
(sources, sanitizers, sinks). The file is data: it is read with the safe YAML loader
and checked here, so a malformed file is an error naming the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from railguard.engine.taint.model import MODEL_DIR, ModelError
from railguard.rules.loader import load_data_file

LIBRARY_FILE = MODEL_DIR / "python-library.yaml"


@dataclass(frozen=True)
class Library:
    exits: frozenset[str]  # calls that never return
    shells: frozenset[str]  # argv[0] that runs a shell command line
    interpreters: frozenset[str]  # argv[0] that runs code given after a code flag
    interpreter_code_flags: tuple[str, ...]
    pure_prefixes: tuple[str, ...]  # functions whose result is made of their arguments only
    propagating_builtins: frozenset[str]
    opaque_results: frozenset[str]  # the result does not carry the arguments' data
    task_results: frozenset[str]  # a background task's stored result, looked up by the task id
    propagating_methods: frozenset[str]
    clean_methods: frozenset[str]  # methods whose result carries none of the receiver's text
    builtin_names: frozenset[str]
    known_modules: frozenset[str]  # `from x import y` where y is a module
    function_modules: frozenset[str]  # modules whose attribute calls are never methods of a value
    response_types: frozenset[str]
    template_renderers: frozenset[str]  # render a template file named by the first argument (autoescaped)
    orm_lookups: frozenset[str]  # ORM manager methods whose result is rows of the database
    html_cleaners: tuple[str, ...]  # modules that clean HTML (a helper using them cleans its output)
    view_methods: frozenset[str]  # methods of class-based views that the framework calls with a request
    sql_text_modules: tuple[str, ...]  # classes of these modules build SQL text (sqlalchemy.text, sql.SQL)
    sql_expression_modules: tuple[str, ...]  # SQLAlchemy Core: values become bound parameters
    sql_expression_builders: frozenset[str]  # ... functions of those modules (last name part) building statements
    sql_expression_types: frozenset[str]  # ... statement classes (a parameter annotated with one)
    sql_expression_text_methods: frozenset[str]  # ... methods of a statement that take SQL text


def _key(attribute: str) -> str:
    return attribute.replace("_", "-")


def parse_library(raw: Any, source: str) -> Library:
    if not isinstance(raw, dict):
        raise ModelError(f"{source}: the library model must be a mapping")
    declared = {_key(f.name): f for f in fields(Library)}
    for key in raw:
        if key not in declared:
            raise ModelError(f"{source}: {key}: unknown field (expected one of {', '.join(declared)})")
    values: dict[str, Any] = {}
    for key, f in declared.items():
        if key not in raw:
            raise ModelError(f"{source}: {key}: missing (a list of names)")
        names = raw[key]
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ModelError(f"{source}: {key}: must be a list of non-empty names")
        values[f.name] = tuple(names) if f.type.startswith("tuple") else frozenset(names)
    return Library(**values)


@lru_cache(maxsize=4)
def load_library(path: str | None = None) -> Library:
    file = Path(path) if path else LIBRARY_FILE
    try:
        raw = load_data_file(file)
    except OSError as exc:
        raise ModelError(f"{file}: cannot read the library model: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ModelError(f"{file}: the library model has {exc}") from None
    return parse_library(raw, str(file))
