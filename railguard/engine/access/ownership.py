"""Object-level access (BOLA / IDOR) by data flow inside a handler, driven by datalayers.yaml.

For every record loaded by an id that comes from the request (a path parameter, the query
string or the body, also through a variable or a loop over request values), look for evidence
that this record was checked against the current user:

- the load is scoped: a filter by the current user, an owner/tenant field, or a queryset that
  starts from the current user (`request.user.orders.get(pk=...)`);
- the loaded record (or one of its attributes) is later compared with the current user, or is
  passed to a policy call (`authorize(user, record)`, `user_can_read_task(task, request.user)`,
  `ticket_perm_check(request, ticket)`: project helpers by what they are called); a rule built
  for the id among a policy call's arguments (`authorize(user, BoardPolicy.get(board_id))`) is
  no load, and that call checks the id before any later load;
- the route itself is restricted by a policy decorator (`allows.requires(CanEditPost)`,
  `@permission_required(..., obj)`) or to a role that acts on all records (admin, superuser).

A record type that every signed-in user may usually read (posts, products) is reported on a
read-only route only when another handler of the same file checks access to the same type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from railguard.engine.access.layers import Lookup, all_records_role, layers
from railguard.engine.access.tree import call_args, code_text, dotted, last_name, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

_NESTED = frozenset({"function_definition", "lambda", "class_definition"})


# ------------------------------------------------------------------ Python


def _statement_of(node: Node) -> Node:
    while node.parent is not None and node.parent.type not in ("block", "module"):
        node = node.parent
    return node


def _assigned_name(doc: Document, call: Node) -> str:
    """`x = <...call...>` (through attribute/call chains, await): x."""
    node = call
    while node.parent is not None and node.parent.type in ("attribute", "call", "await", "argument_list",
                                                          "parenthesized_expression"):
        if node.parent.type == "argument_list":
            runner = node.parent.parent
            fn = runner.child_by_field_name("function") if runner is not None else None
            if fn is None or not _RUNNERS.match(last_name(dotted(doc, fn))) or \
                    node.parent.named_children[:1] != [node]:
                return ""
            node = runner  # `(await session.exec(select(Folder).where(...))).first()`: the statement is run
            continue
        node = node.parent
    parent = node.parent
    if parent is not None and parent.type == "conditional_expression" and parent.named_children and \
            parent.named_children[0] == node:  # `x = load(id) if id else None`
        node, parent = parent, parent.parent
    if parent is not None and parent.type in ("for_statement", "for_in_clause") and \
            parent.child_by_field_name("right") == node:
        left = parent.child_by_field_name("left")
        return doc.node_text(left) if left is not None and left.type == "identifier" else ""
    if parent is not None and parent.type == "assignment" and parent.child_by_field_name("right") == node:
        left = parent.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            return doc.node_text(left)
        if left is not None and left.type in ("pattern_list", "tuple_pattern"):
            names = [doc.node_text(c) for c in left.named_children if c.type == "identifier"]
            return names[0] if names else ""
    return ""


def _request_names(doc: Document, body: Node, ids: set[str]) -> set[str]:
    """Names that carry request data: the route's id parameters, variables assigned from the request
    (or from other such names), and loop variables over them."""
    lay = layers()
    src = lay.request_sources["python"]
    names = set(ids)
    nodes = list(walk(body, {"assignment", "for_statement", "for_in_clause"}, doc=doc))
    for _ in range(2):
        for node in nodes:
            if node.type == "assignment":
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            else:
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                continue
            rtext = code_text(doc, right)
            used = _used_names(doc, right)
            if left.type in ("attribute", "subscript"):
                continue  # `note.text = request.POST["text"]` fills a field: the record is no request value
            if src.search(rtext) or (used & names and _plain(doc, right)):
                for ident in walk(left, {"identifier"}, doc=doc):
                    names.add(doc.node_text(ident))
    return names


_CONVERSIONS = frozenset({"int", "str", "float", "UUID", "uuid", "get", "getlist", "strip", "lower", "split", "list",
                          "set", "tuple", "decode", "loads", "parse_int", "ObjectId", "Number", "parseInt", "BigInt"})
_ID_KEY = re.compile(r"^(id|pk|uuid|guid|slug|key|\w+_id|\w+_pk|\w+_uuid|\w+__id|\w+__pk|id__in|pk__in|\w+Id)(__(exact|iexact|in))?$")
_BY_POSITION = frozenset({"get", "get_or_404", "get_by_id", "get_or_none", "get_object_or_404", "delete_by_id", "aget",
                          "in_bulk", "execute", "findById", "findByPk", "findByIdAndUpdate", "findByIdAndDelete",
                          "findByIdAndRemove"})


def _used_names(doc: Document, node: Node) -> set[str]:
    """Names an expression reads: `chat.id` reads the record `chat`, not a request variable `id`, and
    `get(pk=comment.pk)` reads `comment`: a keyword's name is no variable."""
    out = set()
    for i in walk(node, {"identifier"}, doc=doc):
        parent = i.parent
        if parent is not None and parent.type == "attribute" and parent.child_by_field_name("attribute") == i:
            continue
        if parent is not None and parent.type == "keyword_argument" and parent.child_by_field_name("name") == i:
            continue
        out.add(doc.node_text(i))
    return out


