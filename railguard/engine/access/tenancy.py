"""Does the application keep records per user at all?

An object lookup by an id from the request is an IDOR only when the record belongs to someone: a
user, a tenant, an organization. A single-user tool (a media manager, a home server) keeps a user
table for its sign-in and records that reference nobody; every signed-in user is meant to reach
every record. The project index notes each ORM model class and whether it references an owner
(an owner-like column, a foreign key or relationship to the user model); when the project declares
models, none of them does and no code narrows records to the caller, lookups of its records are not object-level findings.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from railguard.engine.access import records
from railguard.engine.access.tree import dotted, last_name, walk

if TYPE_CHECKING:
    from railguard.engine.access.facts import Facts
    from railguard.engine.access.layers import Lookup
    from railguard.engine.access.python import PyFile
    from railguard.engine.document import Document

# base classes of ORM models (SQLAlchemy, Flask-SQLAlchemy, Django, SQLModel, Peewee, MongoEngine, Tortoise)
_MODEL_BASES = re.compile(r"^(Model|Base|DeclarativeBase|SQLModel|Document|DynamicDocument|\w+Base|\w+Model)$")
_MODEL_HINT = re.compile(r"\b(Column|mapped_column|Mapped\[|models\.\w+Field|ForeignKey|Field\(|fields\.\w+Field|"
                         r"db\.\w+|relationship\()")
# a column or relation that ties a record to a user, tenant or organization
_OWNER = re.compile(
    r"^\s*(owner|owners|user|users|author|created_by|creator|uploaded_by|uploaded_by_user|submitter|"
    r"tenant|org|organization|organisation|account|customer|member|members|team|workspace|profile|"
    r"(\w+_)?(user|owner|tenant|org|organization|account|customer|team|workspace)(_id|_ids|_uuid|_pk)?)"
    r"\s*[:=]", re.MULTILINE | re.IGNORECASE)
_USER_REF = re.compile(r"ForeignKey\(\s*[\"'](users?|accounts?|auth_user)[.\"']|"
                       r"(ForeignKey|ManyToManyField|OneToOneField|relationship)\(\s*[\"']?(\w+\.)?User\b|"
                       r"AUTH_USER_MODEL|get_user_model\(\)")
_USER_MODEL = re.compile(r"^(User|Users|Account|AbstractUser|AbstractBaseUser|\w*User)$")


def collect(pf: PyFile, raw: dict[str, Any]) -> None:
    """ORM model classes of the file: {name: owned}. The user model itself owns nothing."""
    models: dict[str, bool] = raw.setdefault("models", {})
    for d in pf.classes():
        name = pf.text(d.name_node)
        bases = [last_name(b) for b in pf.class_bases(d.node)]
        if not bases or not any(_MODEL_BASES.match(b) for b in bases):
            continue
        body = pf.text(d.node.child_by_field_name("body"))
        if not _MODEL_HINT.search(body):
            continue
        if _USER_MODEL.match(name) or any(b in ("AbstractUser", "AbstractBaseUser", "UserMixin") for b in bases):
            continue
        models[name] = bool(_USER_REF.search(body)) or any(_owner_column(line) for line in body.splitlines()
                                                            if _OWNER.match(line))
        raw.setdefault("unjoined_queries", []).extend(f"{name}.{m}" for m in _unjoined_query_methods(name, pf.text(d.node)))
        for method, needs, loaded in _unscoped_loader_methods(pf, d.node):
            raw.setdefault("unscoped_methods", {})[f"{name}.{method}"] = {"needs": needs, "model": loaded[0],
                                                                         "changes": loaded[1]}


# a parameter of a model method that names one record (`member_id`, `id`)
_ID_PARAM = re.compile(r"^(id|pk|uuid|\w+_id|\w+_pk|\w+_uuid)$")
# a load of one record by a value: `Person.query.get(x, ...)`, `Person.query.filter(Person.id == x)`,
# `Person.query.filter_by(id=x)`, `db.session.get(Person, x)`
_LOAD = re.compile(r"\b(?:([A-Z]\w*)\.query|(?:db\.)?session)\s*\.\s*(get|get_or_404|filter|filter_by|where|first_or_404)\(")


def _self_scoped(load: str, model: str) -> bool:
    """The load names its instance in a way that restricts the record: a column of the loaded table
    (or any, with a join) compared with `self.id`, `self` handed as a keyword, a relation of `self`."""
    if not re.search(r"\bself\b", load):
        return False
    joined = bool(re.search(r"\.(join|outerjoin|join_from)\(", load))
    for c in re.finditer(r"\b([A-Z]\w*)\.\w+\s*==\s*self\.(?:id|pk)\b", load):
        if joined or not model or c.group(1) == model:
            return True
    return bool(re.search(r"\w+\s*=\s*self\b|\bself\.(?!id\b|pk\b)\w+\.(query|filter|filter_by|get)\b", load))


def _unscoped_loader_methods(pf: PyFile, cls: Any) -> list[tuple[str, str, tuple[str, bool]]]:
    """Methods of a model that load another record by an id they are handed without restricting it
    to their own instance (`def remove_member(self, member_id): person = Person.query.get(member_id,
    self)`, where Person's query method ignores the project it is handed, or `Person.query.get(member_id)`
    alone): (method, the query method that must ignore the tenant for it to count or "" when nothing
    in the load names `self`, (the loaded model when known, whether the method changes or deletes the
    record it loaded)). A load that compares a column with `self.id`, or starts from one of the
    instance's relations (`self.members.filter(...)`), stays inside the instance."""
    body = cls.child_by_field_name("body")
    out: list[tuple[str, str, tuple[str, bool]]] = []
    if body is None:
        return out
    for fn in body.named_children:
        if fn.type == "decorated_definition":
            fn = fn.child_by_field_name("definition")
        if fn is None or fn.type != "function_definition":
            continue
        params = [p for p in pf.param_names(fn)]
        if not params or params[0] != "self":
            continue
        ids = [p for p in params[1:] if _ID_PARAM.match(p)]
        name = pf.text(fn.child_by_field_name("name"))
        if not ids or name.startswith("__"):
            continue
        found = loaded = first = ""
        seen: set[int] = set()
        for call in walk(fn.child_by_field_name("body"), {"call"}, doc=pf.doc):
            outer = call
            while outer.parent is not None and outer.parent.type in ("attribute", "call"):
                outer = outer.parent
            load = re.sub(r"\s+", " ", pf.text(outer).replace("\\\n", " "))
            m = _LOAD.match(load)
            if outer.id in seen or m is None or not any(re.search(rf"\b{re.escape(i)}\b", load) for i in ids):
                continue
            seen.add(outer.id)
            model = m.group(1) or (re.match(r"(?:db\.)?session\.get\(\s*([A-Z]\w*)", load) or [None, ""])[1] or ""
            loaded, first = loaded or model, first or pf.text(outer)
            tenant = re.match(r"[A-Z]\w*\.query\.(\w+)\([^()]*\bself\s*\)", load)
            if model and tenant and not re.search(r"\bself\.", load):
                found = found or f"{model}.{tenant.group(1)}"  # the tenant handed to a query method
            elif not _self_scoped(load, model):
                found = "-"
                break
        if found:
            changes = records.changes_record(pf.text(fn), first, returned=False)
            out.append((name, "" if found == "-" else found, (loaded, changes)))
    return out


