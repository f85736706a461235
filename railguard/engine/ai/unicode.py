"""Hidden and deceptive Unicode: bidi controls, invisible characters, tag characters,
and identifiers that mix Latin with look-alike letters of another script.

Legitimate uses stay quiet: a byte-order mark at the start of a file, a zero-width
joiner inside an emoji sequence or between letters of scripts that need it, a
variation selector after a symbol, bidi marks on lines of right-to-left text, and
the tag sequences of subdivision flag emoji.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from railguard.engine.ai.common import Hit

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
_SUSPICIOUS = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]+"
)
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
MAX_DECODED = 120
MIN_TAG_RUN = 3
# a file with more runs than this outside AI instruction files is Unicode data or test input:
# it gets one summary finding instead of hundreds
MAX_RUNS_PER_FILE = 20
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_TOKENISH = re.compile(r"[A-Za-z0-9_\-+/=]{16,}")


def _is_tag(c: str) -> bool:
    return 0xE0000 <= ord(c) <= 0xE007F


def _is_vs(c: str) -> bool:
    if not c:  # the start or the end of the text
        return False
    cp = ord(c)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _is_emojiish(c: str) -> bool:
    if not c:
        return False
    cp = ord(c)
    # U+20E3, the keycap that encloses a digit, # or * in an emoji (`*‍⃣` in emoji tables)
    return cp >= 0x1F000 or unicodedata.category(c) in ("So", "Sk") or 0x2600 <= cp <= 0x27BF or cp == 0x20E3


def _is_joining_letter(c: str) -> bool:
    """Letters of scripts where ZWJ/ZWNJ shape words (Arabic, Persian, Indic, ...)."""
    return bool(c) and not c.isascii() and unicodedata.category(c)[0] in ("L", "M")


def decode_tags(run: str) -> str:
    """The ASCII text hidden in Unicode tag characters, shortened, with token-like parts masked."""
    chars = []
    for c in run:
        cp = ord(c)
        if 0xE0020 <= cp <= 0xE007E:
            chars.append(chr(cp - 0xE0000))
    text = "".join(chars)
    text = _TOKENISH.sub(lambda m: m.group(0)[:3] + "…[redacted]" if any(ch.isdigit() for ch in m.group(0)) else m.group(0), text)
    if len(text) > MAX_DECODED:
        text = text[: MAX_DECODED - 1] + "…"
    return text


def decode_variation_selectors(run: str) -> str:
    """Bytes hidden in variation selectors (one byte per selector), when they decode as text."""
    data = bytearray()
    for c in run:
        cp = ord(c)
        if 0xFE00 <= cp <= 0xFE0F:
            data.append(cp - 0xFE00)
        elif 0xE0100 <= cp <= 0xE01EF:
            data.append(cp - 0xE0100 + 16)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    if not text.isprintable():
        return ""
    text = _TOKENISH.sub(lambda m: m.group(0)[:3] + "…[redacted]", text)
    return text if len(text) <= MAX_DECODED else text[: MAX_DECODED - 1] + "…"


def describe(run: str) -> str:
    names = []
    for c in dict.fromkeys(run):
        if _is_tag(c):
            label = "TAG CHARACTERS"
        elif 0xE0100 <= ord(c) <= 0xE01EF:
            label = "VARIATION SELECTORS SUPPLEMENT"
        else:
            label = unicodedata.name(c, f"U+{ord(c):04X}")
        if label not in names:
            names.append(label)
    shown = ", ".join(f"{n}" for n in names[:3]) + (", …" if len(names) > 3 else "")
    return f"{len(run)} × {shown}"


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def _complex_script_line(text: str, start: int, end: int) -> bool:
    """The line holds letters of a script that uses joiners, zero-width spaces or marks
    (Arabic, Persian, Indic, Khmer, Thai, ...): natural-language text, not a disguise."""
    ls, le = _line_bounds(text, start, end)
    for c in text[ls:le]:
        if not c.isascii() and c.isalpha() and _script(c) not in ("LATIN", "GREEK", "CYRILLIC", ""):
            return True
    return False


def classify_run(text: str, start: int, end: int, strict: bool, natural_language: bool = False) -> str | None:
    """The kind of one run of suspicious characters, or None when it is a legitimate use.

    strict is for AI instruction files: only the clearly legitimate cases are spared.
    natural_language is for translation catalogs, where only tag characters are reported."""
    run = text[start:end]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not strict and _has_surrogate_escape(text, start, end):
        return None  # invalid UTF-8 decoded byte for byte: these "characters" are decoding artefacts
    if any(_is_tag(c) for c in run):
        # subdivision flags: U+1F3F4 then tag letters then CANCEL TAG (U+E007F)
        if before == "\U0001f3f4" and run.endswith("\U000e007f") and len(run) <= 8 and all(_is_tag(c) for c in run):
            return None
        if not strict and sum(1 for c in run if _is_tag(c)) < MIN_TAG_RUN:
            return None  # a lone tag character carries no readable text (Unicode test data has them)
        return "tag"
    if natural_language:
        return None
    if any(c in BIDI_CONTROLS for c in run):
        if not strict:
            ls, le = _line_bounds(text, start, end)
            if _RTL.search(text, ls, le):
                return None
        return "bidi"
    kept = []
    for i, c in enumerate(run):
        prev = run[i - 1] if i > 0 else before
        nxt = run[i + 1] if i + 1 < len(run) else after
        if c == "\ufeff" and start + i == 0:
            continue
        if c == "\ufeff" and len(run) == 1 and prev in ("\n", "\r"):
            continue  # a file's byte-order mark carried to a line start by concatenation (README in PKG-INFO)
        if c == "\ufeff" and text[max(0, start + i - 7):start + i] in ('begin="', "begin='"):
            continue  # the XMP packet header of images and documents: <?xpacket begin="\ufeff" ...?>
        if c == "\u200d" and (_is_emojiish(prev) or _is_vs(prev) or _is_emojiish(nxt)):
            continue
        if c in "\u200c\u200d" and _is_joining_letter(prev) and _is_joining_letter(nxt):
            continue
        if 0xFE00 <= ord(c) <= 0xFE0F and len(run) == 1 and not strict:
            continue  # one variation selector: emoji or text presentation, carries no data
        if c == "\ufe0f" and _is_emojiish(prev) and nxt == "\u200d" and not strict:
            continue  # emoji presentation before the joiner of an emoji sequence (🕵️‍♂️)
        if 0xE0100 <= ord(c) <= 0xE01EF and len(run) == 1 and prev and not prev.isascii():
            continue  # an ideographic variation sequence
        if c in HANGUL_FILLERS and (_is_hangul(prev) or _is_hangul(nxt)):
            continue
        if c == "\u200b" and len(run) == 1 and not strict and prev.isdigit() and _fraction_follows(text, end):
            continue  # a mixed number set with a thin break: "365\u200b1\u20444", "2\u200b½"
        if c in "\u200b\u2060" and len(run) == 1 and not strict and nxt in ("\n", "\r", ""):
            continue  # one zero-width space ending a line (`</table>\u200b` pasted into a README): it splits no word, hides nothing
        if c in BIDI_MARKS or c == "\u00ad":
            if not strict:
                continue  # marks and soft hyphens belong to natural-language text
        kept.append(c)
    if not kept:
        return None
    if not strict and _complex_script_line(text, start, end):
        return None
    return "invisible"


FRACTION_SLASH = "\u2044"
_MAX_NUMERATOR = 4


def _is_vulgar_fraction(c: str) -> bool:
    """½, ⅓, ¾, ⅞, ↉ ... (one character each)."""
    return bool(c) and unicodedata.category(c) == "No" and "FRACTION" in unicodedata.name(c, "")


def _fraction_follows(text: str, pos: int) -> bool:
    """A typographic fraction starts at pos: a vulgar fraction character, or a few digits
    (plain or superscript) then the FRACTION SLASH then a digit (1⁄4, ¹⁄₄)."""
    if pos >= len(text):
        return False
    if _is_vulgar_fraction(text[pos]):
        return True
    i = pos
    while i < len(text) and i - pos < _MAX_NUMERATOR and text[i].isdigit():
        i += 1
    return i > pos and text[i:i + 1] == FRACTION_SLASH and text[i + 1:i + 2].isdigit()


def _has_surrogate_escape(text: str, start: int, end: int) -> bool:
    ls, le = _line_bounds(text, start, end)
    return bool(_SURROGATE_ESCAPE.search(text, ls, le))


def _is_hangul(c: str) -> bool:
    if not c:
        return False
    cp = ord(c)
    return 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F


def find_hidden(text: str, strict: bool, natural_language: bool = False) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) for every run of hidden characters that is not a legitimate use."""
    if text.isascii():
        return
    for m in _SUSPICIOUS.finditer(text):
        kind = classify_run(text, m.start(), m.end(), strict, natural_language)
        if kind is not None:
            yield kind, m.start(), m.end()