def _plain(doc: Document, node: Node) -> bool:
    """An expression that passes a value on (a name, an item, a conversion), not a load that returns a record."""
    for call in walk(node, {"call"}, doc=doc):
        if last_name(dotted(doc, call.child_by_field_name("function"))) not in _CONVERSIONS:
            return False
    return True


def _id_argument(doc: Document, call: Node, name: str, names: set[str], path_ids: frozenset[str] = frozenset()) -> bool:
    """A request name in an id position of the load: an id-like keyword (any keyword for a path parameter,
    which names the record: `filter_by(username=username)`), or a positional argument of a get-by-id."""
    for a in call_args(call):
        if a.type == "keyword_argument":
            key = a.child_by_field_name("name")
            value = a.child_by_field_name("value")
            used = _used_names(doc, value) if value is not None else set()
            if key is not None and (used & path_ids or (_ID_KEY.match(doc.node_text(key)) and used & names)):
                return True
        elif name in _BY_POSITION or a.type == "comparison_operator" or _project_loader("python", name):
            ids = _used_names(doc, a)
            if ids & names:
                text = code_text(doc, a)
                if a.type in ("comparison_operator",) and not (ids & path_ids) and \
                        not re.search(r"\.(id|pk|uuid|\w+_id)\b", text):
                    continue
                return True
    return False


def _project_loader(lang: str, name: str) -> bool:
    """A project's data-access function named for one record by its id (`update_note_by_id`)."""
    pattern = layers().loader_patterns.get(lang)
    return bool(pattern and pattern.search(name))


def _receiver_ok(lang: str, callee: str, text: str) -> bool:
    return any(rx.search(callee) or rx.search(text) for rx in layers().receivers[lang])


def _scoped(doc: Document, call: Node, outer_text: str, names: set[str] | frozenset[str] = frozenset()) -> bool:
    """The load filters by the current user, an owner/tenant field or a capability."""
    lay = layers()
    if lay.current_user["python"].search(outer_text) or _PUBLIC_ONLY.search(outer_text):
        return True
    # SQLAlchemy: `Item.owner_id == owner.user_id` (an owner known to the handler, not a request id),
    # `Token.token == auth_token` (a secret the caller presented)
    for m in _FIELD_COMPARE.finditer(outer_text):
        field, value = m.group(1), m.group(2)
        if lay.owner_fields.match(field) and (value not in names or _SECRET_FIELD.search(field)):
            return True
    node = call
    while node is not None and node.type in ("call", "attribute", "await"):
        if node.type == "call":
            for a in call_args(node):
                if a.type == "keyword_argument":
                    key = a.child_by_field_name("name")
                    if key is not None and lay.owner_fields.match(doc.node_text(key)):
                        return True
        node = node.parent
    return False


# a load restricted to records published for everyone (`Shelf.is_public == 1`, `filter(public=True)`)
_PUBLIC_ONLY = re.compile(r"\b(is_public|public|is_published|published|is_shared|shared)\s*(==|=)\s*(1|True|true)\b")


_FIELD_COMPARE = re.compile(r"\.(\w+)\s*==\s*([\w.]+)")
_SECRET_FIELD = re.compile(r"(?i)(token|secret|key|hash)$")


def _receiver_scoped(doc: Document, body: Node, call: Node) -> bool:
    """`qs = Organiser.objects.filter(pk__in=request.user.teams...)` then `qs.filter(pk=organiser_id)`:
    the load narrows a queryset the handler built from the current user (its first assignment names
    the user; later ones only narrow it further: `qs = qs.filter(...)`)."""
    node = call.child_by_field_name("function")
    while node is not None and node.type == "attribute":
        node = node.child_by_field_name("object")
        if node is not None and node.type == "call":
            node = node.child_by_field_name("function")
    if node is None or node.type != "identifier":
        return False
    name = doc.node_text(node)
    first = None
    for a in walk(body, {"assignment"}, doc=doc):
        if a.start_byte >= call.start_byte:
            break
        left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
        if left is None or right is None or doc.node_text(left) != name:
            continue
        if first is None:
            first = right
        elif not re.match(rf"\(?\s*{re.escape(name)}\s*\.", doc.node_text(right)):
            return False  # replaced by something else
    return first is not None and bool(layers().current_user["python"].search(code_text(doc, first)))


