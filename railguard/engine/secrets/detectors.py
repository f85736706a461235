"""Detectors: each turns a candidate line (or a window of a very long line) into secret hits.

A detector is compiled from one `analyzer: secrets` rule. Its `detector:` key picks the kind:

    pattern              the rule's regex; the named group `secret` is the value
    detect-secrets       a detect-secrets plugin class, called through its public analyze_string
    private-key          a PEM/OpenSSH/PGP header followed by a real key body
    gcp-service-account  the private key of a service-account JSON
    aws-secret-key       40-character secret key next to its name or to an access key id
    generic              a high-entropy literal assigned or passed to a secret-like name
    password             a literal assigned to a password-like name
    authorization-header an `Authorization:` / API-key header with a literal credential
    example              where documented example values are reported (no detection of its own)

Every regex here runs on one line of at most a few kilobytes and is written without nested
quantifiers over overlapping classes; tests run each against adversarial input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from railguard.engine.secrets import filters
from railguard.engine.secrets.validators import VALIDATORS, demo_password, digits_of, iban_normal

if TYPE_CHECKING:
    from railguard.engine.document import Document
    from railguard.model import Rule

CODE_LANGUAGES = {"python", "javascript", "typescript", "tsx", "java", "go", "ruby", "php", "rust", "c", "cpp",
                  "csharp", "kotlin", "swift", "scala"}
DETECTOR_KINDS = ("pattern", "detect-secrets", "private-key", "gcp-service-account", "aws-secret-key", "generic",
                  "password", "authorization-header", "example")
PRIORITY = {"gcp-service-account": 0, "pattern": 10, "aws-secret-key": 12, "private-key": 15, "detect-secrets": 20,
            "authorization-header": 30, "generic": 40, "password": 45, "example": 90}
SENSITIVE_VALIDATORS = {"luhn", "iban", "ssn"}

# detect-secrets plugins that railguard calls for providers it has no own detector for
DETECT_SECRETS_PLUGINS = {
    "ArtifactoryDetector": "detect_secrets.plugins.artifactory",
    "CloudantDetector": "detect_secrets.plugins.cloudant",
    "IbmCloudIamDetector": "detect_secrets.plugins.ibm_cloud_iam",
    "IbmCosHmacDetector": "detect_secrets.plugins.ibm_cos_hmac",
    "SoftlayerDetector": "detect_secrets.plugins.softlayer",
    "BasicAuthDetector": "detect_secrets.plugins.basic_auth",
    "MailchimpDetector": "detect_secrets.plugins.mailchimp",
    "SquareOAuthDetector": "detect_secrets.plugins.square_oauth",
}


@dataclass(frozen=True)
class SecretHit:
    rule: Rule
    line: int  # 0-based
    start: int  # code-point columns in that line
    end: int
    value: str
    priority: int
    aliases: tuple[str, ...] = ()  # other forms of the value, as detect-secrets would hash them
    end_line: int = -1  # for values spanning lines (PEM blocks); -1: same line
    end_col: int = -1
    example: bool = False


@dataclass
class LineContext:
    """What a detector may look at: the document, the line number and the window's offset in it."""

    document: Document
    line: int
    offset: int  # column of the window's first character in the line
    language: str
    lock_file: bool
    entropy: Callable[..., float]
    base64_limit: float
    hex_limit: float
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> bool:
        return self.language in CODE_LANGUAGES


# ---------------------------------------------------------------- assignments

_ASSIGNMENT = re.compile(
    r"(?<![\w.$@-])(?P<name>[A-Za-z_$@][\w.$@-]{0,80})(?P<close>[\"'`\]]{0,3})[ \t]{0,10}(?P<op>:=|=>|=|:|\()(?![=>:])[ \t]{0,10}"
    r"(?:(?P<prefix>[bBrRuUfF]{0,2})(?:\"(?P<dq>[^\"\\\n]{0,500})\"|'(?P<sq>[^'\\\n]{0,500})'|`(?P<bq>[^`\\\n]{0,500})`)"
    r"|(?P<bare>[^\s\"'`,;#&|<>(){}\[\]]{1,500}))"
)
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
SECRET_WORDS = {"secret", "secrets", "token", "apikey",
                "credential", "credentials", "creds", "privatekey", "auth", "authtoken", "accesstoken", "pat"}