def hidden_unicode_hits(text: str, instruction_file: bool, natural_language: bool = False,
                        keep: Callable[[int], bool] | None = None) -> list[Hit]:
    """keep(start) decides, for code, whether a run at this character offset counts (see in_data_literal)."""
    found = list(find_hidden(text, strict=instruction_file, natural_language=natural_language))
    if keep is not None:
        found = [f for f in found if keep(f[1])]
    if not instruction_file and len(found) > MAX_RUNS_PER_FILE:
        kind, start, end = found[0]
        return [Hit(kind=kind, start=start, end=end, captures={
            "chars": f"{describe(text[start:end])}, and {len(found) - 1} more runs in this file",
            "hidden": "", "decoded": "; so many suggest Unicode data or test input: exclude the file if so"})]
    hits = []
    for kind, start, end in found:
        run = text[start:end]
        hidden = decode_tags(run) if kind == "tag" else ""
        if not hidden and any(_is_vs(c) for c in run) and len(run) > 1:
            hidden = decode_variation_selectors(run)
        captures = {"chars": describe(run), "hidden": hidden or "", "decoded": ""}
        if hidden:
            captures["decoded"] = f"; hidden text reads: \"{hidden}\""
        hits.append(Hit(
            kind="instruction-file" if instruction_file else kind,
            start=start, end=end, captures=captures, replacement="",
            fix_description="Remove the hidden characters", fix_safe=kind != "bidi",
        ))
    return hits