def _outer_expression(call: Node) -> Node:
    node = call
    while node.parent is not None and node.parent.type in ("attribute", "call", "await"):
        node = node.parent
    return node


def _record_checked(doc: Document, body: Node, var: str, after: int, vouched: frozenset[str] = frozenset()) -> bool:
    """The record is compared with the current user or passed to a policy call after it is loaded, or
    tied to a parent already checked (`if message.channel_id != channel_id: raise`, where the channel
    of that id was checked first: `vouched` names such ids and records)."""
    if not var:
        return False
    lay = layers()
    # the record, or a part of it kept in a variable (`component = unit.translation.component`)
    held = _with_aliases(doc, body, {var}, after)
    mention = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(held)) + r")\b")
    for node in walk(body, {"comparison_operator", "call"}, doc=doc):
        if node.start_byte < after:
            continue
        text = code_text(doc, node)
        if not mention.search(text):
            continue
        if node.type == "comparison_operator":
            if (lay.current_user["python"].search(text) or re.search(
                    r"\.(owner|user|author|created_by|creator|tenant|org|organization|account|submitter)(_id)?\b", text)) \
                    and _gate(doc, node, body):
                return True
            if _tenant_compared(doc, node, var) and _gate(doc, node, body):
                return True  # `if member.project != project: abort(404)`: the tenant a guard authenticated
            if vouched and re.search(r"\b" + re.escape(var) + r"\.\w+", text) and \
                    set(re.findall(r"\b\w+\b", text.replace(var + ".", ""))) & vouched and _gate(doc, node, body):
                return True
            continue
        callee = dotted(doc, node.child_by_field_name("function"))
        if not callee or last_name(callee) in ("get", "filter", "save", "delete", "update", "render", "redirect",
                                               "reverse", "str", "int", "len", "print", "jsonify"):
            continue
        args = node.child_by_field_name("arguments")
        if args is not None and mention.search(code_text(doc, args)) and (
                lay.policy_calls.search(last_name(callee)) or last_name(callee) in _policy_helpers(doc)):
            return True
        # the record asked about the caller (`question.assert_is_visible_to(request.user)`,
        # `group.has_moderator(request.user)`)
        if args is not None and callee.split(".", 1)[0] in held and "." in callee \
                and lay.current_user["python"].search(code_text(doc, args)) \
                and (lay.policy_calls.search(last_name(callee)) or _ASKS_ABOUT_CALLER.search(last_name(callee))):
            return True
        # what is read through the record is narrowed to what the caller may see
        # (`obj.components.filter_access(request.user)`): the record only groups them
        if args is not None and _CALLER_FILTER.match(last_name(callee)) and callee.split(".", 1)[0] in held \
                and lay.current_user["python"].search(code_text(doc, args)):
            return True
    return False


_ASKS_ABOUT_CALLER = re.compile(r"(?i)(visible|accessible|viewable|editable)_(to|by|for)$|^(is|has)_\w*"
                                r"(moderator|admin|owner|manager|editor|author)s?$|^can_be_\w+_by$")
_CALLER_FILTER = re.compile(r"^(filter_access|for_user|visible_to|visible_for|accessible_to|accessible_by|"
                            r"accessible_for|viewable_by|allowed_for|filter_visible)$")


def _with_aliases(doc: Document, body: Node, names: set[str], after: int = 0) -> set[str]:
    """The names and the variables that hold a part of one of them (`translation = unit.translation`,
    `component = translation.component`), in the order of the body."""
    out = set(names)
    for a in walk(body, {"assignment"}, skip=_NESTED, doc=doc):
        if a.start_byte < after:
            continue
        left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
        if left is None or right is None or left.type != "identifier":
            continue
        if right.type != "attribute":
            # a query statement run later (`project = (await session.exec(stmt)).first()`): the
            # record it returns is the one the statement loads
            if any(m.group(1) in out for m in _RUNS_STATEMENT.finditer(doc.node_text(right))):
                out.add(doc.node_text(left))
            continue
        root = doc.node_text(right).split(".", 1)[0]
        if root in out:
            out.add(doc.node_text(left))
    return out


# what runs a query statement (`session.exec(stmt)`), and then also takes its first row
_RUNNER_NAMES = "exec|execute|scalars|scalar|scalar_one|scalar_one_or_none"
_RUNNERS = re.compile(rf"^(?:{_RUNNER_NAMES})$")
_RUNS_STATEMENT = re.compile(rf"\.(?:{_RUNNER_NAMES}|first|one|one_or_none)\(\s*(\w+)\s*[,)]")


