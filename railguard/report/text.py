"""Terminal output with rich: a code frame per finding and a summary table.

Colour only on a terminal and never with NO_COLOR set. The code frame shows the
finding's evidence line (already redacted for secrets), never the file re-read.
The `concise` style prints one line per finding, for hooks and logs.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from typing import TYPE_CHECKING

from railguard.model import Finding, Rule, Severity

if TYPE_CHECKING:
    from railguard.engine.workspace import ScanReport

STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def use_color(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def fix_hint(finding: Finding, rule: Rule | None) -> str:
    if finding.fix is not None:
        return finding.fix.description
    if rule is not None and rule.docs.instead:
        text = rule.docs.instead.strip()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        prose = next((p for p in paragraphs if _PROSE.match(p)), None)
        # the first sentence of advice, or else the example the docs start with
        hint = _SENTENCE_END.split(prose, maxsplit=1)[0] if prose else f"e.g. {lines[0]}"
        return hint if len(hint) <= 100 else hint[:99] + "…"
    return ""


_PROSE = re.compile(r"[A-Z][a-z']*(?: [A-Za-z'(),`-]+){2}")  # "Use parameterised queries", not code
_SENTENCE_END = re.compile(r"(?<=[a-z)`])\. ")


def concise_line(f: Finding, rule: Rule | None) -> str:
    hint = fix_hint(f, rule)
    cwe = f" [{', '.join(f'CWE-{c}' for c in f.cwe)}]" if f.cwe else ""
    line = f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule_id}: {f.message}{cwe}"
    return line + (f" -> fix: {hint}" if hint else "")


def render_concise(report: ScanReport, rules: dict[str, Rule], **_options) -> str:
    out = [concise_line(f, rules.get(f.rule_id)) for f in report.findings]
    out += [f"railguard: {n.line()}" for n in report.notices if n.kind != "skipped"]
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def summary_line(report: ScanReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s.label}" for s in sorted(counts, reverse=True)]
    found = f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
    detail = f" ({', '.join(parts)})" if parts else ""
    extra = f", {len(report.suppressed)} suppressed" if report.suppressed else ""
    return f"railguard: {found}{detail} in {report.files} file{'s' if report.files != 1 else ''}{extra}"


def render(report: ScanReport, rules: dict[str, Rule], *, color: bool | None = None, width: int | None = None,
           **_options) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    color = use_color() if color is None else color
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, soft_wrap=False)
    for f in report.findings:
        rule = rules.get(f.rule_id)
        head = Text()
        head.append(f"{f.path}:{f.line}:{f.column}", style="bold")
        head.append("  ")
        head.append(f" {f.severity.label.upper()} ", style=STYLE[f.severity])
        head.append(f"  {f.rule_id}", style="magenta")
        head.append(f"  ({f.confidence.label} confidence)", style="dim")
        console.print(head)
        msg = Text("  " + f.message)
        if f.cwe:
            msg.append(f"  [{', '.join(f'CWE-{c}' for c in f.cwe)}]", style="dim")
        console.print(msg)
        if f.evidence is not None and f.evidence.snippet:
            gutter = f"{f.line:>5} │ "
            snippet = f.evidence.snippet.expandtabs(4)
            console.print(Text(gutter, style="dim") + Text(snippet[:200]))
            if f.range.start.line == f.range.end.line and not f.evidence.redacted:
                start = f.range.start.column
                length = max(1, f.range.end.column - start)
                console.print(Text(" " * len(gutter) + " " * start + "^" * min(length, 120), style="red"))
        hint = fix_hint(f, rule)
        if hint:
            console.print(Text("  fix: ", style="green") + Text(hint))
        for loc in f.related:
            console.print(Text(f"  see {loc.path}:{loc.range.start.line + 1}: {loc.message}", style="dim"))
        console.print()
    for n in report.notices:
        style = "red" if n.kind == "error" else "yellow" if n.kind == "warning" else "dim"
        console.print(Text(f"railguard: {n.line()}", style=style))
    if report.findings:
        table = Table(title=None, show_edge=False, pad_edge=False)
        table.add_column("severity")
        table.add_column("rule")
        table.add_column("count", justify="right")
        by_rule = Counter((f.severity, f.rule_id) for f in report.findings)
        for (sev, rule_id), n in sorted(by_rule.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
            table.add_row(Text(sev.label, style=STYLE[sev]), rule_id, str(n))
        console.print(table)
    console.print(Text(summary_line(report), style="bold"))
    return buf.getvalue()