PASSWORD_WORDS = {"password", "passwd", "passphrase", "pwd", "pass"}
KEY_QUALIFIERS = {"api", "access", "private", "secret", "auth", "signing", "encryption", "master", "client",
                  "session", "app", "license", "service", "account", "consumer", "shared", "storage", "webhook"}
NONSECRET_TAILS = {
    "name", "names", "id", "ids", "type", "types", "field", "fields", "label", "url", "uri", "urls", "path", "file",
    "filename", "dir", "env", "var", "length", "len", "size", "pattern", "regex", "re", "prefix", "suffix", "header",
    "param", "policy", "count", "expiry", "expires", "expiration", "ttl", "timeout", "enabled", "enable", "required",
    "hint", "message", "msg", "placeholder", "format", "endpoint", "class", "mode", "method", "kind", "version",
    "algorithm", "alg", "scope", "scopes", "source", "provider", "store", "manager", "location", "validator",
    "validation", "reset", "min", "max", "hash", "hashed", "digest", "encoding", "index", "column", "attr",
    "attribute", "limit", "rotation", "age", "lifetime", "strength", "rule", "rules", "error", "errors", "input",
    "prompt", "text", "template", "description", "desc", "help", "title", "display", "visible", "changed",
    "option", "options", "arn", "ref", "reference", "sid", "usage", "list", "keys", "set", "getter",
    "setter", "dialog", "form", "widget", "button", "icon", "view", "page", "route", "handler", "callback",
    "generator", "factory", "parser", "serializer", "schema", "table", "model", "key", "fingerprint",
    "date", "time", "timestamp", "timestamps", "update", "updated", "attempts", "failures",
}
NONSECRET_HEADS = {"is", "has", "use", "show", "hide", "get", "set", "validate", "check", "verify", "new", "old",
                   "require", "requires", "allow", "enable", "disable", "min", "max", "num", "no", "default"}
_LITERAL_WORDS = {"true", "false", "null", "none", "nil", "yes", "no", "on", "off", "undefined", "required",
                  "optional", "string", "str", "int", "bool", "object", "any", "text", "hidden", "password"}


def name_segments(name: str) -> list[str]:
    last = re.split(r"[.$@>]", name)[-1] or name
    parts: list[str] = []
    for chunk in re.split(r"[_\-\s]+", last):
        parts += [p.lower() for p in _CAMEL.findall(chunk)] or ([chunk.lower()] if chunk else [])
    return parts


def secret_name_kind(name: str) -> str | None:
    """'password', 'secret' or None for a variable, key or parameter name."""
    segs = name_segments(name)
    if not segs or segs[-1] in NONSECRET_TAILS and not (len(segs) >= 2 and segs[-1] == "key"
                                                        and segs[-2] in KEY_QUALIFIERS):
        return None
    if segs[0] in NONSECRET_HEADS and len(segs) > 1:
        return None
    if segs[-1] in ("salt", "salts") and not any(s in PASSWORD_WORDS or s in SECRET_WORDS for s in segs):
        # a salt names a domain or a purpose (`ENCRYPTION_KEY_DERIVATION_SALT`); one a framework keeps
        # secret for passwords (`SECURITY_PASSWORD_SALT`) or calls a secret is still one
        return None
    joined = "".join(segs)
    if any(s in PASSWORD_WORDS - {"pass"} for s in segs) or "pass" in segs[1:] or segs == ["pass"]:
        return "password"
    if any(s in SECRET_WORDS for s in segs):
        return "secret"
    if joined.endswith(("apikey", "secretkey", "accesskey", "privatekey", "authkey", "clientsecret")):
        return "secret"
    for a, b in zip(segs, segs[1:], strict=False):
        if b == "key" and a in KEY_QUALIFIERS:
            return "secret"
    return None


@dataclass(frozen=True)
class Assignment:
    name: str
    kind: str  # password | secret
    value: str
    start: int
    end: int
    quoted: bool
    f_string: bool