def _parent_checked(doc: Document, body: Node, var: str, after: int) -> bool:
    """The record's parent, loaded later by the record's own reference (`channel =
    Channels.get_channel_by_id(webhook.channel_id)`), is checked against the caller: access to the
    record follows its parent's."""
    if not var:
        return False
    ref = re.compile(r"\b" + re.escape(var) + r"\.\w+")
    for call in walk(body, {"call"}, skip=_NESTED, doc=doc):
        if call.start_byte < after:
            continue
        name = last_name(dotted(doc, call.child_by_field_name("function")))
        args = call.child_by_field_name("arguments")
        if args is None or not (name in layers().loaders["python"] or _project_loader("python", name)) or \
                not ref.search(code_text(doc, args)):
            continue
        parent = _assigned_name(doc, call)
        if parent and parent != var and _record_checked(doc, body, parent, _statement_of(call).end_byte):
            return True
    return False


def _tenant_compared(doc: Document, node: Node, var: str) -> bool:
    """A comparison of the record's field with the tenant the caller was authenticated for
    (datalayers.yaml `tenant-arguments`: `member.project != g.project`)."""
    operands = [c for c in node.named_children]
    if len(operands) != 2:
        return False
    texts = [code_text(doc, c).strip() for c in operands]
    tenant = layers().tenant_arguments
    return any(texts[i].startswith(var + ".") and tenant.match(texts[1 - i].removesuffix(".id").removesuffix(".pk"))
               for i in (0, 1))


def _policy_helpers(doc: Document) -> frozenset[str]:
    """Functions of this file that pass one of their parameters to a policy call in a condition that
    stops (`def delete_helper(shelf): if not check_edit_permissions(shelf): return False`)."""
    cached = doc.__dict__.get("_access_policy_helpers")
    if cached is not None:
        return cached
    out = set()
    for fn in walk(doc.tree.root_node, {"function_definition"}, doc=doc):
        params = fn.child_by_field_name("parameters")
        body = fn.child_by_field_name("body")
        name = fn.child_by_field_name("name")
        if params is None or body is None or name is None:
            continue
        names = _with_aliases(doc, body, {doc.node_text(p) for p in params.named_children if p.type == "identifier"})
        for stmt in walk(body, {"if_statement"}, skip=_NESTED, doc=doc):
            cond = code_text(doc, stmt.child_by_field_name("condition"))
            consequence = stmt.child_by_field_name("consequence")
            # `check(record)`, `has_perm("app.view", record)`: any argument may be the record
            calls = [(callee, arg) for callee, args in re.findall(r"\b(\w+)\(([^()]*)\)", cond)
                     for arg in re.findall(r"\b\w+\b", args)]
            if consequence is not None and _EXIT.search(code_text(doc, consequence)) and any(
                    arg in names and layers().policy_calls.search(callee) for callee, arg in calls):
                out.add(doc.node_text(name))
                break
    cached = doc.__dict__["_access_policy_helpers"] = frozenset(out)
    return cached


_AGGREGATE = re.compile(r"\.(count|exists|aggregate|paginate)\(\s*\)?[^.]*$")
_SESSION_ID = re.compile(r"^\(\s*(\w+\s*=\s*)?(request\.)?session(\.get\(|\[)[^()]*\)?\s*\)$")  # an id the server kept
_HARMLESS_CALLS = frozenset({"redirect", "url_for", "reverse", "HttpResponseRedirect", "RedirectResponse", "len", "str",
                             "bool", "print", "flash", "gettext", "_"})


def _only_referenced(doc: Document, body: Node, var: str, after: int) -> bool:
    """Every later use of the record is inside the caller's own action (`current_user.track(topic)`,
    a filter by the current user) or a redirect: the record is referenced, not read out or changed."""
    if not var:
        return False
    cu = layers().current_user["python"]
    uses = [n for n in walk(body, {"identifier"}, doc=doc) if n.start_byte >= after and doc.node_text(n) == var]
    for use in uses:
        parent = use.parent
        if parent is not None and parent.type in ("assignment", "for_statement", "for_in_clause") and \
                parent.child_by_field_name("left") == use:
            continue  # the name is bound again: later uses are another value
        if _in_condition(use):
            continue  # `if record:`, `if not record.is_active: return`: only whether it exists, or a flag
        if parent is not None and parent.type == "keyword_argument" and parent.child_by_field_name("name") == use:
            continue  # `user=...`: a keyword, not the record
        node, ok, child = use, False, use
        while node is not None and node is not body:
            if node.type == "call":
                callee = last_name(dotted(doc, node.child_by_field_name("function")))
                text = code_text(doc, node)
                if callee in _HARMLESS_CALLS or callee[:1].isupper() or (cu.search(text) and
                                                                         not text.startswith(var + ".")):
                    ok = True
                    break
                if callee in _YES_NO_CALLS:
                    ok = True  # `Key.objects.filter(user=user).exists()`: one yes/no about the record
                    break
            if node.type == "comparison_operator":
                ok = True
                break
            if node.type == "assignment":
                right, left = node.child_by_field_name("right"), node.child_by_field_name("left")
                ok = right is not None and right.start_byte <= child.start_byte and child.end_byte <= right.end_byte \
                    and (doc.node_text(right) == var or (
                        left is not None and left.type == "identifier" and
                        _public_fields_only(doc, body, doc.node_text(left), node.end_byte)))
                break
            if node.type in ("return_statement", "augmented_assignment", "delete_statement"):
                break
            child, node = node, node.parent
        if not ok:
            return False
    return True


