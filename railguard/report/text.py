"""Terminal output with rich: a code frame per finding and a summary table.

Colour only on a terminal and never with NO_COLOR set. The code frame shows the
finding's evidence line (already redacted for secrets), never the file re-read.
The `concise` style prints one line per finding, for hooks and logs.
"""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from typing import TYPE_CHECKING

from railguard.engine.policy import evidence_window, fix_hint
from railguard.model import Finding, Notice, Rule, Severity

if TYPE_CHECKING:
    from railguard.model import ScanReport

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


def concise_line(f: Finding, rule: Rule | None) -> str:
    hint = fix_hint(f, rule)
    cwe = f" [{', '.join(f'CWE-{c}' for c in f.cwe)}]" if f.cwe else ""
    line = f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule_id}: {f.message}{cwe}"
    return line + (f" -> fix: {hint}" if hint else "")


def render_concise(report: ScanReport, rules: dict[str, Rule], *, verbose: bool = False, **_options) -> str:
    out = [concise_line(f, rules.get(f.rule_id)) for f in report.findings]
    out += [f"railguard: {n.line()}" for n in report.notices if n.kind != "skipped"]
    out += [f"railguard: {line}" for line in skipped_lines(report.notices, verbose)]
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def skipped_lines(notices: list[Notice], verbose: bool) -> list[str]:
    """Skipped files: one line with a count (by reason), or each file with `-v`."""
    skipped = [n for n in notices if n.kind == "skipped"]
    if verbose or not skipped:
        return [n.line() for n in skipped]
    reasons = Counter(n.message.split(" (", 1)[0].removeprefix("skipped: ").split(":", 1)[0] for n in skipped)
    detail = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    return [f"skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''} ({detail}); -v lists them"]


def summary_line(report: ScanReport) -> str:
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s.label}" for s in sorted(counts, reverse=True)]
    found = f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
    detail = f" ({', '.join(parts)})" if parts else ""
    extra = f", {len(report.suppressed)} suppressed" if report.suppressed else ""
    if report.baselined:
        extra += f", {report.baselined} in the baseline"
    if report.below_threshold and report.threshold is not None:
        extra += (f", {report.below_threshold} below the threshold ({report.threshold.describe()}; "
                  "--all shows them)")
    return f"railguard: {found}{detail} in {report.files} file{'s' if report.files != 1 else ''}{extra}"


def render(report: ScanReport, rules: dict[str, Rule], *, color: bool | None = None, width: int | None = None,
           verbose: bool = False, **_options) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    color = use_color() if color is None else color
    console = Console(file=buf, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, soft_wrap=False)
    hints = Counter((f.rule_id, fix_hint(f, rules.get(f.rule_id))) for f in report.findings)
    hinted: set[tuple[str, str]] = set()
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
            raw = f.evidence.snippet
            start = f.range.start.column
            length = max(1, f.range.end.column - start) if f.range.start.line == f.range.end.line else 1
            # columns count code points of the raw line; tabs are widened only where nothing is cut
            snippet, start = evidence_window(raw, start, length)
            if snippet == raw:
                start = len(raw[:start].expandtabs(4))
                snippet = raw.expandtabs(4)
            console.print(Text(gutter, style="dim") + Text(snippet), soft_wrap=True)
            if f.range.start.line == f.range.end.line and not f.evidence.redacted:
                width_left = max(1, len(snippet) - start)
                console.print(Text(" " * len(gutter) + " " * start + "^" * min(length, width_left, 120), style="red"),
                              soft_wrap=True)
        hint = fix_hint(f, rule)
        key = (f.rule_id, hint)
        if hint and key not in hinted:
            hinted.add(key)
            more = hints[key] - 1
            also = f" (the same for {more} more {f.rule_id} finding{'s' if more != 1 else ''} below)" if more else ""
            console.print(Text("  fix: ", style="green") + Text(hint) + Text(also, style="dim"), soft_wrap=True)
        for loc in f.related:
            console.print(Text(f"  see {loc.path}:{loc.range.start.line + 1}: {loc.message}", style="dim"))
        console.print()
    for n in report.notices:
        if n.kind == "skipped":
            continue
        style = "red" if n.kind == "error" else "yellow"
        console.print(Text(f"railguard: {n.line()}", style=style))
    for line in skipped_lines(report.notices, verbose):
        console.print(Text(f"railguard: {line}", style="dim"))
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
