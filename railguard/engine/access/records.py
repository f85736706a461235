"""Which record types of a Python project belong to someone: the models it declares (Django,
SQLAlchemy, Flask-SQLAlchemy, SQLModel, Peewee, Pony, MongoEngine) and whether each carries an
owner or tenant field (a user, an author, an organization, a project ...), its own or inherited
from a model base class of the project.

An object-level check is only missing where the record has an owner: loading a sport, a currency,
a category or a plan by id is a lookup in a shared table, and a lookup of a user by name is how
profiles, follows and blocks name their target. Such lookups are reported at low confidence (the
editor shows them; the commit and CI thresholds do not). A model the index does not know (defined
in a library, or with a base class it cannot follow) is judged as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a class statement at the start of a line, with its bases
_CLASS = re.compile(rb"^class[ \t]+(\w+)[ \t]*\(([^)]*)\)[ \t]*:", re.MULTILINE)
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


def declared_records(data: bytes) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Model classes declared in a Python file: name -> (has an owner field itself, its bases)."""
    found: dict[str, tuple[bool, tuple[str, ...]]] = {}
    if b"class " not in data:
        return found
    tops = [m.start() for m in _TOP_LEVEL.finditer(data)]
    for m in _CLASS.finditer(data):
        name = m.group(1).decode("ascii", "replace")
        bases = tuple(b.strip().decode("utf-8", "replace") for b in m.group(2).split(b",")
                      if b.strip() and b"=" not in b)
        end = next((t for t in tops if t > m.end()), len(data))
        body = data[m.end():end]
        owned = False
        fields = 0
        for f in _FIELD.finditer(body):
            if not _FIELD_CALLS.search(f.group(2).decode("utf-8", "replace")):
                continue
            fields += 1
            line_end = body.find(b"\n", f.end())
            line = body[f.start():line_end if line_end >= 0 else len(body)]
            # an owner field, or a reference to another record (a shelf item belongs to whoever owns
            # the shelf): only a record without either is known to be shared
            if OWNER_FIELD.search(f.group(1).decode("utf-8", "replace")) or _REFERENCE.search(line):
                owned = True
                break
        if fields or any(_ORM_BASES.match(b) for b in bases):
            found[name] = (owned, bases)
    return found


# a reference to a parent record: a foreign-key column (the relationship() beside it, or one to
# the record's own children, says nothing of an owner)
_REFERENCE = re.compile(rb"ForeignKey|OneToOne|ReferenceField|^[ \t]+\w+_(id|pk|uuid)\b", re.MULTILINE)


def is_user_model(name: str) -> bool:
    return _USER_MODEL.match(name) is not None


def changes_record(handler: str, lookup: str, returned: bool = True) -> bool:
    """Whether a handler changes the record a lookup loaded (`user.is_admin = ...`,
    `user.set_password(...)`, `db.session.delete(user)`) or hands it back whole (`return
    jsonify(user.to_dict())`), not only names it as the target of the caller's own action
    (`current_user.follow(user)`) or shows its public name."""
    at = handler.find(lookup)
    if at < 0:
        return True  # cannot tell: judged as an owned record
    m = re.search(r"(\w+)\s*(?::[^=\n]+)?=\s*[^\n=]*$", handler[:at])
    if m is None:
        return True
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


_CALLER_QUERY = re.compile(rb"\b([A-Z]\w*)\.(?:objects|query)\b[^\n]{0,160}?\b(?:request\.user|current_user|g\.user|"
                           rb"get_jwt_identity\(\))")


def caller_scoped_records(data: bytes) -> set[str]:
    """Record types some query narrows to the caller (`Feed.query.filter_by(added_by=current_user.name)`):
    the application keeps them per user, whatever their columns are called."""
    if b"user" not in data and b"jwt" not in data:
        return set()
    return {m.group(1).decode("ascii", "replace") for m in _CALLER_QUERY.finditer(data)}


def unowned_records(declared: Iterable[tuple[str, bool, tuple[str, ...]]],
                    scoped: Iterable[str] = ()) -> list[str]:
    """Record types with no owner: no owner field of their own or of a project base class, and
    every base either an ORM root or a record of the project that has none. User models are
    among them: a user is the owner, not something owned."""
    table: dict[str, tuple[bool, tuple[str, ...]]] = {}
    ambiguous: set[str] = set()
    for name, owned, bases in declared:
        if name in table and table[name] != (owned, bases):
            ambiguous.add(name)  # two classes of one name: say nothing about either
        table[name] = (owned, bases)

    memo: dict[str, bool | None] = {}

    def owner_free(name: str, depth: int = 0) -> bool | None:
        """True: no owner anywhere in its bases; False: owned; None: unknown."""
        if name in memo:
            return memo[name]
        if name in ambiguous or name not in table or depth > 8:
            return None
        memo[name] = None  # a cycle is unknown
        owned, bases = table[name]
        result: bool | None = not owned
        if result:
            for b in bases:
                short = b.rsplit(".", 1)[-1]
                if _ORM_BASES.match(b) or _ORM_BASES.match(short) or short in ("object", "Generic"):
                    continue
                sub = owner_free(short, depth + 1)
                if sub is None or not sub:
                    result = sub
                    break
        memo[name] = result
        return result

    narrowed = set(scoped)
    out = [n for n in table if n not in narrowed and (owner_free(n) or (_USER_MODEL.match(n) and n not in ambiguous))]
    return sorted(out)
