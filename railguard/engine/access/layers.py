"""The data-layer models of datalayers.yaml (where request ids come from, who the caller is, which
calls load records, what counts as a policy call) and the record a handler loads (`Lookup`), shared
by the Python and JavaScript object-level analyses; role guards that act on all records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from railguard.model import RailguardError
from railguard.rules.loader import load_data_file

DATA_FILE = Path(__file__).resolve().parent / "datalayers.yaml"
_AUTHN_ONLY = re.compile(r"(?i)^@?[\w.]*(login_required|jwt_required|auth_required|authenticated|login|fresh_login_required)"
                         r"(\(\s*\))?$")
_DECORATOR_POLICY = re.compile(r"(?i)(perm|\bcan_|\bCan[A-Z]|owner|allows\.requires|requires\(|policy|authoriz|"
                               r"object_permission|IsOwner|access)")
_EARLY_EXIT = r"[^\n]*:\s*\n\s*(return|raise|abort)\b"


@dataclass(frozen=True)
class Layers:
    request_sources: dict[str, re.Pattern[str]]
    current_user: dict[str, re.Pattern[str]]
    owner_fields: re.Pattern[str]
    policy_calls: re.Pattern[str]
    all_records_roles: re.Pattern[str]
    loaders: dict[str, frozenset[str]]  # language -> call names
    loader_patterns: dict[str, re.Pattern[str]]  # language -> names of project loaders (`get_note_by_id`)
    receivers: dict[str, tuple[re.Pattern[str], ...]]  # language -> receiver hints
    shared_content: re.Pattern[str]
    tenant_arguments: re.Pattern[str]
    link_checks: re.Pattern[str] = re.compile("$^")
    link_tokens: re.Pattern[str] = re.compile("$^")


@dataclass(frozen=True)
class Lookup:
    start: int
    end: int
    text: str
    model: str  # the record type when known
    checked: bool  # evidence found for this record
    direct: bool  # the id is a path parameter and the record is used: a clear flow
    guarded: bool = False  # checked against the caller (not only referenced by the caller's own action)
    method: bool = False  # a call of a model method that loads by the id (tenancy.py `unscoped_methods`)
    changes: bool = False  # ... which changes or deletes the record it loads


@lru_cache(maxsize=1)
def layers() -> Layers:
    try:
        data: dict[str, Any] = load_data_file(DATA_FILE)
        loaders: dict[str, set[str]] = {}
        receivers: dict[str, list[re.Pattern[str]]] = {}
        patterns: dict[str, list[str]] = {}
        for layer in data["layers"].values():
            lang = layer["language"]
            loaders.setdefault(lang, set()).update(layer["loaders"])
            if layer.get("loader-pattern"):
                patterns.setdefault(lang, []).append(layer["loader-pattern"])
            receivers.setdefault(lang, []).append(re.compile(layer["receivers"]))
        return Layers(
            request_sources={k: re.compile(v) for k, v in data["request-sources"].items()},
            current_user={k: re.compile(v) for k, v in data["current-user"].items()},
            owner_fields=re.compile(data["owner-fields"]),
            policy_calls=re.compile(data["policy-calls"]),
            all_records_roles=re.compile(data["all-records-roles"]),
            loaders={k: frozenset(v) for k, v in loaders.items()},
            loader_patterns={k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in patterns.items()},
            receivers={k: tuple(v) for k, v in receivers.items()},
            shared_content=re.compile(data["shared-content"]),
            tenant_arguments=re.compile(data.get("tenant-arguments", "$^")),
            link_checks=re.compile(data.get("link-checks", "$^")),
            link_tokens=re.compile(data.get("link-tokens", "$^")),
        )
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise RailguardError(f"{DATA_FILE.name}: cannot load the data-layer models: {exc}") from None


def all_records_role(text: str) -> bool:
    """A guard (decorator, reason, class decorators) that restricts a route to a role acting on all records."""
    return bool(layers().all_records_roles.search(text))


def policy_decorator(texts: list[str]) -> bool:
    """A decorator that authorizes more than a login: a permission or policy object."""
    return any(_DECORATOR_POLICY.search(t) and not _AUTHN_ONLY.match(t.strip()) for t in texts)


# a dependency that authenticates only: it reads the access token or the session
_TOKEN_ONLY = re.compile(r"(?i)token|session|jwt|api_?key|oauth2?_scheme|bearer|credential|current_\w*user")


def policy_dependency(names: list[str]) -> bool:
    """FastAPI: a route dependency that authorizes by its name (`Depends(requires_access_asset(...))`,
    `Depends(check_permission)`), not one that only reads the caller's token or session."""
    for name in names:
        last = name.rsplit(".", 1)[-1]
        if _DECORATOR_POLICY.search(last) and not _TOKEN_ONLY.search(last) and not _AUTHN_ONLY.match(last):
            return True
    return False


def in_handler_role_exit(body_text: str) -> bool:
    """`if not request.user.is_superuser: return/raise` — the handler is for an all-records role; so
    is a statement that raises unless the caller holds it (`permissions.check_admin_permissions()`)."""
    return bool(_role_exit().search(body_text) or _role_call().search(body_text))


@lru_cache(maxsize=1)
def _role_call() -> re.Pattern[str]:
    roles = layers().all_records_roles.pattern.removeprefix("(?i)")
    return re.compile(r"^[ \t]*(?:[\w.]+\.)?(?:check|require|ensure|assert|verify)_\w*(?:" + roles + r")\w*\([^\n]*\)[ \t]*$",
                      re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _role_exit() -> re.Pattern[str]:
    roles = layers().all_records_roles.pattern.removeprefix("(?i)")
    # the condition may run over several lines in parentheses (`if not (request.user.is_staff or\n
    # request.user.is_superuser):`); it ends at its colon
    return re.compile(r"\bif\s+not\s*(?:[^\n:]*(?:" + roles + r")[^\n]*|\([^:]*(?:" + roles + r")[^:]*)"
                      r":\s*\n\s*(return|raise|abort)\b", re.IGNORECASE)