def assignments(text: str, ctx: LineContext) -> Iterator[Assignment]:
    """Literal values assigned, passed or mapped to secret-like names on one line."""
    for m in _ASSIGNMENT.finditer(text):
        kind = secret_name_kind(m.group("name"))
        if kind is None:
            continue
        op = m.group("op")
        if op == "(" and m.start("op") > 0 and text[m.start("op") - 1] in " \t":
            continue  # `the credential (`/push/:token`)`: a parenthesis after a space is prose, not a call
        group = next((g for g in ("dq", "sq", "bq") if m.group(g) is not None), None)
        if group is not None and op == ":" and not m.group("close") and m.end("op") == m.start(group) - 1 \
                and text[: m.start("name")].count(text[m.end("op")]) % 2 == 1:
            continue  # a label that ends in a colon (`_("New Password:"),labelSeparator:""`): the quote closes it
        if group is None:
            if op == "(" or ctx.code and not ctx.language == "shell":
                continue  # an expression in code, not a literal
            group = "bare"
        value = m.group(group)
        start, end = m.span(group)
        if group == "bare" and _PROSE_AFTER.match(text, end):
            continue  # the first word of a sentence (`password-invalid = Falsches Passwort.`): prose
        prefix = (m.group("prefix") or "").lower()
        yield Assignment(m.group("name"), kind, value, start, end, group != "bare", "f" in prefix)


_DOTTED = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$")
# words that follow an unquoted value on the same line: the value opens a sentence
_PROSE_AFTER = re.compile(r"[ \t]{1,8}[^\W\d_][^\s#;,.]{0,40}[ \t,.]")
# the name of an environment variable or setting (`CKAN_SMTP_PASSWORD`): a reference, not a value
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
# an import path (`pkg.auth:PasswordAuthenticator`, `pkg.backends.ldap.LDAPBackend`): code, not a value
_REFERENCE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?::[A-Za-z_]\w*)?$|^[A-Za-z_]\w*:[A-Za-z_]\w*$")


def plausible_literal(a: Assignment, line: str) -> bool:
    v = a.value
    if len(v) < 6 or v.lower() in _LITERAL_WORDS or any(c.isspace() for c in v):
        return False
    if not a.quoted and (_DOTTED.match(v) or line[a.end : a.end + 1] in ("(", ".")):
        return False  # an expression (`Base64.getUrlEncoder()`, `crypto.randomBytes(32)`), not a value
    if a.f_string and "{" in v:
        return False
    if filters.is_placeholder(v) or filters.is_lookup(v) or ENV_NAME.match(v) or _SQL_TYPE.match(v) \
            or _CONSTANT_NAME.match(v):
        return False
    segs = name_segments(a.name)
    if _SHELL_SPLICE.match(v):
        return False  # a shell variable spliced into a quoted JSON body: `"password":"'$password'"`
    if a.quoted and _REPEATED.match(line, a.end):
        return False  # filler made by repetition (`"topSekr3t" * 16`): a self-test's sample text
    if a.quoted and _FORMAT_MARK.search(v) and _FORMATTED.match(line, a.end):
        return False  # a format filled from elsewhere (`'sha1$%s$%s' % (pw.salt, pw.password)`)
    if _REGEX_VALUE.match(v):
        return False  # a regular expression (`_USERNAME_PAT_STR = r"^[a-z][a-z0-9_]{4,14}$"`): a pattern, not a value
    if _PUBLIC_CLIENT_KEY.match(v):
        return False  # a key made to ship in clients (a PostHog project key, a publishable key): write-only or public
    if _KEY_FINGERPRINT.match(v) and set(segs) & _SIGNING_WORDS:
        return False  # a GPG key's id or fingerprint (SIGNING_KEY=53E6...8149): public, it names the key
    low = v.lower()
    if low in segs or low.replace("_", "") == "".join(segs):
        return False
    # a label that names itself under a namespace (`SHARE_TOKEN = "RADICALE:share-token"`): letters
    # and separators only, holding every word of the name
    if _LABEL.match(v) and segs and set(segs) <= set(_LABEL_WORD.findall(low)):
        return False
    return True


