"""Spring MVC / WebFlux controllers (and JAX-RS resources) and what protects them.

Protection: `@PreAuthorize`, `@Secured`, `@RolesAllowed` (method or class);
`SecurityFilterChain` / `WebSecurityConfigurerAdapter` rules
(`requestMatchers(...).authenticated()/hasRole(...)`, `anyRequest().authenticated()`)
evaluated first-match-wins against the endpoint's path and method; Spring Boot's
default (every request authenticated) when Spring Security is a dependency and the
project defines no filter chain. `permitAll()`, `@PermitAll` and `web.ignoring()`
make an endpoint public.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access.model import Route, normalize_path
from railguard.engine.access.tree import code_text, string_value, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.document import Document

_MATCHER = re.compile(
    r"\b(requestMatchers|antMatchers|mvcMatchers|regexMatchers|pathMatchers)\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)"
    r"\s*\.\s*(\w+)")
_ANY = re.compile(r"\b(anyRequest|anyExchange)\s*\(\s*\)\s*\.\s*(\w+)")
_IGNORING = re.compile(r"\bignoring\s*\(\s*\)\s*\.\s*(?:requestMatchers|antMatchers|mvcMatchers)\s*\(([^)]*)\)")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_HTTP_METHOD = re.compile(r"HttpMethod\.(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)")
PUBLIC_DECISIONS = {"permitAll", "anonymous"}
_CSRF_DISABLED = re.compile(r"csrf\s*\(\s*\)\s*\.\s*disable\s*\(|csrf\s*\(\s*(\w+\s*->\s*\w+\s*\.\s*disable\s*\(\s*\)|"
                            r"AbstractHttpConfigurer\s*::\s*disable|Customizer\s*\.\s*withDefaults\s*\(\s*\)\s*\)\s*\.\s*disable)")


def collect(doc: Document, raw: dict[str, Any], model: AccessModel) -> None:
    t = doc.text
    sp = raw["spring"]
    if re.search(model.fw("spring").value("security-dependency"), t) and not doc.path.endswith(".java"):
        sp["security_dependency"] = True
        return
    if "EnableMethodSecurity" in t or "EnableGlobalMethodSecurity" in t:
        sp["method_security"] = True
    if "HttpSecurity" in t or "ServerHttpSecurity" in t or "SecurityFilterChain" in t:
        sp.setdefault("chains", []).append(filter_chain(t))
        sp["security_dependency"] = True
        raw["uses_auth"] = True
    for m in _IGNORING.finditer(t):
        sp.setdefault("ignoring", []).extend(_STRING.findall(m.group(1)))


def filter_chain(text: str) -> dict[str, Any]:
    rules: list[list[Any]] = []
    for m in _MATCHER.finditer(text):
        args, decision = m.group(2), m.group(3)
        methods = _HTTP_METHOD.findall(args)
        patterns = _STRING.findall(args)
        if patterns or methods:
            rules.append([methods, patterns or ["/**"], "public" if decision in PUBLIC_DECISIONS else "protected"])
    anym = _ANY.search(text)
    anyreq = None
    if anym:
        anyreq = "public" if anym.group(2) in PUBLIC_DECISIONS else "protected"
    authorizes = bool(re.search(r"authorize(Http)?Requests|authorizeExchange|authorize\s*\(", text))
    form_login = bool(re.search(r"\bformLogin\s*\(", text))
    return {"rules": rules, "any": anyreq, "authorizes": authorizes,
            "csrf_disabled": bool(_CSRF_DISABLED.search(text)), "form_login": form_login}


def _ant_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("/**", i):
            out += "(/.*)?"
            i += 3
            continue
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            continue
        c = pattern[i]
        if c == "*":
            out += "[^/]*"
        elif c == "{":
            j = pattern.find("}", i)
            out += "[^/]+"
            i = j + 1 if j > 0 else i + 1
            continue
        else:
            out += re.escape(c)
        i += 1
    return re.compile(out + "/?$")


def chain_decision(facts: Facts, path: str, methods: tuple[str, ...]) -> tuple[str, str]:
    """('public'|'protected'|'', what decided) for a request path under the project's filter chains."""
    sp = facts.section("spring")
    concrete = re.sub(r"\{[^}]*\}", "x", path) or "/"
    for pattern in sp.get("ignoring") or []:
        if _ant_regex(pattern).match(concrete):
            return "public", f'web.ignoring() of "{pattern}"'
    chains = [c for c in sp.get("chains") or [] if c.get("authorizes")]
    for chain in chains:
        for rule_methods, patterns, decision in chain["rules"]:
            if rule_methods and methods and not set(methods) & set(rule_methods) and "ANY" not in methods:
                continue
            for pattern in patterns:
                if _ant_regex(pattern).match(concrete):
                    return decision, f'the filter chain rule for "{pattern}"'
        if chain.get("any") == "protected":
            return "protected", "anyRequest() in the filter chain"
        if chain.get("any") == "public":
            return "", ""  # a catch-all permitAll() is no decision about this endpoint
    if chains:
        return "public", ""
    if sp.get("chains"):
        return "", ""  # a chain that does not authorize requests
    if sp.get("security_dependency"):
        return "protected", "Spring Security's default (every request authenticated)"
    return "", ""


def _annotations(doc: Document, node: Node) -> list[tuple[str, Node]]:
    mods = next((c for c in node.children if c.type == "modifiers"), None)
    if mods is None:
        return []
    out = []
    for a in mods.named_children:
        if a.type in ("annotation", "marker_annotation"):
            name = a.child_by_field_name("name")
            out.append((doc.node_text(name).rsplit(".", 1)[-1] if name is not None else "", a))
    return out


