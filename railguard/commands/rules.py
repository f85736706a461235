"""`railguard rules list|explain|test`: all printed from the rules' own metadata."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from railguard.commands.common import add_config_arguments, config_from_args


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="list rules")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    add_config_arguments(ls)
    ex = sub.add_parser("explain", help="print a rule's documentation")
    ex.add_argument("rule_id")
    add_config_arguments(ex)
    te = sub.add_parser("test", help="check rules against their annotated fixtures")
    te.add_argument("paths", nargs="*", help="fixture files or folders (default: the bundled packs)")
    te.add_argument("--rules", action="append", default=[], metavar="PATH", help="extra rule pack file or folder")
    te.add_argument("--no-bundled", action="store_true", help="test only the rules given with --rules")
    cov = sub.add_parser("coverage", help="print a coverage table by CWE and language (Markdown)")
    cov.add_argument("--update", metavar="FILE",
                     help="rewrite the table between the coverage markers in FILE (README.md) instead of printing")
    add_config_arguments(cov)


def run(args: argparse.Namespace) -> int:
    return {"list": _list, "explain": _explain, "test": _test, "coverage": _coverage}[args.rules_command](args)


def _ruleset(args: argparse.Namespace):
    from railguard.engine.engine import load_ruleset

    return load_ruleset(config_from_args(args))


def _list(args: argparse.Namespace) -> int:
    rules = _ruleset(args)
    if args.format == "json":
        import json

        print(json.dumps([
            {"id": r.id, "title": r.title, "languages": list(r.languages), "severity": r.severity.label,
             "confidence": r.confidence.label, "cwe": [f"CWE-{c}" for c in r.cwe], "analyzer": r.analyzer,
             "fixable": r.fix is not None}
            for r in sorted(rules.rules, key=lambda r: r.id)
        ], indent=2))
    else:
        for r in sorted(rules.rules, key=lambda r: r.id):
            cwe = ",".join(f"CWE-{c}" for c in r.cwe)
            print(f"{r.id:50} {r.severity.label:8} {r.confidence.label:6} {cwe:16} {r.title}")
        print(f"{len(rules.rules)} rules", file=sys.stderr)
    for e in rules.errors:
        print(f"railguard: {e}", file=sys.stderr)
    return 2 if rules.errors else 0


def explain_text(rule) -> str:
    lines = [
        f"{rule.id}: {rule.title}",
        f"severity {rule.severity.label}, confidence {rule.confidence.label}; "
        f"languages: {', '.join(rule.languages)}; {', '.join(rule.cwe_labels) or 'no CWE'}"
        + (f"; OWASP {', '.join(rule.owasp)}" if rule.owasp else ""),
        "",
        rule.docs.markdown() or rule.message,
    ]
    if rule.fix:
        lines += ["", f"Fix available: {rule.fix.get('description', 'yes')}"]
    return "\n".join(lines) + "\n"


def _explain(args: argparse.Namespace) -> int:
    rules = _ruleset(args).by_id()
    rule = rules.get(args.rule_id)
    if rule is None:
        close = [r for r in rules if args.rule_id in r]
        hint = f" (did you mean: {', '.join(sorted(close)[:5])})" if close else ""
        print(f"railguard: error: no rule {args.rule_id!r}{hint}", file=sys.stderr)
        return 2
    sys.stdout.write(explain_text(rule))
    return 0


def _test(args: argparse.Namespace) -> int:
    from railguard.rules.loader import load_rules
    from railguard.testing.fixtures import run_fixtures

    ruleset = load_rules([Path(p) for p in args.rules], bundled=not args.no_bundled)
    paths = [Path(p) for p in args.paths] or ([Path(p) for p in args.rules] if args.no_bundled else None)
    result = run_fixtures(paths, ruleset)
    for f in result.failures:
        print(f)
    for n in result.notices:
        print(f"railguard: {n}")
    status = "passed" if result.ok else "FAILED"
    print(f"rules test {status}: {result.files} fixture files, {result.checks} checks, "
          f"{len(result.failures)} failures")
    return 0 if result.ok else 1


COVERAGE_LANGUAGES = ("python", "javascript", "java", "go", "generic")
COVERAGE_START = "<!-- rules-coverage:start -->"
COVERAGE_END = "<!-- rules-coverage:end -->"


def _coverage_column(language: str) -> str:
    if language in COVERAGE_LANGUAGES:
        return language
    return "javascript" if language in ("typescript", "tsx") else "generic"


def coverage_table(rules) -> str:
    """Markdown table: rules per CWE (rows) and language (columns), from rule metadata only."""
    from collections import defaultdict

    from railguard.rules.cwe import CWE_NAMES

    langs = COVERAGE_LANGUAGES
    table: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    totals: dict[str, set[str]] = defaultdict(set)
    for r in rules:
        columns = {_coverage_column(lang) for lang in r.languages}
        for col in columns:
            totals[col].add(r.id)
            for c in r.cwe:
                table[c][col].add(r.id)
    out = ["| CWE | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for c in sorted(table):
        name = CWE_NAMES.get(c, "")
        label = f"[CWE-{c}](https://cwe.mitre.org/data/definitions/{c}.html)" + (f" {name}" if name else "")
        out.append(f"| {label} | " + " | ".join(str(len(table[c][lang]) or "") for lang in langs) + " |")
    out.append("| **rules** | " + " | ".join(f"**{len(totals[lang])}**" for lang in langs) + " |")
    out.append("| **distinct CWEs** | " + " | ".join(
        f"**{sum(1 for c in table if table[c][lang])}**" for lang in langs) + " |")
    return "\n".join(out) + "\n"


def replace_coverage_section(text: str, table: str) -> str:
    """text with the part between the coverage markers replaced by table. ValueError without markers."""
    start = text.find(COVERAGE_START)
    end = text.find(COVERAGE_END)
    if start < 0 or end < start:
        raise ValueError(f"no {COVERAGE_START} ... {COVERAGE_END} markers")
    return text[: start + len(COVERAGE_START)] + "\n" + table + text[end:]


def _coverage(args: argparse.Namespace) -> int:
    table = coverage_table(_ruleset(args).rules)
    if not args.update:
        sys.stdout.write(table)
        return 0
    path = Path(args.update)
    try:
        text = path.read_text(encoding="utf-8")
        path.write_text(replace_coverage_section(text, table), encoding="utf-8")
    except (OSError, ValueError) as exc:
        print(f"railguard: error: {path}: {exc}", file=sys.stderr)
        return 2
    print(f"updated the rule coverage table in {path}", file=sys.stderr)
    return 0