_LABEL = re.compile(r"^[A-Za-z]+(?:[:._/-][A-Za-z]+)+$")
# an anchored regular expression: `^` ... `$` around a character class, an escape, a group or a count
_REGEX_VALUE = re.compile(r"^\^.*(?:\[[^\]]+\]|\\[dswDSWb.$^()\[\]{}|+*?]|\(\?|\{\d+(?:,\d*)?\}).*\$$")
# a printf or str.format placeholder, and the literal's closing quote followed by `%` or `.format(`
_FORMAT_MARK = re.compile(r"%[-+ #0-9.]*[sdrxif]|%\(\w+\)[sd]|\{\w*\}")
_FORMATTED = re.compile(r"""['"]?[ \t]{0,8}(?:%[ \t]{0,8}[\w(\[]|\.format\()""")
_SHELL_SPLICE = re.compile(r"^'\$\{?\w{1,64}\}?'?$")
# the literal's closing quote, then `* 16`
_REPEATED = re.compile(r"""['"]?[ \t]{0,8}\*[ \t]{0,8}\d{1,6}\b""")
# the name of a setting or constant in capitals (`'#ldap_password': 'BINDPW'`), not a value
_CONSTANT_NAME = re.compile(r"^[A-Z]{6,}$")
# a PGP key id or fingerprint as gpg prints it: 16 or 40 hex digits in capitals
_KEY_FINGERPRINT = re.compile(r"^(?:0x)?(?:[0-9A-F]{16}|[0-9A-F]{40})$")
# keys a service issues to be embedded in web pages and apps, by their fixed prefix: PostHog's project key
# (`phc_`; its personal keys are `phx_`), Stripe's and Clerk's publishable keys (`pk_live_`, `pk_test_`),
# Langfuse's public key (`pk-lf-`), Mapbox's public token (`pk.eyJ`)
_PUBLIC_CLIENT_KEY = re.compile(r"^(?:phc_[A-Za-z0-9]{20,64}|pk_(?:live|test)_[A-Za-z0-9]{10,120}|pk-lf-[0-9a-f-]{20,40}"
                                r"|pk\.eyJ[A-Za-z0-9_.-]{10,200})$")
_SIGNING_WORDS = frozenset({"gpg", "pgp", "gnupg", "signing", "sign", "signer", "fingerprint", "keyid"})
# a column type (`{hyperdb.Password: 'VARCHAR(255)'}`): the schema of a password field, not a password
_SQL_TYPE = re.compile(r"^(?:N?VAR)?CHAR(?:ACTER)?(?: VARYING)?\(\d+\)$|^(?:VAR)?BINARY\(\d+\)$", re.IGNORECASE)
_LABEL_WORD = re.compile(r"[a-z]+")


# ---------------------------------------------------------------- detectors


class Detector:
    kind = "pattern"

    def __init__(self, rule: Rule, keywords: tuple[str, ...], prefilter: re.Pattern[str] | None) -> None:
        self.rule = rule
        self.keywords = tuple(k.lower() for k in keywords)
        self.prefilter = prefilter
        self.priority = PRIORITY.get(self.kind, 50)

    def may_trigger(self, lowered: str) -> bool:
        """Can `triggered` hold on any of a file's candidate windows (`lowered`: their lower-cased
        texts, joined)? False only for a detector without a prefilter regex none of whose
        keywords occurs there (one test per file instead of one per window)."""
        if self.prefilter is not None:
            return True
        return any(k in lowered for k in self.keywords)

    def triggered(self, text: str, lower: str) -> bool:
        if any(k in lower for k in self.keywords):
            return True
        return self.prefilter is not None and self.prefilter.search(text) is not None

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:  # pragma: no cover - interface
        raise NotImplementedError

    def hit(self, ctx: LineContext, start: int, end: int, value: str, *, aliases: tuple[str, ...] = (),
            example: bool | None = None) -> SecretHit:
        return SecretHit(self.rule, ctx.line, ctx.offset + start, ctx.offset + end, value, self.priority,
                         aliases, example=filters.is_documented_example(value) if example is None else example)


class PatternDetector(Detector):
    kind = "pattern"

    def __init__(self, rule: Rule, keywords: tuple[str, ...], prefilter: re.Pattern[str] | None,
                 pattern: re.Pattern[str], context: re.Pattern[str] | None, validate: str | None) -> None:
        super().__init__(rule, keywords, prefilter)
        self.pattern = pattern
        self.context = context
        self.validate = VALIDATORS[validate] if validate else None
        self.sensitive = validate in SENSITIVE_VALIDATORS
        self.validate_name = validate
        # a pattern compiled on first use: ask its source, not its compiled groups
        self.group = "secret" if "(?P<secret>" in pattern.pattern else 0

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        if self.context is not None and not self.context.search(text):
            return
        for m in self.pattern.finditer(text):
            value = m.group(self.group)
            if not value:
                continue
            start, end = m.span(self.group)
            if self.sensitive:
                normal = iban_normal(value) if self.validate_name == "iban" else (
                    digits_of(value) if self.validate_name == "luhn" else value)
                if filters.is_documented_example(normal) or (
                        self.validate_name == "iban" and filters.is_fictitious_iban(normal)
                        and self.validate is not None and self.validate(value)):
                    yield self.hit(ctx, start, end, value, example=True)
                elif self.validate is not None and self.validate(value):
                    yield self.hit(ctx, start, end, value, example=False)
                continue
            if self.validate is not None and not self.validate(value):
                continue
            if self.validate_name == "url-password" and demo_password(value):
                yield self.hit(ctx, start, end, value, example=True)
                continue
            if filters.is_documented_example(value):
                yield self.hit(ctx, start, end, value, example=True)
                continue
            if filters.is_placeholder(_random_part(value)):
                continue
            yield self.hit(ctx, start, end, value)