# calls that answer one yes/no about what they are handed (a related record exists)
_YES_NO_CALLS = frozenset({"exists", "aexists"})
# a field public by nature: a public key is made to be handed to others (`key_record.public_key`)
_PUBLIC_FIELD = re.compile(r"^(\w+_)?public_?keys?$|^pub_?keys?$")


def _later_uses(doc: Document, body: Node, var: str, after: int) -> Iterator[Node]:
    """The uses of `var` in `body` after byte `after`, up to where it is bound again (later uses
    are another value)."""
    for use in walk(body, {"identifier"}, doc=doc):
        if use.start_byte < after or doc.node_text(use) != var:
            continue
        parent = use.parent
        if parent is not None and parent.type in ("assignment", "for_statement") and \
                parent.child_by_field_name("left") == use:
            return
        yield use


def _public_fields_only(doc: Document, body: Node, var: str, after: int) -> bool:
    """What is loaded through the record (`key = Key.objects.filter(user=target).first()`) is read only
    for whether it exists and for fields public by nature (`key.public_key`)."""
    read = False
    for use in _later_uses(doc, body, var, after):
        parent = use.parent
        if _in_condition(use) and parent is not None and parent.type != "attribute":
            continue
        if parent is None or parent.type != "attribute" or parent.child_by_field_name("object") != use or \
                not _PUBLIC_FIELD.match(doc.node_text(parent.child_by_field_name("attribute"))):
            return False
        read = True
    return read


# a record's own serialisation handed the caller (`user.serialize(current_user=auth_user)`,
# `post.to_dict(viewer=request.user)`): the record decides what this caller may see of it
_SERIALIZER = re.compile(r"^(serialize|serialise|to_dict|to_json|as_dict|as_json|dump|to_api|for_api|public_dict)\w*$")
_CALLER_NAME = re.compile(r"\b(current_user|auth_user|authenticated_user|request\.user|g\.user|viewer|caller|"
                          r"for_user|requesting_user)\b")


def _served_for_caller(doc: Document, body: Node, var: str, after: int) -> bool:
    """Every later use of the record is a test in a condition (`if not user.is_active: return 404`) or
    its serialisation for the caller, and there is at least one such serialisation."""
    if not var:
        return False
    served = False
    for use in _later_uses(doc, body, var, after):
        parent = use.parent
        if _in_condition(use):
            continue
        call = parent.parent if parent is not None and parent.type == "attribute" and \
            parent.child_by_field_name("object") == use else None
        if call is None or call.type != "call" or not _SERIALIZER.match(
                doc.node_text(parent.child_by_field_name("attribute"))):
            return False
        if not _CALLER_NAME.search(code_text(doc, call.child_by_field_name("arguments"))):
            return False
        served = True
    return served


def _in_condition(use: Node) -> bool:
    """The name is read in the condition of an `if` (alone, negated, or a field of it compared or tested)."""
    child, node = use, use.parent
    while node is not None and node.type in ("not_operator", "attribute", "boolean_operator", "comparison_operator",
                                             "parenthesized_expression"):
        child, node = node, node.parent
    return node is not None and node.type in ("if_statement", "elif_clause") and \
        node.child_by_field_name("condition") == child


def _enclosing_if(expr: Node) -> Node | None:
    """The `if` statement whose condition holds this expression, through `and`/`or`, `not` and
    parentheses (`if not a and b.check(x):`), or None."""
    node = expr.parent
    while node is not None and node.type in ("boolean_operator", "parenthesized_expression", "not_operator"):
        node = node.parent
    return node if node is not None and node.type == "if_statement" else None


_EXIT = re.compile(r"\b(return|raise|abort|throw|next\s*\(|redirect|PermissionDenied|Forbidden|Unauthorized|40[134])\b")


def _gate(doc: Document, node: Node, body: Node) -> bool:
    """A comparison that decides: in the condition of an `if` whose branch stops the request (or in
    any other expression: a filter, an assert, a returned condition). A comparison whose `if` only
    records something and carries on is no check."""
    child, parent = node, node.parent
    while parent is not None and parent is not body:
        if parent.type == "if_statement":
            cond = parent.child_by_field_name("condition")
            if cond is not None and cond.start_byte <= child.start_byte and child.end_byte <= cond.end_byte:
                consequence = parent.child_by_field_name("consequence")
                alternative = parent.child_by_field_name("alternative")
                return bool(_EXIT.search(code_text(doc, consequence) if consequence is not None else "") or
                            (alternative is not None and _EXIT.search(code_text(doc, alternative))))
            return True
        if parent.type in ("function_definition", "arrow_function", "function_expression", "lambda"):
            return True
        child, parent = parent, parent.parent
    return True


