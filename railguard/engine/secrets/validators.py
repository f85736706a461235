"""Checks that turn a format match into a likely secret: checksums, decodable structure, ranges.

Each takes the matched value (the `secret` group) and returns True when it is plausible.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable

from railguard.engine.secrets.filters import is_placeholder, is_template

# Issuer prefixes with the lengths each scheme issues: a number of another length that passes
# Luhn (one in ten random numbers does) is an id or a timestamp, not a card.
_CARD_SCHEMES: tuple[tuple[re.Pattern[str], frozenset[int]], ...] = (
    # Visa (13-digit numbers have not been issued for years: a 13-digit number starting with 4 is an id)
    (re.compile(r"^4"), frozenset({16, 19})),
    (re.compile(r"^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))"), frozenset({16})),  # Mastercard
    (re.compile(r"^3[47]"), frozenset({15})),  # American Express
    (re.compile(r"^6(?:011|5|4[4-9])"), frozenset({16, 17, 18, 19})),  # Discover
    (re.compile(r"^35(?:2[89]|[3-8])"), frozenset({16, 17, 18, 19})),  # JCB
    (re.compile(r"^3(?:0[0-5]|[68])"), frozenset({14, 15, 16, 17, 18, 19})),  # Diners Club
)
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24,
    "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21,
    "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27,
    "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24,
    "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29,
    "VA": 22, "VG": 24, "XK": 20,
}
# Demo credentials that documentation uses (Oracle's scott/tiger, service defaults): not leaks.
DEMO_PASSWORDS = frozenset({
    "password", "pass", "passwd", "postgres", "root", "guest", "secret", "admin", "mysql", "redis", "test",
    "changeme", "user", "username", "pwd", "tiger", "example", "default", "rabbitmq", "mongo", "sa",
    # vendor defaults that manuals print (Nexus admin123, the Java keystore's changeit, ...)
    "admin123", "changeit", "password123", "pass123", "letmein", "123456", "12345678", "qwerty",
    # the sample passwords of database container images' quick starts (SQL Server's Passw0rd)
    "passw0rd", "password1",
})


def digits_of(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def valid_card(value: str) -> bool:
    """13-19 digits, consistent grouping, a known issuer prefix at one of its lengths and the Luhn checksum."""
    digits = digits_of(value)
    if not 13 <= len(digits) <= 19 or len(set(digits)) < 3:
        return False
    seps = {c for c in value if not c.isdigit()}
    if len(seps) > 1:
        return False
    if seps:
        groups = re.split(r"[ -]", value)
        if len(groups) < 3 or any(not 3 <= len(g) <= 6 for g in groups):
            return False
    scheme = any(prefix.match(digits) and len(digits) in lengths for prefix, lengths in _CARD_SCHEMES)
    return scheme and luhn_ok(digits)


def iban_normal(value: str) -> str:
    return value.replace(" ", "").upper()


def valid_iban(value: str) -> bool:
    """Country length and the ISO 13616 mod-97 check."""
    iban = iban_normal(value)
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban[2:4].isdigit():
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def valid_ssn(value: str) -> bool:
    """US SSN in issued ranges: area 001-899 except 666, group 01-99, serial 0001-9999."""
    parts = value.split("-")
    if len(parts) != 3:
        return False
    area, group, serial = parts
    return (area != "000" and area != "666" and area < "900" and group != "00" and serial != "0000"
            and len(set(area + group + serial)) > 1)


def _b64decode(text: str) -> bytes | None:
    text = text.strip()
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        try:
            return base64.b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            return None


def valid_jwt(value: str) -> bool:
    """Three parts, a JSON header with an algorithm other than `none`, and a signature."""
    parts = value.split(".")
    if len(parts) != 3 or len(parts[2]) < 16:
        return False
    raw = _b64decode(parts[0])
    if raw is None:
        return False
    try:
        header = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(header, dict) and str(header.get("alg", "")).lower() not in ("", "none")


# a token whose `exp` lies this far in the past grants nothing any more (clock skew allowances are minutes)
EXPIRED_GRACE_SECONDS = 86_400


def jwt_expired(value: str, now: float) -> bool:
    """A JWT whose payload carries an `exp` claim more than a day before `now`: a recording of a
    token that expired, such as a provider response kept for a test. Tokens without `exp` never expire."""
    parts = value.split(".")
    if len(parts) != 3:
        return False
    raw = _b64decode(parts[1])
    if raw is None:
        return False
    try:
        claims = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return False
    exp = claims.get("exp") if isinstance(claims, dict) else None
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return False
    return exp + EXPIRED_GRACE_SECONDS < now


def valid_basic_credentials(value: str) -> bool:
    """base64 of `user:password` with a real-looking password (Docker auth, Basic headers)."""
    raw = _b64decode(value)
    if raw is None:
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if ":" not in text or not text.isprintable():
        return False
    password = text.split(":", 1)[1]
    return len(password) >= 4 and not is_placeholder(password) and password.lower() not in DEMO_PASSWORDS


_SNAKE_WORDS = re.compile(r"^[a-z]+(?:_[a-z]+)+\d{0,4}$")
# the name of what goes there, in CamelCase (`twilio://AccountSid:AuthToken@FromPhoneNo`)
_CAMEL_LABEL = re.compile(r"^(?:[A-Z][a-z]+){2,4}$")
_CREDENTIAL_WORD = re.compile(r"Token|Password|Passwd|Pass|Secret|Key|Auth|Pwd")
# the name of a setting in capitals standing for the value (`postgresql://DB_USER:DB_PASSWORD@DB_HOST`)
_UPPER_LABEL = re.compile(r"^[A-Z]+(?:_[A-Z]+)*$")
_UPPER_CREDENTIAL_WORD = re.compile(r"TOKEN|PASSWORD|PASSWD|PASS|SECRET|KEY|AUTH|PWD")


def valid_url_password(value: str) -> bool:
    """Not a template, a placeholder or words standing in for one (`secured_password`, `AuthToken`)."""
    return (bool(value) and not is_template(value) and not is_placeholder(value)
            and not value.startswith(("$", "%", "{")) and not _SNAKE_WORDS.match(value)
            and not (_CAMEL_LABEL.match(value) and _CREDENTIAL_WORD.search(value))
            and not (_UPPER_LABEL.match(value) and _UPPER_CREDENTIAL_WORD.search(value)))


def demo_password(value: str) -> bool:
    # the optional-part notation of a syntax line: `mysql://user[:password]@host[:port]/db`
    return value.lower().strip("[]") in DEMO_PASSWORDS


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": valid_card,
    "iban": valid_iban,
    "ssn": valid_ssn,
    "jwt": valid_jwt,
    "basic-credentials": valid_basic_credentials,
    "url-password": valid_url_password,
}