def _random_part(value: str) -> str:
    """The part of a provider key after its fixed prefix (`sk-proj-`, `ghp_`, `xoxb-`)."""
    m = re.match(r"^[A-Za-z0-9]{1,12}[-_.](?:[A-Za-z0-9]{1,8}[-_.])?", value)
    rest = value[m.end():] if m else value
    return rest if len(rest) >= 8 else value


class DetectSecretsDetector(Detector):
    """A detect-secrets plugin, instantiated with explicit arguments; its global settings are never read."""

    kind = "detect-secrets"

    def __init__(self, rule: Rule, keywords: tuple[str, ...], prefilter: re.Pattern[str] | None,
                 plugin: str) -> None:
        super().__init__(rule, keywords, prefilter)
        if plugin not in DETECT_SECRETS_PLUGINS:
            raise ValueError(f"unknown detect-secrets plugin {plugin!r} (known: {', '.join(DETECT_SECRETS_PLUGINS)})")
        self.plugin_name = plugin
        self._plugin: Any = None

    @property
    def plugin(self) -> Any:
        if self._plugin is None:
            import importlib

            module = importlib.import_module(DETECT_SECRETS_PLUGINS[self.plugin_name])
            self._plugin = getattr(module, self.plugin_name)()
        return self._plugin

    def _locate(self, text: str, value: str, seen: set[int]) -> int:
        """Where the plugin's value is: a URL's password is the one between `:` and `@` (in
        `postgres://app:app@localhost/db` the user name comes first and is the same text)."""
        if self.plugin_name == "BasicAuthDetector":
            at = text.find(":" + value + "@")
            while at >= 0 and at + 1 in seen:
                at = text.find(":" + value + "@", at + 1)
            if at >= 0:
                return at + 1
        start = text.find(value)
        while start in seen and start >= 0:
            start = text.find(value, start + 1)
        return start

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        seen: set[int] = set()
        for value in self.plugin.analyze_string(text):
            value = value.strip(" \t\"'=:")  # some plugins' matches include the delimiters
            if not value or filters.is_placeholder(value) or filters.is_template(value):
                continue
            if ctx.code and filters.is_code_name(value):
                continue  # `from .ap import APFeedingService`: a class name, not an Artifactory `AP...` password
            start = self._locate(text, value, seen)
            if start < 0:
                continue
            seen.add(start)
            if self.plugin_name == "BasicAuthDetector":
                if _url_user(text, start).lower() == "anonymous":
                    continue  # anonymous FTP (RFC 1635): the password is a courtesy, no credential
                if demo_password(value):
                    yield self.hit(ctx, start, start + len(value), value, example=True)
                    continue
                if not VALIDATORS["url-password"](value):
                    continue
            yield self.hit(ctx, start, start + len(value), value)


def _url_user(text: str, password_at: int) -> str:
    """The user name of `scheme://user:password@host`, given where the password starts."""
    head = text[:max(password_at - 1, 0)]
    return head[head.rfind("://") + 3:] if "://" in head else ""


