"""Which record types of a Python project belong to someone: the models it declares (Django,
SQLAlchemy, Flask-SQLAlchemy, SQLModel, Peewee, Pony, MongoEngine) and whether each carries an
owner or tenant field (a user, an author, an organization, a project ...), its own or inherited
from a model base class of the project.

An object-level check is only missing where the record has an owner: loading a sport, a currency,
a category or a plan by id is a lookup in a shared table, and a lookup of a user by name is how
profiles, follows and blocks name their target. Such lookups are reported at low confidence (the
editor shows them; the commit and CI thresholds do not). A model the index does not know (defined
in a library, or with a base class it cannot follow) is judged as before.

A reference to another record passes that record's owner on (a shelf item belongs to whoever owns
the shelf); a reference to a shared record does not (an exercise filed under a category, a role
under its parent role): a record whose every reference leads to a shared record of the project is
shared too. A reference the index cannot follow to a project record (a library's model, an id
column with no declared foreign key) still counts as an owner. A plain class of the project used
as a base (a caching or history mixin with methods only) adds no owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a class statement at the start of a line, with its bases
_CLASS = re.compile(rb"^class[ \t]+(\w+)[ \t]*(?:\(([^)]*)\))?[ \t]*:", re.MULTILINE)
# the next statement at column 0 ends a class body
_TOP_LEVEL = re.compile(rb"^(?=[^\s#)\]}])", re.MULTILINE)
# bases that make a class a stored record
# (also the project's own alias of one, `BaseModel = db.Model`, by its usual names)
_ORM_BASES = re.compile(
    r"^(models\.Model|db\.Model|Model|Base|BaseModel|ModelBase|DeclarativeBase|SQLModel|Document|DynamicDocument|"
    r"EmbeddedDocument|BaseDocument|Entity|BaseEntity|AbstractBaseUser|AbstractUser|PermissionsMixin|"
    r"TimeStampedModel|TimestampedModel|TimestampMixin|UUIDModel|db\.Entity|peewee\.Model|MPTTModel|"
    r"PolymorphicModel)$")
# a field assignment in a class body: `owner = models.ForeignKey(...)`, `user_id = Column(...)`,
# `user_id: Mapped[int] = mapped_column(...)`, `project: Project = Relationship(...)`
_FIELD = re.compile(rb"^[ \t]+(\w+)[ \t]*(?::[^=\n]+)?=[ \t]*([\w.]+)\(", re.MULTILINE)
_FIELD_CALLS = re.compile(
    r"(^|\.)(\w*Field|ForeignKey|OneToOneField|ManyToManyField|Column|mapped_column|relationship|Relationship|"
    r"ReferenceField|Required|Optional|Set|\w*Column)$")
# who a record belongs to (narrower than the lookup filters of datalayers.yaml: no secrets, no e-mail)
OWNER_FIELD = re.compile(
    r"^(owner|user|author|creator|created_by|uploader|uploaded_by|submitter|tenant|org|organization|"
    r"organisation|account|customer|member|team|workspace|project|company|household|group|profile|patient|"
    r"client|seller|buyer|recipient|sender)(_id|_uuid|_pk)?$|_(owner|user|by|author)(_id)?$|^(users|owners|members)$",
    re.IGNORECASE)
_USER_MODEL = re.compile(r"^(User|CustomUser|Account|UserAccount|AppUser|Member|Person|Profile|UserProfile)$")


def declared_records(data: bytes) -> dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]]:
    """Model classes declared in a Python file: name -> (has an owner field itself, its bases, the
    records its references point to). A reference is a class name, `table:NAME` for a table
    (`ForeignKey("sports.id")`), `column:NAME` for an id column named after a record (`sport_id`),
    `self`, or `?` when it cannot be read. A plain class with methods only (a mixin) is recorded
    with the base `<plain>`."""
    found: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {}
    if b"class " not in data:
        return found
    tops = [m.start() for m in _TOP_LEVEL.finditer(data)]
    for m in _CLASS.finditer(data):
        name = m.group(1).decode("ascii", "replace")
        bases = tuple(b.strip().decode("utf-8", "replace") for b in (m.group(2) or b"").split(b",")
                      if b.strip() and b"=" not in b)
        end = next((t for t in tops if t > m.end()), len(data))
        body = data[m.end():end]
        owned = False
        fields = 0
        refs: list[str] = []
        for f in _FIELD.finditer(body):
            if not _FIELD_CALLS.search(f.group(2).decode("utf-8", "replace")):
                continue
            fields += 1
            line_end = body.find(b"\n", f.end())
            line = body[f.start():line_end if line_end >= 0 else len(body)]
            field = f.group(1).decode("utf-8", "replace")
            call = f.group(2).decode("utf-8", "replace")
            if _MANY.search(call) and _MEMBERS.search(field) and \
                    _target(field, call, body[f.end():f.end() + 300], many=True) == "user":
                refs.append("~members")  # users who join the record (`members = ManyToManyField(User)`)
            if OWNER_FIELD.search(field) and not (_CREDIT.match(field) and _TEXT_FIELD.search(line)):
                owned = True  # the other references still say which records its users join
                refs.append("~user")
            # a reference to another record: it belongs to whoever owns that record (not a Django text
            # field named `*_id`: `study_id = models.CharField(...)` holds an outside identifier, Django
            # declares its references with ForeignKey)
            elif _REFERENCE.search(line) and not _DJANGO_TEXT.search(call):
                refs.append(_target(field, call, body[f.end():f.end() + 300]))
        table = _TABLENAME.search(body)
        if table is not None:
            refs.append("=" + table.group(1).decode("utf-8", "replace"))  # the class's own table, not a reference
        if fields or any(_ORM_BASES.match(b) for b in bases):
            found[name] = (owned, bases, tuple(refs))
        elif not _MIXIN_FIELDS.search(body):
            found[name] = (False, (*bases, "<plain>"), ())
    return found


# a reference to a parent record: a foreign-key column (the relationship() beside it, or one to
# the record's own children, says nothing of an owner)
_REFERENCE = re.compile(rb"ForeignKey|OneToOne|ReferenceField|^[ \t]+\w+_(id|pk|uuid)\b", re.MULTILINE)
# an author typed in as text (`license_author = models.CharField(...)`) credits a name: it is no account
_CREDIT = re.compile(r"^(\w+_)?author$", re.IGNORECASE)
_TEXT_FIELD = re.compile(rb"=[ \t]*[\w.]*(CharField|TextField|StringField)\(|\bColumn\([ \t]*(db\.|sa\.)?(String|Text|Unicode)\b")
_DJANGO_TEXT = re.compile(r"(^|\.)(CharField|TextField|SlugField|EmailField|URLField)$")
_TABLENAME = re.compile(rb"^[ \t]+__tablename__[ \t]*(?::[^=\n]+)?=[ \t]*[\"']([\w.]+)[\"']", re.MULTILINE)
# what a plain mixin may still hand its subclasses: declared columns, foreign keys
_MIXIN_FIELDS = re.compile(rb"declared_attr|ForeignKey|Column|Field\(|relationship|Relationship")
# the target of a reference: `ForeignKey(Sport, ...)`, `ForeignKey("catalog.Sport")`, `ForeignKey("sports.id")`,
# `ReferenceField("Sport")`
_TARGET_ARG = re.compile(r"(?:ForeignKey|OneToOneField|OneToOne|ReferenceField|ForeignKeyField)\(\s*"
                         r"(?:to\s*=\s*)?(?:([A-Za-z_][\w.]*)|[\"']([\w.]+)[\"'])\s*[,)]")
_MANY_ARG = re.compile(r"ManyToManyField\(\s*(?:to\s*=\s*)?(?:([A-Za-z_][\w.]*)|[\"']([\w.]+)[\"'])\s*[,)]")


_MANY = re.compile(r"(^|\.)ManyToManyField$")
_MEMBERS = re.compile(r"(?i)(members|users|owners|admins|staff|participants|collaborators|editors|managers|"
                      r"moderators|maintainers)$")
# a record that ties users to another one: what it refers to is a tenant the users join
_MEMBERSHIP = re.compile(r"(Member|Membership|Team|Seat|Collaborator|Access|Grant|Permission|Admin|Staff|"
                         r"Participant|Maintainer|Invite|Invitation)s?$")


def _target(field: str, call: str, after: bytes, many: bool = False) -> str:
    text = call + "(" + after.decode("utf-8", "replace")
    m = (_MANY_ARG if many else _TARGET_ARG).search(text[:400])
    if m is not None:
        if m.group(1):
            parts = m.group(1).split(".")
            if parts[-1] == "AUTH_USER_MODEL":
                return "user"
            # `Sport`, `models.Sport`, `Sport.id`
            ident = next((p for p in reversed(parts) if p[:1].isupper()), "")
            return "user" if _USER_MODEL.match(ident) else ident or "?"
        target = m.group(2)
        if target == "self":
            return "self"
        if "." in target:
            head, tail = target.rsplit(".", 1)
            if tail[:1].isupper():
                return "user" if _USER_MODEL.match(tail) else tail  # "app.Model"
            return "table:" + head.rsplit(".", 1)[-1]  # "schema.table.column"
        return ("user" if _USER_MODEL.match(target) else target) if target[:1].isupper() else "table:" + target
    m = re.match(r"(\w+?)_(?:id|pk|uuid)$", field)
    return "column:" + m.group(1) if m else "?"


def _refers(refs: tuple[str, ...]) -> bool:
    return any(not r.startswith(("=", "~")) for r in refs)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def is_user_model(name: str) -> bool:
    return _USER_MODEL.match(name) is not None


def changes_record(handler: str, lookup: str, returned: bool = True, unkept: bool = False) -> bool:
    """Whether a handler changes the record a lookup loaded (`user.is_admin = ...`,
    `user.set_password(...)`, `db.session.delete(user)`) or hands it back whole (`return
    jsonify(user.to_dict())`), not only names it as the target of the caller's own action
    (`current_user.follow(user)`) or shows its public name. `unkept`: a lookup kept in no variable
    is judged by its own statement (`Study.objects.get(pk=pk)` alone tests that the record exists,
    `list(Study.objects.filter(pk=pk).aggregate(...).values())` reads totals); otherwise it cannot
    be told and counts as a change."""
    at = handler.find(lookup)
    if at < 0:
        return True  # cannot tell: judged as an owned record
    m = re.search(r"(\w+)\s*(?::[^=\n]+)?=\s*[^\n=]*$", handler[:at])
    if m is None and unkept:  # `person = (\n    Person.query...)`, or the loop's record
        m = re.search(r"(\w+)\s*(?::[^=\n]+)?=\s*\(\s*$", handler[:at]) or \
            re.search(r"\bfor\s+(\w+)\s+in\s+[^\n]*$", handler[:at])
    if m is None:
        line = handler[handler.rfind("\n", 0, at) + 1:at]
        if not unkept or (not line.strip() and re.search(r"[(\[{,\\]\s*$", handler[:at])):
            return True  # cannot tell (the statement began on an earlier line)
        return _changed_in_place(line, lookup, returned)
    var = re.escape(m.group(1))
    rest = handler[at + len(lookup):]
    item = r"(\[[^\]\n]*\])?"  # or an item of the loaded list: `people[0].active = True`
    changed = re.search(rf"\b{var}{item}\.\w+(\.\w+)*\s*(=(?!=)|\+=|-=)|\b{var}{item}\.(set_\w+|delete|save|update|"
                        rf"remove|destroy|deactivate|activate|promote|demote)\w*\s*\(|\b(delete|remove)\(\s*{var}{item}\s*\)|"
                        rf"setattr\(\s*{var}\b|"
                        # handed to a form or service that writes it: `form.save(project, member)`, `populate_obj(member)`
                        rf"\.(save|populate_obj|update)\w*\([^()\n]*\b{var}{item}\s*[,)]", rest)
    if changed is not None or not returned:
        return changed is not None
    # or handed back whole: `return jsonify(user.to_dict())`, `UserSerializer(user).data`, `render(..., user=user)`
    whole = re.search(rf"\breturn\b[^\n]*\b{var}\b(?!\.(id|pk|username|name|avatar\w*|picture)\b)|"
                         rf"\b\w*(Serializer|Schema|jsonify|dump|dumps|to_dict|serialize)\w*\(\s*{var}\b|"
                         rf"\b{var}\.(to_dict|serialize|to_json|as_dict|dict|model_dump)\s*\(", rest)
    return whole is not None


# a change chained on the load (`Model.objects.filter(pk=pk).update(...)`, `.get(id).delete()`), or the
# load handed to a call that deletes or saves it
_CHAINED_CHANGE = re.compile(r"\)\s*\.(\w+\.)*(set_\w+|delete|save|update|remove|destroy|deactivate|activate|promote|"
                             r"demote)\w*\s*\(")
_WRAPPED_CHANGE = re.compile(r"\b(delete|remove)\(\s*$|\.(save|populate_obj|update)\w*\([^()\n]*$")
_WRAPPED_OUT = re.compile(r"\breturn\b|\b\w*(Serializer|Schema|jsonify|dump|dumps|to_dict|serialize)\w*\(")


def _changed_in_place(line: str, lookup: str, returned: bool) -> bool:
    """A load kept in no variable changes its record where it stands, or (`returned`) hands it back."""
    if _CHAINED_CHANGE.search(lookup) or _WRAPPED_CHANGE.search(line):
        return True
    return returned and _WRAPPED_OUT.search(line) is not None


_CALLER_QUERY = re.compile(rb"\b([A-Z]\w*)\.(?:objects|query)\b[^\n]{0,160}?\b(?:request\.user|current_user|g\.user|"
                           rb"get_jwt_identity\(\))")


def caller_scoped_records(data: bytes) -> set[str]:
    """Record types some query narrows to the caller (`Feed.query.filter_by(added_by=current_user.name)`):
    the application keeps them per user, whatever their columns are called."""
    if b"user" not in data and b"jwt" not in data:
        return set()
    return {m.group(1).decode("ascii", "replace") for m in _CALLER_QUERY.finditer(data)}


def unowned_records(declared: Iterable[tuple], scoped: Iterable[str] = ()) -> list[str]:
    """Record types with no owner: no owner field of their own or of a project base class, every
    base either an ORM root, a plain class or a record of the project that has none, and every
    reference to a record of the project that has none. User models are among them: a user is the
    owner, not something owned. `declared`: (name, owned, bases[, references]) as declared_records
    gives them."""
    table: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {}
    plain: dict[str, tuple[str, ...]] = {}
    ambiguous: set[str] = set()
    for item in declared:
        name, owned, bases = item[0], item[1], tuple(item[2])
        refs = tuple(item[3]) if len(item) > 3 else ()
        if "<plain>" in bases:
            if name in plain and plain[name] != bases:
                ambiguous.add(name)
            plain[name] = bases
            continue
        if name in table:
            was, was_bases, was_refs = table[name]
            if (was or _refers(was_refs), was_bases) != (owned or _refers(refs), bases):
                ambiguous.add(name)  # two classes of one name: say nothing about either
            refs = tuple(dict.fromkeys(was_refs + refs))  # alike: what either refers to
            owned = owned or was
        table[name] = (owned, bases, refs)
    tables: dict[str, set[str]] = {}
    for name, (_, _, refs) in table.items():
        snake = _snake(name)
        keys = {snake, snake + "s", snake + "es", snake[:-1] + "ies" if snake.endswith("y") else snake + "s"}
        keys |= {r[1:] for r in refs if r.startswith("=")}
        for k in keys:
            tables.setdefault(k.lower(), set()).add(name)

    memo: dict[str, bool | None] = {}

    def resolve(ref: str) -> str | None:
        """The record class a reference names, None when it is not one of the project's."""
        kind, _, value = ref.partition(":")
        if not value:
            return ref if ref in table else None
        if kind == "column":
            return None  # an id column with no declared key: whose record it names is a guess
        found = tables.get(value.lower(), set())
        return next(iter(found)) if len(found) == 1 else None

    # records users join (an organizer its teams tie users to): what refers to them is the tenant's
    tenants: set[str] = set()
    for name, (_, _, refs) in table.items():
        if "~members" in refs or (_MEMBERSHIP.search(name) and ("~user" in refs or "user" in refs)):
            tenants |= {t for r in refs if not r.startswith(("~", "=")) and (t := resolve(r)) and t != name}

    def owner_free(name: str, depth: int = 0) -> bool | None:
        """True: no owner anywhere in its bases or references; False: owned; None: unknown."""
        if name in memo:
            return memo[name]
        if name in ambiguous or depth > 8 or (name not in table and name not in plain):
            return None
        memo[name] = None  # a cycle is unknown
        if name in table:
            owned, bases, refs = table[name]
        else:
            owned, bases, refs = False, plain[name], ()
        result: bool | None = not owned
        if result:
            for b in bases:
                short = b.rsplit(".", 1)[-1]
                if _ORM_BASES.match(b) or _ORM_BASES.match(short) or short in ("object", "Generic", "<plain>"):
                    continue
                sub = owner_free(short, depth + 1)
                if sub is None or not sub:
                    result = sub
                    break
        if result:
            for ref in refs:
                if ref.startswith(("=", "~")) or ref == "self":
                    continue
                target = resolve(ref) if ref not in ("user", "?") else None
                sub = None if target is None or _USER_MODEL.match(target) else \
                    True if target == name else False if target in tenants else owner_free(target, depth + 1)
                if sub is None or not sub:
                    result = sub
                    break
        memo[name] = result
        return result

    narrowed = set(scoped)
    out = [n for n in table if n not in narrowed and (owner_free(n) or (_USER_MODEL.match(n) and n not in ambiguous))]
    return sorted(out)