# a query class of the model (`class PersonQuery(BaseQuery)` with `query_class = PersonQuery`): its
# methods that take a tenant and compare it only with another table's column, with no join
_QUERY_CLASS = re.compile(r"^([ \t]+)class\s+(\w+)\s*\(\s*[\w.]*Query\s*\)\s*:", re.MULTILINE)
_METHOD = re.compile(r"^[ \t]+def\s+(\w+)\s*\(\s*self\s*,([^)]*)\)", re.MULTILINE)


def _unjoined_query_methods(model: str, body: str) -> list[str]:
    """`def get(self, id, project=None): ... Person.query.filter(Person.id == id).filter(Project.id ==
    project.id)`: the tenant handed to the method restricts nothing of the record (datalayers.yaml
    `tenant-arguments` would otherwise count it as scoping the load)."""
    out = []
    for cls in _QUERY_CLASS.finditer(body):
        if not re.search(rf"^\s*query_class\s*=\s*{cls.group(2)}\b", body, re.MULTILINE):
            continue
        indent = len(cls.group(1))
        end = next((m.start() for m in re.finditer(r"^([ \t]*)\S", body[cls.end():], re.MULTILINE)
                    if len(m.group(1)) <= indent), len(body) - cls.end()) + cls.end()
        methods = list(_METHOD.finditer(body, cls.end(), end))
        for i, m in enumerate(methods):
            text = body[m.end():methods[i + 1].start() if i + 1 < len(methods) else end]
            params = [p.split("=")[0].split(":")[0].strip() for p in m.group(2).split(",")]
            tenants = [p for p in params if _tenant_argument().match(p)]
            if not tenants or re.search(r"\.(join|outerjoin|join_from)\(", text):
                continue
            compared = [c for t in tenants for c in re.finditer(
                rf"\b([A-Z]\w*)\.\w+\s*==\s*{re.escape(t)}\.(?:id|pk)\b", text)]
            if compared and all(c.group(1) != model for c in compared):
                out.append(m.group(1))
    return out