_PEM = re.compile(r"-----BEGIN (?P<type>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_B64_CHARS = re.compile(r"[A-Za-z0-9+/=]")
MAX_KEY_LINES = 200


class PrivateKeyDetector(Detector):
    """A key header followed by at least 64 base64 characters of body, on this line or the next."""

    kind = "private-key"

    def __init__(self, rule: Rule, keywords: tuple[str, ...], prefilter: re.Pattern[str] | None,
                 types: tuple[str, ...]) -> None:
        super().__init__(rule, keywords, prefilter)
        self.types = types

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        for m in _PEM.finditer(text):
            key_type = m.group("type")
            if self.types and not any(t in key_type for t in self.types):
                continue
            if not self.types and any(t in key_type for t in ("OPENSSH", "PGP")):
                continue
            rest = text[m.end():]
            end_m = _PEM_END.search(rest)
            if rest.strip():
                if not rest.startswith(("\\n", "\\r\\n")):
                    continue  # a header inside a one-line string: a parser or a marker, no key
                body = rest[: end_m.start()] if end_m else rest
                body = body.replace("\\n", "\n")
                end_col = m.end() + (end_m.end() if end_m else len(rest))
                hit_end: tuple[int, int] = (ctx.line, ctx.offset + end_col)
            else:
                body, hit_end = self._following_lines(ctx)
            if not _real_body(body):
                continue
            value = text[m.start():] if hit_end[0] != ctx.line else text[m.start(): hit_end[1] - ctx.offset]
            full = body.strip()
            hit = self.hit(ctx, m.start(), len(text) if hit_end[0] != ctx.line else hit_end[1] - ctx.offset,
                           value, aliases=(f"BEGIN {key_type}",), example=False)
            if hit_end[0] != ctx.line:
                hit = SecretHit(hit.rule, hit.line, hit.start, hit.end, full or value, hit.priority, hit.aliases,
                                hit_end[0], hit_end[1])
            yield hit

    @staticmethod
    def _following_lines(ctx: LineContext) -> tuple[str, tuple[int, int]]:
        doc = ctx.document
        body: list[str] = []
        last = ctx.line
        for n in range(ctx.line + 1, min(doc.line_count, ctx.line + 1 + MAX_KEY_LINES)):
            line = doc.line_text(n)
            end_m = _PEM_END.search(line)
            if end_m:
                body.append(line[: end_m.start()])
                return "\n".join(body), (n, end_m.end())
            body.append(line)
            last = n
        return "\n".join(body), (last, len(doc.line_text(last)))


def _real_body(body: str) -> bool:
    lines = [ln.strip().strip("\"',\\+ ") for ln in body.splitlines()]
    lines = [ln for ln in lines if ln and ":" not in ln]
    joined = "".join(lines)
    if len(joined) < 64 or filters.is_placeholder(joined[:200]):
        return False
    return len(_B64_CHARS.findall(joined)) >= 0.9 * len(joined)


_GCP_KEY = re.compile(r"[\"']private_key[\"']\s*:\s*[\"'](?P<secret>-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[^\"']{64,})[\"']")


class GcpServiceAccountDetector(Detector):
    kind = "gcp-service-account"

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        if "service_account" not in ctx.cache:
            ctx.cache["service_account"] = b"service_account" in ctx.document.data
        if not ctx.cache["service_account"]:
            return
        for m in _GCP_KEY.finditer(text):
            value = m.group("secret")
            if _real_body(value.split("-----", 2)[-1].replace("\\n", "\n")):
                yield self.hit(ctx, *m.span("secret"), value, aliases=("BEGIN PRIVATE KEY",), example=False)


_AWS_SECRET_VALUE = re.compile(r"(?<![A-Za-z0-9/+])(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])")
_AWS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])")
_AWS_SECRET_NAME = re.compile(r"(?i)aws.{0,20}secret|secret.?access.?key")


class AwsSecretKeyDetector(Detector):
    """The 40-character secret access key, by its name or beside its access key id (a pair)."""

    kind = "aws-secret-key"

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        for a in assignments(text, ctx):
            if _AWS_SECRET_NAME.search(a.name) and len(a.value) == 40 and _aws_like(a.value):
                yield self.hit(ctx, a.start, a.end, a.value)
        if not _AWS_KEY_ID.search(text):
            return
        doc = ctx.document
        for n in range(max(0, ctx.line - 3), min(doc.line_count, ctx.line + 4)):
            if n == ctx.line:
                continue
            line = doc.line_text(n)
            if len(line) > 4096:
                continue
            for m in _AWS_SECRET_VALUE.finditer(line):
                value = m.group("secret")
                if _aws_like(value):
                    yield SecretHit(self.rule, n, m.start(), m.end(), value, self.priority,
                                    example=filters.is_documented_example(value))


_SNAKE_LABEL = re.compile(r"[a-z][a-z0-9]{0,11}(?:_[a-z][a-z0-9]{0,11}){2,}")


def _snake_label(value: str) -> bool:
    """An identifier of three or more short lower-case words (`databricks_oauth_m2m`, an auth
    type's name): a label that code compares, not a random value."""
    return _SNAKE_LABEL.fullmatch(value) is not None and sum(c.isdigit() for c in value) <= 3