def _annotation_values(doc: Document, ann: Node, keys: tuple[str, ...] = ("value", "path")) -> list[str]:
    args = ann.child_by_field_name("arguments")
    if args is None:
        return []
    out: list[str] = []
    for a in args.named_children:
        if a.type == "element_value_pair":
            key = doc.node_text(a.child_by_field_name("key"))
            if key in keys:
                out += _strings(doc, a.child_by_field_name("value"))
        elif a.type in ("string_literal", "element_value_array_initializer", "binary_expression"):
            out += _strings(doc, a)
    return out


def _strings(doc: Document, node: Node | None) -> list[str]:
    if node is None:
        return []
    if node.type == "string_literal":
        v = string_value(doc, node)
        return [v] if v is not None else []
    if node.type == "element_value_array_initializer":
        return [s for c in node.named_children for s in _strings(doc, c)]
    return [s.strip('"') for s in _STRING.findall(doc.node_text(node))] if node.type == "binary_expression" else []


def _request_methods(doc: Document, ann: Node) -> tuple[str, ...]:
    args = ann.child_by_field_name("arguments")
    if args is None:
        return ()
    for a in args.named_children:
        if a.type == "element_value_pair" and doc.node_text(a.child_by_field_name("key")) == "method":
            return tuple(sorted(set(re.findall(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE)\b", doc.node_text(a)))))
    return ()


def routes(doc: Document, model: AccessModel, facts: Facts) -> list[Route]:
    sp = model.fw("spring")
    mappings: dict[str, str] = sp.value("mapping-annotations") or {}
    jaxrs = sp.names("jaxrs-methods")
    auth_anns = sp.auth_names
    public_anns = sp.public_names
    public_expr = re.compile(sp.value("public-expression"))
    out: list[Route] = []
    for cls in walk(doc.tree.root_node, {"class_declaration"}, doc=doc):
        anns = _annotations(doc, cls)
        names = {n for n, _ in anns}
        is_jaxrs = "Path" in names
        if not names & sp.names("controller-annotations") and not is_jaxrs:
            continue
        prefixes = [""]
        for n, a in anns:
            if n == "RequestMapping" or (is_jaxrs and n == "Path"):
                prefixes = _annotation_values(doc, a) or [""]
        class_auth = _auth_annotation(doc, anns, auth_anns, public_anns, public_expr, model)
        body = cls.child_by_field_name("body")
        if body is None:
            continue
        for m in body.named_children:
            if m.type != "method_declaration":
                continue
            manns = _annotations(doc, m)
            paths: list[str] | None = None
            methods: tuple[str, ...] = ()
            for n, a in manns:
                if n in mappings:
                    paths = _annotation_values(doc, a) or [""]
                    methods = (mappings[n],) if mappings[n] else (_request_methods(doc, a) or ("ANY",))
                elif is_jaxrs and n in jaxrs:
                    methods = (n,)
                    paths = paths if paths is not None else [""]
            if is_jaxrs:
                for n, a in manns:
                    if n == "Path":
                        paths = _annotation_values(doc, a) or [""]
            if paths is None or (is_jaxrs and not methods):
                continue
            path = _join(prefixes[0], paths[0])
            name = m.child_by_field_name("name")
            route = Route("spring", methods, path, doc.node_text(name) if name is not None else "",
                          name.start_byte if name is not None else m.start_byte,
                          name.end_byte if name is not None else m.end_byte, m.start_point[0])
            _decide(doc, m, route, manns, class_auth, model, facts, auth_anns, public_anns, public_expr)
            out.append(route)
    return out


def _join(prefix: str, path: str) -> str:
    if not prefix:
        return path if path.startswith("/") else "/" + path
    return "/" + "/".join(s.strip("/") for s in (prefix, path) if s.strip("/"))


def _auth_annotation(doc: Document, anns: list[tuple[str, Node]], auth: frozenset[str], public: frozenset[str],
                     public_expr: re.Pattern[str], model: AccessModel) -> tuple[str, str]:
    """('public'|'protected'|'', annotation) for a list of annotations."""
    for n, a in anns:
        if n in public or n in model.extra_public:
            return "public", f"@{n}"
        if n in ("PreAuthorize", "Secured", "RolesAllowed"):
            values = _annotation_values(doc, a)
            if values and all(public_expr.match(v) or v in ("permitAll", "IS_AUTHENTICATED_ANONYMOUSLY") for v in values):
                return "public", f"@{n}({values[0]})"
        if n in auth or n in model.extra_auth:
            return "protected", f"@{n}"
    return "", ""


def _decide(doc: Document, m: Node, route: Route, manns: list[tuple[str, Node]], class_auth: tuple[str, str],
            model: AccessModel, facts: Facts, auth: frozenset[str], public: frozenset[str],
            public_expr: re.Pattern[str]) -> None:
    decision, what = _auth_annotation(doc, manns, auth, public, public_expr, model)
    if not decision:
        decision, what = class_auth
    if decision:
        route.protected = decision == "protected"
        route.public = decision == "public"
        route.reason = what
        route.admin_only = "ADMIN" in doc.node_text(m).upper().split("{")[0] if route.protected else False
        return
    decision, what = chain_decision(facts, route.path, route.methods)
    if decision == "protected":
        route.protected, route.reason = True, what
        return
    if decision == "public" and what:
        route.public, route.reason = True, what
        return
    body = m.child_by_field_name("body")
    if body is not None and model.fw("spring").has_check(code_text(doc, body)):
        route.protected, route.reason = True, "an in-handler check"
        return
    if model.settle_unguarded(route, bool(facts.project)):
        return
    if normalize_path(route.path) == "/error":
        route.public, route.reason = True, "the error page"