_FK_TARGET = re.compile(r"ForeignKey\(\s*[\"']?([\w.]+)")
_USER_TABLE = re.compile(r"^(users?|auth_user|accounts?|members?|profiles?|tenants?|organi[sz]ations?|orgs?|teams?|"
                         r"customers?|workspaces?)(\.|$)|^\w*\.?(User|Account|Tenant|Organi[sz]ation|Team|Customer)$",
                         re.IGNORECASE)


def _owner_column(line: str) -> bool:
    """An owner-named column that points at a user (or tenant): not the record's own key
    (`account = Column(String, primary_key=True)` is an account record), not a key of another
    record (`user_id = Column(ForeignKey("imdb_list_user.user_id"))` names an external service's user)."""
    if "primary_key" in line:
        return False
    target = _FK_TARGET.search(line)
    if target is not None:
        return bool(_USER_TABLE.search(target.group(1)))
    related = _RELATED.search(line)  # `imdb_user: Mapped[IMDBListUser] = relationship(...)`
    if related is not None:
        return bool(_USER_CLASS.match(related.group(1) or related.group(2)))
    return True


_RELATED = re.compile(r"Mapped\[\s*(?:(?:list|List|Optional)\[)?[\"']?([A-Z]\w*)|relationship\(\s*[\"']?([A-Z]\w*)")
_USER_CLASS = re.compile(r"^(User|Account|Tenant|Organi[sz]ation|Team|Customer|Member|Profile|Workspace|Owner)s?$")


# code that narrows records to the caller: `.filter(organizer=self.request.user.organizer)`,
# `Note.query.filter_by(author=current_user)`, `if doc.owner != request.user`; or to the tenant a
# guard authenticated the caller for (`Bill.query.get(g.project, bill_id)`, `request.tenant`)
_CALLER = re.compile(r"\b(self\.request\.user|request\.user|current_user|g\.user|get_jwt_identity\(\)|"
                     r"(g|request)\.(current_)?(project|tenant|org|organization|organisation|account|team|workspace|"
                     r"company)\b)")
_QUERY_BEFORE = re.compile(r"(\b(filter|filter_by|where|exclude|get|get_object_or_404|get_or_404|first_or_404|find|"
                           r"find_one)\([^()]*(\([^()]*\)[^()]*)?|\.\w+\s*[!=]=\s*)$")


def scoped(text: str) -> bool:
    for m in _CALLER.finditer(text):
        if _QUERY_BEFORE.search(text[max(0, m.start() - 160):m.start()]):
            return True
    return False


