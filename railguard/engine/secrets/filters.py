"""Hard negatives: values that sit where a secret would but are not one.

Placeholders (`changeme`, `xxx`, `<your-key>`, `${VAR}`, `{{ secret }}`), lookups
(`os.environ[...]`, `process.env.X`, `getenv(...)`), UUIDs, git SHAs and lock-file
hashes, base64 images and data URIs. Documented example keys are not hidden: the
analyzer reports them as info (see `is_documented_example`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from collections import Counter

PLACEHOLDER_WORDS = (
    "changeme", "change_me", "change-me", "changethis", "your_", "your-", "yourkey", "yoursecret",
    "yourpassword", "yourtoken", "placeholder", "replace_me", "replaceme", "replace-me", "insert_",
    "insert-", "redacted", "dummy", "notasecret", "not_a_secret", "not-a-secret", "fake", "sample",
    "example", "todo", "fixme", "secret_here", "key_here", "token_here", "goes_here", "go_here",
    "here>", "xxxx", "****", "....", "<your", "<secret", "<token", "<password", "<api", "(your",
    # "my" + what it stands for: mypassword, my-secret, my_token, myapikey
    "mypass", "my_pass", "my-pass", "mysecret", "my_secret", "my-secret", "mytoken", "my_token", "my-token",
    "myapikey", "my_api_key", "my-api-key",
)
_TEMPLATE = re.compile(
    r"^\$\{[^}]*\}$|^\$\(|^\$[A-Za-z_][A-Za-z0-9_]*$|^\{\{.*\}\}$|^\{%.*%\}$|^%\([^)]*\)s$|^%s$|^\{[A-Za-z_0-9]*\}$"
    r"|^<[^<>]*>$|^\[[^\[\]]*\]$|^@[A-Za-z_]+@$|^#\{[^}]*\}$|^__[A-Z0-9_]+__$"
    # a replacement field cut by a quote inside it (`f'password: "{kw["pw"]}"'` yields `{kw[`)
    r"|^\{[A-Za-z_][\w.]*[\[(]"
)
# `${x}`, `{{ x }}`, `#{x}`, `%(x)s`, `$VAR`, `<%= x %>` (ERB, EJS) and `{$ x $}` (an Angular app's own
# interpolation symbols, Horizon's)
_INTERPOLATION = re.compile(r"\$\{|\{\{|#\{|%\(|\$[A-Z_]{3,}|<%|\{\$[^{}]*\$\}")
_LOOKUP = re.compile(
    r"os\.environ|os\.getenv|getenv\s*\(|process\.env|import\.meta\.env|System\.getenv|ENV\[|env\(|"
    r"config\(|settings\.|secrets\.|vault\.|keyring\.|\.get\(|Secret\(|SecretStr\(|fromEnv|env::var"
)
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
HEX = re.compile(r"^[0-9a-fA-F]+$")
_DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+;base64,", re.IGNORECASE)
_IMAGE_B64 = ("iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "PHN2Zy", "AAABAA", "Qk0")
_HASH_PREFIX = re.compile(r"(?:sha1|sha256|sha384|sha512|md5|blake2b?)[-:=]", re.IGNORECASE)
_IDENTIFIERISH = re.compile(r"^[a-z]+(?:[_.-][a-z]+)+$|^[A-Z]+(?:_[A-Z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$")
# a class or constant name of code: an acronym and capitalised words, letters only (`APFeedingService`,
# `AuthorizationServer`); a random token of that length has digits or lower-case runs in between
_CODE_NAME = re.compile(r"^[A-Z]{0,4}(?:[A-Z][a-z]{2,}){2,}$")
LOCK_FILES = {
    "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock",
    "Cargo.lock", "go.sum", "composer.lock", "Gemfile.lock", "uv.lock", "pdm.lock", "bun.lock", "flake.lock",
    "packages.lock.json", "mix.lock", "pubspec.lock", "requirements.lock",
}
# SHA-256 of values that providers print in their own documentation (AWS's example key pair,
# the card numbers payment providers publish for tests, ...). Stored hashed: no key-like text here.
DOCUMENTED_EXAMPLES = frozenset({
    # payment providers' published test cards
    "9bbef19476623ca56c17da75fd57734dbf82530686043a6e491c6d71befe8f6e",
    "477bba133c182267fe5f086924abdc5db71f77bfc27f01f2843f2cdc69d89f05",
    "2f725bbd1f405a1ed0336abaf85ddfeb6902a9984a76fd877c3b5cc3b5085a82",
    "dd13cdf9af9dd3baf46ce96aecd7163cabf381ccb21e63f15f0fa10b1c663fa9",
    "3a134ef77d4e2e4cdad2d2945ff1f76c1a23296c93c851f6244220a8cedea130",
    "53a8fc816e63b7a5ccd17aaff93f28bcf13abbf418209dcd93947722d7c326ba",
    "19ff47cc8024c133d5845d3f8938caca289929031e7d508c3adf7adff177f0c2",
    "304945e91de3deff52a61d08733141d72dd42ec9d47972f1060534d54c0c7f90",
    "68594afe9c9cda525f6aca7a7316ca06c9db4952ba6f5217944581dc4a07e0b6",
    "b40e9bc7a74d50ab4f006ab0d3e85a8b96a5092989d5934623555f94ae48c836",
    "1c9d38ed26cd808fa3b02b9b3b988a7caf474e2e42d95789c0fe07e267c80d8f",
    "51a4ae4c6ae999146474a67cbcb3b05fbcf4c17ab683043a066459da95513ea8",
    "d8086d483c15c711ebba19f966b97d3c2adcba74025ff8d7e07c3698c9531deb",
    "acd08f29a41f2e55ab0c4f774b1562b03ff01a905ed5b100f4facd43af572b1b",
    "e5de3c3d9fcb43b15abddceb57a9f70055fdfb4b504765336054c926abeb88de",
    # IBANs from standards documents and bank manuals
    "45c755c9e88ba16735daa1e465dde67bfcb209ea707ea9955ebb853683b8a248",
    "faf7e1c0107370ff6f5d03205da7d8ae41ba8e22b31e94b986a65210075d9a1d",
    "339f85069d056503edab4f4fc87e144d0140fc53a58a8d801b078578272e4dff",
    "cb2609a461853b2a8da2f9392168c656488985655c10715585be40662cb0f9e9",
    "701502320c05f830e08c212f53ec9c540c1a45ce59b1abc51eb0685778bb5998",
    "5488b036f43dca672fa2b95bf5dbb2a3674f433a2d051c5003fbe5eb0ef115cc",
    "c498d017d83bf116da548fd5e517645c9cf775b1c5d94abde7311b2be4feeb8f",
    # SSNs that were published or never issued (the wallet-card number, 123-45-6789)
    "ef6385e04468128770c86bf7e098c70fa7bbc1a50d81a071087f925283a4e7af",
    "cefcfd691dce3593a7a1701afc78cea4fa686ec04d48fbcbda54acba4e2a0d1f",
    "01a54629efb952287e554eb23ef69c52097a75aecc0e3a93ca0855ab6d7a31a0",
    # the token on jwt.io's front page
    "7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606",
})
_SEQUENCES = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "01234567890123456789",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
    "0123456789abcdef0123456789abcdef",
)


def shannon_entropy(value: str, hexadecimal: bool = False) -> float:
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def is_template(value: str) -> bool:
    v = value.strip()
    return bool(_TEMPLATE.match(v) or _INTERPOLATION.search(v))


def is_placeholder(value: str) -> bool:
    """A value someone is meant to replace: words, templates, masks, one repeated character."""
    if not value or is_template(value):
        return True
    low = value.lower()
    if any(w in low for w in PLACEHOLDER_WORDS):
        return True
    return is_low_diversity(value)


def is_low_diversity(value: str) -> bool:
    """`xxxxxxxx`, `00000000`, `abcabcabc`, `ABCDEFGH...`: too few distinct characters or a run."""
    distinct = len(set(value))
    if distinct <= 3 or (len(value) >= 16 and distinct < 6):
        return True
    return is_sequential(value)


def is_sequential(value: str) -> bool:
    if len(value) < 8:
        return False
    core = value.strip("-_=")
    return any(core in seq or core.upper() in seq for seq in _SEQUENCES)


def _ascending_runs(value: str, minimum: int = 3) -> list[int]:
    """Lengths of the runs of consecutive letters or digits (`abc`, `123`, `XYZ`, case ignored)."""
    runs: list[int] = []
    n = 1
    low = value.lower()
    for prev, cur in zip(low, low[1:], strict=False):
        if cur.isalnum() and cur.isascii() and prev.isascii() and prev.isalnum() and ord(cur) == ord(prev) + 1 \
                and prev.isdigit() == cur.isdigit():
            n += 1
            continue
        if n >= minimum:
            runs.append(n)
        n = 1
    if n >= minimum:
        runs.append(n)
    return runs


def is_keyboard_filler(value: str) -> bool:
    """A value typed to look like a token (`abc123def456ghi789`, `1234567890-abc123`,
    `...XYZ123abc`): two or more runs like `abc` and `123` that make up a quarter of it. A random
    value has almost never one such run, let alone two."""
    runs = _ascending_runs(value)
    return len(runs) >= 2 and sum(runs) * 4 >= len(value)


def is_documented_example(value: str) -> bool:
    if "EXAMPLE" in value or "example" in value:
        return True
    return hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest() in DOCUMENTED_EXAMPLES


_FICTITIOUS_BANK = re.compile(r"TEST|XXXX|EXAMPLE|DEMO|FAKE|DUMMY|SAMPLE")


def is_fictitious_iban(normal: str) -> bool:
    """An IBAN whose bank code is a placeholder word (`NL.. TEST 0123...`): no bank issues it."""
    return bool(_FICTITIOUS_BANK.search(normal[4:].upper()))


def is_code_name(value: str) -> bool:
    """A class or type name of code (`APFeedingService`): capitalised words, letters only."""
    return _CODE_NAME.match(value) is not None


def is_lookup(expression: str) -> bool:
    return bool(_LOOKUP.search(expression))


def is_uuid(value: str) -> bool:
    return bool(UUID.match(value))


def is_git_sha(value: str) -> bool:
    return len(value) in (7, 8, 10, 12, 40, 64) and bool(HEX.match(value)) and value == value.lower()


def is_image_or_data_uri(value: str, line: str = "") -> bool:
    if _DATA_URI.search(value) or (line and _DATA_URI.search(line)):
        return True
    return value.startswith(_IMAGE_B64) and len(value) > 64


def is_hash_literal(line: str, start: int) -> bool:
    """`sha256:…`, `sha512-…` (lock files, SRI integrity) right before the value."""
    before = line[max(0, start - 8) : start]
    return bool(_HASH_PREFIX.search(before))


def is_lock_file(path: str) -> bool:
    return path.rsplit("/", 1)[-1] in LOCK_FILES


def looks_random(value: str, limit: float, entropy=shannon_entropy, hex_limit: float = 3.0) -> bool:
    """High entropy for its length, several character classes, not a word or identifier."""
    n = len(value)
    if n < 16 or any(c.isspace() for c in value):
        return False
    if _IDENTIFIERISH.match(value) or is_low_diversity(value):
        return False
    if value.isalpha() and not value.isascii():
        return False  # one word of a natural language (`Användaruppgifter`): tokens are ASCII
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    if HEX.match(value):
        # hex needs length and digits mixed with letters
        return n >= 20 and classes >= 2 and entropy(value, hexadecimal=True) >= hex_limit
    if classes < 2:
        return False
    threshold = min(limit, math.log2(n) - 0.7)
    return entropy(value, hexadecimal=False) >= threshold and not encodes_prose(value)


_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


def encodes_prose(value: str) -> bool:
    """Base64 of a sentence (`dGhpcyBzaG91bGQg...`: "this should ..."): an example payload in
    documentation, not key material, which decodes to bytes without words. A credential pair
    (`user:password`, Basic auth) has no spaces between words and is not prose."""
    if len(value) < 16 or not _BASE64.fullmatch(value):
        return False
    try:
        bare = value.rstrip("=").replace("-", "+").replace("_", "/")
        raw = base64.b64decode(bare + "=" * (-len(bare) % 4))
    except (ValueError, binascii.Error):
        return False
    try:
        text = raw.decode("ascii").rstrip("\r\n")
    except UnicodeDecodeError:
        return False
    words = sum(c.isalpha() or c == " " for c in text)
    return text.isprintable() and text.count(" ") >= 3 and words >= 0.85 * len(text)