def python_lookups(doc: Document, fn: Node, ids: set[str], model_loaders: Mapping[str, tuple[str, bool]] | None = None) -> list[Lookup]:
    """Every load by a request id in the handler, with whether the record was checked. `model_loaders`
    names model methods that load a record by the id they are handed whatever their instance
    (tenancy.py `unscoped_methods`, name -> (the model they load, whether they change it):
    `project.remove_member(member_id)`): calls of them are loads too."""
    model_loaders = model_loaders or {}
    body = fn.child_by_field_name("body")
    if body is None:
        return []
    lay = layers()
    names = _request_names(doc, body, ids)
    if not names:
        return []
    path_ids = frozenset(ids)
    loaders = lay.loaders["python"]
    out: list[Lookup] = []
    seen_outer: set[int] = set()
    body_text = code_text(doc, body)
    # the handler handles an authorization failure raised by the layer it calls: that layer
    # (a service or action function) authorizes the records it loads
    layer_authorizes = bool(_AUTHZ_FAILURE.search(body_text))
    vetted = _gated_ids(doc, body, names)  # ids compared with the caller before any load
    derived = _caller_values(doc, body)  # names bound to a value made from the caller
    checked_vars: set[str] = set()  # records checked against the caller
    params = fn.child_by_field_name("parameters")
    tokens = {n for n in names | (_used_names(doc, params) if params is not None else set())
              if lay.link_tokens.search(n)}  # a token the request carries (`def unsubscribe(request, pk, token)`)
    for call in walk(body, {"call"}, skip=_NESTED, doc=doc):
        callee = dotted(doc, call.child_by_field_name("function"))
        name = last_name(callee)
        model_method = name in model_loaders and "." in callee and name not in loaders
        if name not in loaders and not _project_loader("python", name) and not model_method:
            continue
        if not model_method and callee.split(".")[0] in ("request", "self", "args", "form", "kwargs", "os", "environ", "params", "headers",
                                    "data", "settings", "cache", "g", "json", "dict", "config") and \
                not callee.startswith(("self.model", "self.queryset")):
            continue
        args = call.child_by_field_name("arguments")
        if args is None:
            continue
        first = args.named_children[0] if args.named_children else None
        if name == "get" and first is not None and first.type == "string":
            continue  # a mapping read (`session.get("user_id")`), not a load by id
        fn_node = call.child_by_field_name("function")
        receiver = fn_node.child_by_field_name("object") if fn_node is not None and fn_node.type == "attribute" else None
        if receiver is not None and receiver.type == "call" and re.search(r"View$", dotted(
                doc, receiver.child_by_field_name("function"))):
            continue  # `EditView().get(...)`: a view's handler called directly, not a data-layer load
        if _policy_argument(doc, call):
            continue  # `authorize(user, BoardPolicy.get(board_id))`: the rule a policy call applies, not a load
        if name == "get" and len(args.named_children) == 2 and args.named_children[1].type in (
                "none", "string", "integer", "true", "false", "list", "dictionary"):
            continue  # `mapping.get(key, default)`: a dict read, not a data-layer load
        project_loader = name not in loaders
        used = _used_names(doc, args)
        if not used & names or _SESSION_ID.match(doc.node_text(args)) or not (
                _id_argument(doc, call, name, names, path_ids) or (model_method and _positional_id(doc, call, names))):
            continue
        outer = _outer_expression(call)
        if outer.id in seen_outer or _AGGREGATE.search(code_text(doc, outer)):
            continue
        outer_text = code_text(doc, outer)
        if not model_method and not _receiver_ok("python", callee, outer_text):
            continue
        seen_outer.add(outer.id)
        var = _assigned_name(doc, call)
        stmt = _statement_of(call)
        request_ids = used & names
        # a query that filters by an id already vetted stays inside the vetted record, and so does one
        # whose only request values are records already checked against the caller (`exclude(id=session.id)`)
        # a project loader handed the caller (`Chats.get_accessible_chat_by_id(id, user)`) scopes the load itself
        guarded = layer_authorizes or _in_role_branch(doc, call, body) or \
            (project_loader and bool(_CALLER_ARG.search(code_text(doc, args)))) or \
            any(vetted.get(i, len(doc.data)) < call.start_byte for i in request_ids) \
            or (request_ids <= checked_vars and not request_ids & path_ids) \
            or _scoped(doc, call, outer_text, names) or _filtered_by(outer_text, derived) or _record_checked(
            doc, body, var, stmt.end_byte, frozenset(checked_vars | {i for i, at in vetted.items() if at <= call.start_byte})) \
            or _parent_checked(doc, body, var, stmt.end_byte) or _receiver_scoped(doc, body, call) \
            or _under_checked_record(doc, call, checked_vars) or _link_bound(doc, body, call, var, request_ids, tokens)
        if guarded:  # a record checked through this id vouches for later loads by the same id
            for i in request_ids:
                vetted[i] = min(vetted.get(i, stmt.end_byte), stmt.end_byte)
            if var:
                checked_vars.add(var)
        # a model method that loads by the id acts on the record itself (`project.remove_member(member_id)`)
        checked = guarded or (not model_method and (_only_referenced(doc, body, var, stmt.end_byte) or
                                                    _served_for_caller(doc, body, var, stmt.end_byte)))
        model = (model_loaders[name][0] if model_method else "") or _model(doc, call, callee)
        direct = bool(used & ids) and bool(var)
        out.append(Lookup(call.start_byte, call.end_byte, doc.node_text(outer), model, checked, direct, guarded,
                          method=model_method, changes=model_method and model_loaders[name][1]))
    return out