def resolve(raws: list[dict[str, Any]]) -> dict[str, Any]:
    models: dict[str, bool] = {}
    unjoined = {q for raw in raws for q in raw.get("unjoined_queries") or ()}
    for raw in raws:
        for name, owned in (raw.get("models") or {}).items():
            models[name] = models.get(name, False) or owned
    return {"models": len(models), "owned": sum(1 for v in models.values() if v),
            "scoped": sum(1 for raw in raws if raw.get("caller_scoped")),
            "unjoined_queries": sorted(unjoined),
            # model methods that load a record by the id they are handed, whatever the instance
            "unscoped_methods": {m: [v.get("model", ""), bool(v.get("changes"))] for raw in raws
                                 for m, v in (raw.get("unscoped_methods") or {}).items()
                                 if not v.get("needs") or v["needs"] in unjoined}}


def unjoined_queries(facts: Facts) -> frozenset[str]:
    """`Model.method` of query classes that ignore the tenant they are handed (`_unjoined_query_methods`)."""
    return frozenset((facts.data.get("records") or {}).get("unjoined_queries") or ())


def unscoped_methods(facts: Facts) -> dict[str, tuple[str, bool]]:
    """Model methods that load a record by the id they are handed without restricting it to their
    instance (`_unscoped_loader_methods`), by name: (the model they load, "" when unknown or when methods
    of that name load different ones; whether one of them changes or deletes that record). A call of
    one with a request id is a load by that id."""
    out: dict[str, tuple[str, bool]] = {}
    for key, (loaded, changes) in ((facts.data.get("records") or {}).get("unscoped_methods") or {}).items():
        name = key.rsplit(".", 1)[-1]
        model, changed = out.get(name, (loaded, False))
        out[name] = (loaded if model == loaded else "", changed or changes)
    return out


def ownerless(facts: Facts) -> bool:
    """The project declares several models, none references an owner and no code narrows records
    to the caller: no record is per user."""
    if not facts.project:
        return False
    seen = facts.data.get("records") or {}
    return seen.get("models", 0) >= 3 and seen.get("owned", 0) == 0 and not seen.get("scoped")


def _tenant_argument() -> re.Pattern[str]:
    from railguard.engine.access.layers import DATA_FILE
    from railguard.rules.loader import load_data_file

    global _TENANT
    if _TENANT is None:
        _TENANT = re.compile(load_data_file(DATA_FILE).get("tenant-arguments", "$^"))
    return _TENANT


_TENANT: re.Pattern[str] | None = None


def tenant_scoped(doc: Document, lookups: list[Lookup], path_ids: set[str],
                  unjoined: frozenset[str] = frozenset()) -> list[Lookup]:
    """Lookups scoped to the tenant the caller was authenticated for count as checked (datalayers.yaml
    `tenant-arguments`): the tenant handed to the load beside the id (`Bill.query.get(project, id)`),
    compared with the load's records (`.filter(Project.id == g.project.id)`), or the query the load
    narrows built from it (`query = g.project.get_bills()`, then `query.filter(Bill.id == bill_id)`)."""
    rx = _tenant_argument()

    def tenant(name: str) -> bool:
        return bool(rx.match(name)) and name not in path_ids

    out = []
    for lk in lookups:
        node = doc.tree.root_node.descendant_for_byte_range(lk.start, lk.end) if not lk.guarded else None
        while node is not None and node.type != "call":
            node = node.parent
        args = node.child_by_field_name("arguments") if node is not None else None
        names = [doc.node_text(a) for a in args.named_children if a.type in ("identifier", "attribute")] \
            if args is not None and len(args.named_children) >= 2 else []
        method = last_name(dotted(doc, node.child_by_field_name("function"))) if node is not None else ""
        scoped = (any(tenant(n) for n in names) and f"{lk.model}.{method}" not in unjoined) or any(
            tenant(m.group(2)) and not _other_table(lk, m.group(1)) for m in _COMPARED_ID.finditer(lk.text))
        receiver = re.match(r"(\w+)\.", lk.text)
        if node is not None and not scoped and receiver:
            fn = node
            while fn is not None and fn.type != "function_definition":
                fn = fn.parent
            if fn is not None:
                before = doc.data[fn.start_byte:lk.start].decode("utf-8", "replace")
                built = re.findall(rf"^\s*{re.escape(receiver.group(1))}\s*=\s*([\w.]+?)\.\w+\(", before, re.MULTILINE)
                built = [b for b in built if b != receiver.group(1)]  # `query = query.filter(...)` narrows it
                scoped = bool(built) and tenant(built[-1])
        out.append(replace(lk, checked=True, guarded=True) if scoped else lk)
    return out


