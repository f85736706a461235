"""The AI-assisted commit policy, run at git's commit-msg stage.

A commit is AI-assisted when its message carries a trailer that names a coding assistant,
as the assistants write them themselves, for example:

    Co-Authored-By: Claude <noreply@anthropic.com>                    (Claude Code)
    Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>  (GitHub Copilot)
    Co-authored-by: aider (gpt-4o) <aider@aider.chat>                 (aider)
    Co-authored-by: Cursor Agent <cursoragent@cursor.com>             (Cursor)

or one of the project's own trailers (config `hook.ai-trailers`, e.g. "AI-Assisted" or
"Assisted-by: .*"). Such a commit is checked again at the stricter
`hook.ai-assisted-threshold`; a commit without the marker costs one file read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Identities that coding assistants write into Co-authored-by (name or e-mail), matched
# case-insensitively on the trailer's value.
ASSISTANT_IDENTITIES: tuple[str, ...] = (
    r"\bclaude\b", r"@anthropic\.com",
    r"\bcopilot\b", r"copilot@users\.noreply\.github\.com",
    r"\baider\b", r"@aider\.chat",
    r"\bcursor(?:\s*agent)?\b", r"@cursor\.(?:com|sh)",
    r"\bcodex\b", r"\bchatgpt\b", r"@openai\.com",
    r"\bgemini\b", r"\bjules\b",
    r"\bdevin\b", r"devin-ai-integration",
    r"\bwindsurf\b", r"\bcascade\b", r"@codeium\.com",
    r"\bamazon q\b", r"\bq developer\b",
    r"\bcline\b", r"\broo\s*code\b", r"\bopenhands\b", r"\bsweep\b",
)
# Trailers that say "AI helped" whatever they name.
AI_TRAILER_KEYS: tuple[str, ...] = ("assisted-by", "generated-by", "ai-assisted", "ai-generated")
CO_AUTHOR_KEYS: tuple[str, ...] = ("co-authored-by",)
# Body lines the assistants add besides the trailer.
AI_BODY_MARKERS: tuple[str, ...] = (r"generated with \[?claude code", r"generated (?:with|by) (?:github )?copilot")
_FALSE_VALUES = {"no", "false", "0", "none", "n/a"}
_TRAILER = re.compile(r"^(?P<key>[A-Za-z0-9][A-Za-z0-9-]*)\s*:\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class AiMarker:
    trailer: str
    value: str

    def describe(self) -> str:
        return f"{self.trailer}: {self.value}" if self.value else self.trailer


def message_lines(message: str) -> list[str]:
    """The message as git will store it: comment lines and the verbose diff removed."""
    lines = []
    for line in message.splitlines():
        if line.startswith("# ------------------------ >8 ------------------------"):
            break
        if line.startswith("#"):
            continue
        lines.append(line.rstrip())
    return lines


def trailers(message: str) -> list[tuple[str, str]]:
    """(key, value) pairs of the last paragraph, when it is a trailer block."""
    lines = message_lines(message)
    while lines and not lines[-1].strip():
        lines.pop()
    block: list[str] = []
    for line in reversed(lines):
        if not line.strip():
            break
        block.append(line)
    block.reverse()
    if not block or len(block) == len(lines):  # a subject line alone is not a trailer block
        return []
    pairs = []
    for line in block:
        m = _TRAILER.match(line)
        if m:
            pairs.append((m.group("key"), m.group("value")))
        elif line[:1].isspace() and pairs:  # folded continuation
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value} {line.strip()}")
    return pairs if len(pairs) * 2 >= len(block) else []


def _custom_rules(configured: Iterable[str]) -> list[tuple[str, re.Pattern[str] | None]]:
    out = []
    for item in configured:
        key, sep, pattern = item.partition(":")
        out.append((key.strip().lower(), re.compile(pattern.strip(), re.IGNORECASE) if sep and pattern.strip() else None))
    return out


def ai_markers(message: str, configured: Sequence[str] = ()) -> list[AiMarker]:
    """Why this commit counts as AI-assisted (empty when it does not)."""
    identity = re.compile("|".join(ASSISTANT_IDENTITIES), re.IGNORECASE)
    custom = _custom_rules(configured)
    found: list[AiMarker] = []
    for key, value in trailers(message):
        low = key.lower()
        if low in CO_AUTHOR_KEYS and identity.search(value):
            found.append(AiMarker(key, value))
        elif low in AI_TRAILER_KEYS and value.strip().lower() not in _FALSE_VALUES:
            found.append(AiMarker(key, value))
        else:
            for ckey, pattern in custom:
                if low == ckey and (pattern.search(value) if pattern else value.strip().lower() not in _FALSE_VALUES):
                    found.append(AiMarker(key, value))
                    break
    body = "\n".join(message_lines(message))
    for marker in AI_BODY_MARKERS:
        m = re.search(marker, body, re.IGNORECASE)
        if m:
            found.append(AiMarker(m.group(0), ""))
    return found