def _link_bound(doc: Document, body: Node, call: Node, var: str, request_ids: set[str], tokens: set[str]) -> bool:
    """A signed link bound to the record (datalayers.yaml `link-checks`): a check in an `if` handed the
    request's token with the id of the load (`if unsub.is_valid(pk, token):`, the load under it or after
    a refusal) or with the record loaded (`if activation.is_valid(user, token):`, after the load). The
    token is the credential for that one record, as in an e-mail's activation or unsubscribe link; a check
    of the token alone (`check_token(uidb64, token)`) binds no record."""
    if not tokens:
        return False
    lay = layers()
    for check in walk(body, {"call"}, skip=_NESTED, doc=doc):
        if not lay.link_checks.match(last_name(dotted(doc, check.child_by_field_name("function")))):
            continue
        args = check.child_by_field_name("arguments")
        used = _used_names(doc, args) if args is not None else set()
        if not used & tokens:
            continue
        node = _enclosing_if(check)
        if node is None:
            continue
        consequence = node.child_by_field_name("consequence")
        if var and var in used and check.start_byte > call.end_byte:
            return True
        if used & request_ids and consequence is not None and (
                consequence.start_byte <= call.start_byte < consequence.end_byte or (
                    node.end_byte <= call.start_byte and _DENY.search(code_text(doc, consequence)))):
            return True
    return False


def _policy_argument(doc: Document, call: Node) -> bool:
    """The call is an argument of a policy call (`authorize(user, BoardPolicy.get(board_id))`)."""
    node = call.parent.parent if call.parent is not None and call.parent.type == "await" else call.parent
    if node is None or node.type != "argument_list" or node.parent is None or node.parent.type != "call":
        return False
    return bool(layers().policy_calls.search(last_name(dotted(doc, node.parent.child_by_field_name("function")))))


def _caller_values(doc: Document, body: Node) -> frozenset[str]:
    """Names bound to a value computed from the caller (`virtual_flow_id =
    _shared_flow_id(current_user.id, source_flow_id)`)."""
    lay = layers()
    cu, src = lay.current_user["python"], lay.request_sources["python"]
    out: set[str] = set()
    for a in walk(body, {"assignment"}, skip=_NESTED, doc=doc):
        left, right = a.child_by_field_name("left"), a.child_by_field_name("right")
        if left is None or right is None or left.type != "identifier":
            continue
        text = code_text(doc, right)
        # not a request value with the caller as a fallback (`request.args.get("id", current_user.id)`)
        if cu.search(text) and not src.search(text):
            out.add(doc.node_text(left))
    return frozenset(out)


def _filtered_by(outer_text: str, derived: frozenset[str]) -> bool:
    """The load filters a field by a value made from the caller (`MessageTable.flow_id ==
    virtual_flow_id`, `filter(flow_id=virtual_flow_id)`): it finds only the caller's records."""
    if not derived:
        return False
    values = {m.group(2) for m in _FIELD_COMPARE.finditer(outer_text)} | set(_KEYWORD_VALUE.findall(outer_text))
    return bool(values & derived)


_KEYWORD_VALUE = re.compile(r"\b\w+\s*=\s*(\w+)\s*[,)]")


def _under_checked_record(doc: Document, call: Node, checked_vars: set[str]) -> bool:
    """The load is filtered by a record already checked against the caller (`ticket_perm_check(
    request, ticket)`, then `get_object_or_404(FollowUp, id=followup_id, ticket=ticket)`): it finds
    only children of that record."""
    if not checked_vars:
        return False
    for a in call_args(call):
        if a.type != "keyword_argument":
            # the set it searches hangs off the checked record (`get_object_or_404(ticket.checklists.all(), id=...)`)
            if doc.node_text(a).split(".", 1)[0] in checked_vars and "." in doc.node_text(a):
                return True
            continue
        value = a.child_by_field_name("value")
        if value is None:
            continue
        text = doc.node_text(value).removesuffix(".id").removesuffix(".pk")
        if text in checked_vars:
            return True
    return False