# ------------------------------------------------------------------ confusable identifiers

# letters of other scripts that look like Latin ones (after the Unicode confusables list)
CONFUSABLE_TO_LATIN = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y",
    # Greek
    "ο": "o", "ν": "v", "ρ": "p", "ι": "i", "υ": "u", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z",
    "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y",
    "Χ": "X",
}
_WORD = re.compile(r"[^\W\d]\w*")


def _script(c: str) -> str:
    if c.isascii():
        return "LATIN" if c.isalpha() else ""
    name = unicodedata.name(c, "")
    return name.split(" ", 1)[0] if name else ""


def confusable_identifier(word: str) -> tuple[str, str] | None:
    """(other script, Latin look-alike) when an identifier mixes Latin letters with
    look-alike letters of another script, or is made only of look-alike letters."""
    if word.isascii():
        return None
    scripts = {s for s in (_script(c) for c in word if c.isalpha()) if s}
    others = scripts - {"LATIN"}
    if len(others) != 1:
        return None
    lookalikes = [c for c in word if c in CONFUSABLE_TO_LATIN]
    if not lookalikes:
        return None
    other = next(iter(others))
    if "LATIN" not in scripts:
        # a whole word in look-alikes only ("раураl" spelled in Cyrillic) is a disguise too
        letters = [c for c in word if c.isalpha()]
        if len(letters) < 3 or any(c not in CONFUSABLE_TO_LATIN for c in letters):
            return None
    skeleton = "".join(CONFUSABLE_TO_LATIN.get(c, c) for c in word)
    return other.title(), skeleton


def identifier_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    if text.isascii():
        return
    for m in _WORD.finditer(text):
        word = m.group(0)
        if not word.isascii():
            yield m.start(), m.end(), word


# ------------------------------------------------------------------ characters as data

# calls whose string argument is a pattern or a set of characters to remove or split on
_DATA_CALL = re.compile(
    r"(?:\bre\.(?:compile|sub|subn|search|match|fullmatch|split|findall|finditer)|\bregex\.\w+|\bRegExp"
    r"|\.(?:strip|lstrip|rstrip|replace|replaceAll|split|translate|maketrans|trim\w*|removeprefix|removesuffix))\s*\($"
)
_REGEX_NODES = frozenset({"regex", "regex_pattern"})
_STRING_NODES = frozenset({"string", "template_string", "string_fragment", "string_content", "raw_string_literal"})


def _mostly_invisible(literal: str) -> bool:
    """A literal that lists characters (`"\u200b\u200c\u200d\ufeff"`, `"[\u200b-\u200f]"`): at
    least half of what is not punctuation or space is invisible or a format character."""
    core = [c for c in literal if not (c.isspace() or c in "[]-^|\\'\"`,()/")]
    if not core:
        return False
    hidden = sum(1 for c in core if _SUSPICIOUS.match(c))
    return hidden * 2 >= len(core)


_STRINGS = frozenset({"string", "template_string", "raw_string_literal", "interpreted_string_literal",
                      "string_literal"})
_COMMENTS = frozenset({"comment", "line_comment", "block_comment"})


def in_string_literal(root, offset: int, comments: bool = False) -> bool:
    """True when the byte offset lies inside a string literal (not code), or with `comments`
    inside a string literal or a comment."""
    node = root.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.type in _STRINGS or comments and node.type in _COMMENTS:
            return True
        if node.type in _COMMENTS or node.type in ("module", "program", "source_file"):
            return False
        node = node.parent
    return False


def in_data_literal(source: bytes, root, offset: int) -> bool:
    """True when the byte offset lies in a regular-expression literal, in a string passed to a
    pattern or strip/replace/split call, or in a string that lists invisible characters: code
    that handles these characters as data, not text that hides them."""
    node = root.descendant_for_byte_range(offset, offset)
    while node is not None and node.type not in _REGEX_NODES and node.type not in ("string", "template_string"):
        if node.type in ("comment", "module", "program"):
            return False
        node = node.parent
    if node is None:
        return False
    if node.type in _REGEX_NODES:
        return True
    literal = source[node.start_byte:node.end_byte].decode("utf-8", "replace")
    if _mostly_invisible(literal):
        return True
    parent = node.parent
    if parent is not None and parent.type in ("argument_list", "arguments"):
        before = source[max(0, parent.start_byte - 80):parent.start_byte + 1].decode("utf-8", "replace")
        return bool(_DATA_CALL.search(before))
    return False