_COMPARED_ID = re.compile(r"(?:\b([A-Z]\w*)\.\w+\s*)?==\s*([\w.]+?)\.(?:id|pk)\b")


def _other_table(lk: Lookup, table: str | None) -> bool:
    """A comparison on a column of another table than the loaded one, with no join in the query
    (`Person.query.filter(Person.id == id).filter(Project.id == g.project.id)`): SQL then pairs every
    row of one with every row of the other, and the comparison restricts nothing of the record."""
    return bool(table and lk.model and table != lk.model and not re.search(r"\.(join|outerjoin|join_from)\(", lk.text))


# a guard that refuses the caller unless a predicate allows it, then keeps the record it allowed on the
# request for the view (`if not is_mlist_authorized(request, mlist): return render(..., status=403)`,
# then `request.mlist = mlist`)
_AUTHORIZING_EXIT = re.compile(
    r"\bif\s+not\s+[^\n]*?\b\w*(authori[sz]ed|allowed|permitted|can_\w+|has_\w*perm\w*|has_access|is_member|"
    r"visible_to|may_\w+)\w*\([^\n]*:[ \t]*\n(?:[^\n]*\n){0,8}?[ \t]*(return|raise)\b")
_REQUEST_SET = re.compile(r"^[ \t]+request\.([a-z_]\w*)[ \t]*=(?!=)", re.MULTILINE)
_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]", re.MULTILINE)
# what the client sends or the framework itself fills in: never a record a guard resolved
_REQUEST_INPUT = frozenset({"GET", "POST", "data", "body", "query_params", "args", "form", "json", "files", "FILES",
                            "META", "headers", "COOKIES", "cookies", "session", "path", "path_info", "method",
                            "content_type", "resolver_match", "kwargs", "params", "values", "match_info", "url",
                            "query_string", "user", "auth", "environ", "view_args", "urlconf"})


def request_tenants(text: str) -> list[str]:
    """Request attributes a guard of this file sets, after refusing a caller its authorization predicate
    does not allow, to the record it allowed (`request.mlist = mlist`): a load narrowed to one of them
    stays inside a record the caller was let into."""
    if "request." not in text:
        return []
    out: set[str] = set()
    for m in _REQUEST_SET.finditer(text):
        name = m.group(1)
        if name in _REQUEST_INPUT or name in out:
            continue
        starts = [d.start() for d in _DEF.finditer(text, 0, m.start())]
        if starts and _AUTHORIZING_EXIT.search(text, starts[-1], m.start()):
            out.add(name)
    return sorted(out)


def request_tenant_scoped(lookups: list[Lookup], tenants: frozenset[str], handler: str = "") -> list[Lookup]:
    """A load filtered by a record a guard authorized and kept on the request (`get_object_or_404(Thread,
    mailinglist=request.mlist, thread_id=threadid)`, or through a name bound to it: `mlist =
    request.mlist`) counts as checked."""
    if not tenants:
        return lookups
    attrs = "|".join(sorted(map(re.escape, tenants)))
    held = {m.group(1) for m in re.finditer(rf"^[ \t]*(\w+)[ \t]*=[ \t]*(?:self\.)?request\.(?:{attrs})[ \t]*(?:#[^\n]*)?$",
                                            handler, re.MULTILINE)}
    values = rf"(?:self\.)?request\.(?:{attrs})" + "".join(f"|{re.escape(h)}" for h in sorted(held))
    rx = re.compile(rf"\b\w+\s*=\s*(?:{values})\b(?!\.(?!id\b|pk\b))")
    return [replace(lk, checked=True, guarded=True) if not lk.checked and rx.search(lk.text) else lk
            for lk in lookups]