def _positional_id(doc: Document, call: Node, names: set[str]) -> bool:
    """A request name handed as a positional argument (`project.remove_member(member_id)`)."""
    return any(a.type != "keyword_argument" and _used_names(doc, a) & names for a in call_args(call))


_AUTHZ_FAILURE = re.compile(r"\bexcept\s*\(?[\w.\s,]*\b(NotAuthorized|NotAuthorised|PermissionDenied|"
                            r"AuthorizationError|AccessDenied|NotAllowed)\b")


_DENY = re.compile(r"\b(raise|abort|40[13]|Forbidden|PermissionDenied|Unauthorized|redirect)\b")


def _gated_ids(doc: Document, body: Node, names: set[str]) -> dict[str, int]:
    """Request ids compared with the current user in a check that stops the request
    (`if current_user.id != user_id and not current_user.is_admin: abort(403)`): id -> where."""
    cu = layers().current_user["python"]
    out: dict[str, int] = {}
    for node in walk(body, {"comparison_operator"}, skip=_NESTED, doc=doc):
        text = code_text(doc, node)
        if not cu.search(text):
            continue
        parent = _enclosing_if(node)
        if parent is None:
            continue
        consequence = parent.child_by_field_name("consequence")
        if consequence is None or not _DENY.search(code_text(doc, consequence)):
            continue
        for ident in walk(node, {"identifier"}, doc=doc):
            name = doc.node_text(ident)
            if name in names:
                out[name] = min(out.get(name, parent.end_byte), parent.end_byte)
    # a policy call on the id and the caller, as a statement that raises when access is denied:
    # `await check_channel_access(channel_id, user=user)`
    for call in walk(body, {"call"}, skip=_NESTED, doc=doc):
        stmt = call.parent.parent if call.parent is not None and call.parent.type == "await" else call.parent
        callee = last_name(dotted(doc, call.child_by_field_name("function")))
        if stmt is not None and stmt.type == "assignment" and stmt.child_by_field_name("right") in (call, call.parent) \
                and _RAISING_POLICY.search(callee):
            stmt = stmt.parent  # `flow = await ensure_flow_access(session, flow_id=flow_id, user=user)`
        if stmt is None or stmt.type != "expression_statement" or not layers().policy_calls.search(callee):
            continue
        args = code_text(doc, call.child_by_field_name("arguments"))
        if not (cu.search(args) or _CALLER_ARG.search(args)):
            continue
        for name in names & set(re.findall(r"\b\w+\b", args)):
            out[name] = min(out.get(name, stmt.end_byte), stmt.end_byte)
    return out


# a policy call whose name says it refuses rather than answers (its result is the record, not a yes/no)
_RAISING_POLICY = re.compile(r"(?i)^_?(ensure|require|assert|enforce|authori[sz]e)_|_or_(404|403|raise|deny)$")


def _in_role_branch(doc: Document, call: Node, body: Node) -> bool:
    """The load runs only in the branch of an `if` on an all-records role (`if user.role == "admin":`)."""
    child, parent = call, call.parent
    while parent is not None and parent is not body:
        if parent.type == "if_statement":
            cond, consequence = parent.child_by_field_name("condition"), parent.child_by_field_name("consequence")
            if cond is not None and consequence is not None and consequence.start_byte <= child.start_byte and \
                    child.end_byte <= consequence.end_byte and all_records_role(code_text(doc, cond)):
                return True
        child, parent = parent, parent.parent
    return False


_CALLER_ARG = re.compile(r"\b(user|current_user|caller|principal|actor)\s*[,)=]|=\s*(user|current_user)\b")


def _model(doc: Document, call: Node, callee: str) -> str:
    head = callee.split(".")[0]
    if head[:1].isupper():
        return head
    for a in call_args(call):
        if a.type == "identifier" and doc.node_text(a)[:1].isupper():
            return doc.node_text(a)
    m = re.search(r"\.query\(\s*(?:\w+\.)*([A-Z]\w+)\s*\)", doc.node_text(_outer_expression(call)))
    if m:  # `db.session.query(models.Shelf)`
        return m.group(1)
    m = re.search(r"\b([A-Z]\w+)\.(objects|query)\b", doc.node_text(_outer_expression(call)))
    return m.group(1) if m else ""


def unchecked(lookups: list[Lookup], reads_only: bool, checked_models: set[str]) -> Lookup | None:
    """The first lookup to report: not checked, and not a shared read of content nobody else guards."""
    for lk in lookups:
        if lk.checked:
            continue
        if reads_only and layers().shared_content.match(lk.model or "") and lk.model not in checked_models:
            continue
        return lk
    return None