def _aws_like(value: str) -> bool:
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    return classes >= 3 and not filters.is_placeholder(value) and not filters.is_git_sha(value)


class GenericSecretDetector(Detector):
    """High-entropy literals, but only where the context says secret."""

    kind = "generic"

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        if ctx.lock_file:
            return
        for a in assignments(text, ctx):
            if a.kind != "secret" or not plausible_literal(a, text):
                continue
            v = a.value
            if (filters.is_uuid(v) or filters.is_git_sha(v) or filters.is_image_or_data_uri(v, text)
                    or filters.is_hash_literal(text, a.start) or _module_path(v) or _snake_label(v)):
                continue
            if filters.looks_random(v, ctx.base64_limit, ctx.entropy, ctx.hex_limit):
                yield self.hit(ctx, a.start, a.end, v)


class PasswordDetector(Detector):
    kind = "password"

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        if ctx.lock_file:
            return
        prose = _DOC_VALUE.match(text)
        for a in assignments(text, ctx):
            if a.kind != "password":
                continue
            if prose and a.start >= prose.end():
                # a help text's sentence (`"usage": "Default username/password: admin/x1y2."`): the
                # factory login of someone else's product, documented for the user; editor only
                yield self.hit(ctx, a.start, a.end, a.value, example=True)
                continue
            if _REFUSED_NAME.search(a.name):
                continue  # a value kept to be refused (`_LEGACY_DEFAULT_ADMIN_PASSWORD`, `WEAK_PASSWORDS`): known to all
            if demo_password(a.value):
                if a.quoted and not a.f_string:
                    yield self.hit(ctx, a.start, a.end, a.value, example=True)
                continue
            if not plausible_literal(a, text):
                continue
            if a.value.startswith(("http://", "https://", "/")) or filters.is_uuid(a.value):
                continue
            if re.fullmatch(r"[a-z]+(?:[_.-][a-z]+)+", a.value) or _word(a.value) or _REFERENCE.match(a.value):
                continue  # a word, an identifier or a setting's value (`critical`, `read_only`, `Lozinka`)
            if _RATE.match(a.value):
                continue  # a throttle rate (`'password_reset': '5/hour'`): how often, not a password
            if _attribute_name(a.value):
                continue  # a schema's attribute name (`"password": "userPassword"` in an LDAP mapping)
            if len(a.value) in (96, 128) and filters.HEX.match(a.value):
                continue  # a SHA-384/512 hex digest: the stored hash a login compares with, not the password
            if _PASSWORD_HASH.match(a.value):
                continue  # a stored hash in a hasher's format (Django's `sha1$salt$hex`, crypt's `$2b$12$...`)
            yield self.hit(ctx, a.start, a.end, a.value)


# a data file's help or description text (JSON, YAML, TOML, INI): what follows the key is prose
_DOC_VALUE = re.compile(r"""^\s*["']?(?:usage|description|desc|help|help_?text|notes?|summary|instructions?|"""
                        r"""hint|tooltip|caption|details|about|documentation)["']?\s*[:=]\s*["']""", re.IGNORECASE)


# names of values a program keeps in order to refuse them: a published default, a list of weak
# or leaked passwords
_REFUSED_NAME = re.compile(
    r"(?i)(?:^|_)(?:legacy_default|published|insecure|weak|banned|forbidden|blocked|blacklisted|blocklisted|"
    r"denylisted|denied|rejected|leaked|compromised|known_bad|pwned)_")


# the formats password hashers store: Django's `<algorithm>$<salt or rounds>$...`, and the modular
# crypt format `$<id>$...` of bcrypt, sha-crypt, md5-crypt, yescrypt and argon2, and passlib's
# own identifiers (`$pbkdf2-sha512$19000$salt$checksum`, `$bcrypt-sha256$`, `$scrypt$`)
_PASSWORD_HASH = re.compile(
    r"^(?:(?:pbkdf2_sha256|pbkdf2_sha1|bcrypt_sha256|bcrypt|argon2|scrypt|sha1|md5|crypt|unsalted_sha1|unsalted_md5)"
    r"\$[A-Za-z0-9$+/=.,_-]{4,}"
    r"|\$(?:2[abxy]?|1|5|6|y|7|argon2(?:id|i|d)|pbkdf2(?:-sha(?:1|256|512))?|bcrypt-sha256|scrypt)"
    r"\$[A-Za-z0-9$+/=.,_-]{8,})$")


# one segment of a dotted module or class path: `accounts`, `auth_backends`, `Profile`, `LDAPBackend`
_PATH_SEGMENT = re.compile(r"^(?:[a-z_]+[0-9]{0,2}|(?:[A-Z]+[a-z]*)+[0-9]{0,2})$")


def _module_path(value: str) -> bool:
    """A dotted module or class path (`AUTH_PROFILE_MODULE = "accounts.Profile"`): every segment
    a lower-case name or a CamelCase word, which random text (a JWT's segments) is not."""
    segs = value.split(".")
    return len(segs) >= 2 and all(_PATH_SEGMENT.match(s) for s in segs)


def _attribute_name(value: str) -> bool:
    """A camelCase identifier naming a password or secret field (`userPassword`, `oathTokenPIN`,
    `pwdChangedTime`): the name of an attribute in a schema, not a password."""
    if not (value.isascii() and value.isalpha() and value[:1].islower()) or value.islower():
        return False
    segs = name_segments(value)
    return len(segs) >= 2 and any(s in PASSWORD_WORDS or s in SECRET_WORDS or s == "pin" for s in segs)


# a rate limit as Django REST framework, Flask-Limiter and friends write it: `12/hour`, `5/second`, `100/5m`
_RATE = re.compile(r"^\d{1,9}/\d{0,4}(?:s|sec|second|m|min|minute|h|hr|hour|d|day|w|week|month|y|year)s?$",
                   re.IGNORECASE)


def _word(value: str) -> bool:
    """One word of a natural language: letters only, lower case or capitalised (`Aceptar`,
    `Passwort`), or text in a non-Latin script (`Пароль`, `密碼不正確。`); a label or a
    translation, not a password."""
    if any(c.isalpha() and ord(c) > 0x24F for c in value):
        return True  # Greek, Cyrillic, Arabic, CJK, Thai...: written for people
    if not value.isalpha():
        return False
    if not value.isascii():
        return True
    return len(value) < 16 and (value.islower() or value.istitle())


_AUTH_HEADER = re.compile(
    r"(?i)\b(?P<header>authorization|proxy-authorization|x-api-key|x-auth-token|x-access-token|api-key|apikey)"
    r"[\"']?\s{0,4}(?P<sep>[:=,])\s{0,4}(?P<quote>[\"'])?(?:(?P<scheme>bearer|basic|token|bot|apikey|digest)\s{1,4})?"
    r"(?P<secret>[A-Za-z0-9._~+/=-]{12,500})"
)


class AuthorizationHeaderDetector(Detector):
    kind = "authorization-header"

    def find(self, text: str, ctx: LineContext) -> Iterator[SecretHit]:
        for m in _AUTH_HEADER.finditer(text):
            value = m.group("secret")
            scheme = (m.group("scheme") or "").lower()
            if filters.is_placeholder(value) or filters.is_template(value):
                continue
            if not m.group("quote") and not scheme and (m.group("sep") == "," or ctx.code and _DOTTED.match(value)):
                continue  # `Column("apikey", types.UnicodeText)`: a name followed by code, not a header value
            if not m.group("quote") and not scheme and ctx.code and (
                    text[m.end("secret"):].lstrip().startswith("(") or filters.is_code_name(value)):
                continue  # `authorization = AuthorizationServer(query_client=...)`: code assigns a call or a name
            if m.group("sep") == "," and _LABEL.match(value):
                continue  # a list of header names (`allow_headers=[..., 'Authorization', 'X-Timezone-Offset']`)
            if scheme == "basic":
                if not VALIDATORS["basic-credentials"](value):
                    continue
            elif not filters.looks_random(value, ctx.base64_limit, ctx.entropy, ctx.hex_limit):
                continue
            yield self.hit(ctx, *m.span("secret"), value)


DETECTOR_CLASSES: dict[str, type[Detector]] = {
    "pattern": PatternDetector,
    "detect-secrets": DetectSecretsDetector,
    "private-key": PrivateKeyDetector,
    "gcp-service-account": GcpServiceAccountDetector,
    "aws-secret-key": AwsSecretKeyDetector,
    "generic": GenericSecretDetector,
    "password": PasswordDetector,
    "authorization-header": AuthorizationHeaderDetector,
}
