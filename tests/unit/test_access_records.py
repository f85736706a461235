"""The record-type index behind the object-level check (railguard/engine/access/records.py)."""

from __future__ import annotations

from railguard.engine.access import records

MODELS = b'''
from django.conf import settings
from django.db import models


class Currency(models.Model):
    code = models.CharField(max_length=3)


class Owned(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        abstract = True


class Invoice(Owned):
    total = models.DecimalField(max_digits=9, decimal_places=2)


class Line(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE)
    amount = models.IntegerField()


class Badge(ThirdPartyBase):
    name = models.CharField(max_length=20)


class Account(AbstractUser):
    organization = models.ForeignKey("orgs.Org", on_delete=models.CASCADE)
'''


def unowned(data: bytes) -> list[str]:
    return records.unowned_records((n, o, b) for n, (o, b) in records.declared_records(data).items())


def test_shared_tables_and_user_models_have_no_owner() -> None:
    # Currency: no owner; Invoice inherits one; Line refers to an owned record; Badge's base is
    # unknown (a library's): nothing is said; Account is the user model itself
    assert unowned(MODELS) == ["Account", "Currency"]


def test_two_classes_of_one_name_are_left_alone() -> None:
    a = b"class Plan(models.Model):\n    name = models.CharField()\n"
    b = b"class Plan(db.Model):\n    user_id = db.Column(db.Integer)\n"
    declared = [(n, o, bs) for data in (a, b) for n, (o, bs) in records.declared_records(data).items()]
    assert records.unowned_records(declared) == []


def test_a_user_changed_by_the_handler_is_not_only_a_target() -> None:
    lookup = "User.query.filter_by(username=name).first()"
    changed = f"def reset(name):\n    user = {lookup}\n    user.password = request.json['p']\n"
    deleted = f"def drop(name):\n    user = {lookup}\n    db.session.delete(user)\n"
    followed = f"def follow(name):\n    target = {lookup}\n    current_user.follow(target)\n"
    compared = f"def same(name):\n    user = {lookup}\n    return user.id == current_user.id\n"
    assert records.changes_record(changed, lookup) and records.changes_record(deleted, lookup)
    assert not records.changes_record(followed, lookup) and not records.changes_record(compared, lookup)


def test_a_user_record_handed_back_whole_is_exposed() -> None:
    lookup = "User.query.get(user_id)"
    whole = f"def show(user_id):\n    user = {lookup}\n    return jsonify(user.to_dict())\n"
    serialised = f"def show(user_id):\n    user = {lookup}\n    return UserSchema().dump(user)\n"
    name_only = f"def show(user_id):\n    user = {lookup}\n    return jsonify(name=user.username)\n"
    assert records.changes_record(whole, lookup) and records.changes_record(serialised, lookup)
    assert not records.changes_record(name_only, lookup)


def test_a_record_type_narrowed_to_the_caller_somewhere_is_owned() -> None:
    views = b"def mine():\n    return Feed.query.filter_by(added_by=current_user.name).all()\n"
    assert records.caller_scoped_records(views) == {"Feed"}
    declared = [("Feed", False, ("db.Model",)), ("Sport", False, ("db.Model",))]
    assert records.unowned_records(declared, records.caller_scoped_records(views)) == ["Sport"]


def test_a_shared_record_the_handler_changes_is_not_only_read() -> None:
    # any signed-in user renaming any workflow is a missing check; showing a sport is not
    lookup = "get_object_or_404(Workflow, id=pk)"
    rename = f"def rename(request, pk):\n    wf = {lookup}\n    wf.name = request.POST['name']\n    wf.save()\n"
    show = f"def show(request, pk):\n    wf = {lookup}\n    return render(request, 'wf.html', {{'wf': wf}})\n"
    assert records.changes_record(rename, lookup, returned=False)
    assert not records.changes_record(show, lookup, returned=False)


def test_children_relationships_and_an_aliased_orm_base_say_nothing_of_an_owner() -> None:
    # `BaseModel = db.Model` in the package; a sport lists its workouts (one-to-many): still shared
    src = (b"from app import BaseModel, db\n\n\nclass Sport(BaseModel):\n    __tablename__ = 'sports'\n"
           b"    id: Mapped[int] = mapped_column(primary_key=True)\n"
           b"    workouts: Mapped[List['Workout']] = relationship('Workout', back_populates='sport')\n\n\n"
           b"class Workout(BaseModel):\n    id: Mapped[int] = mapped_column(primary_key=True)\n"
           b"    sport_id: Mapped[int] = mapped_column(ForeignKey('sports.id'))\n")
    assert unowned(src) == ["Sport"]


def test_an_item_of_a_loaded_list_changed_is_a_change_of_the_record() -> None:
    # `.all()` hands back a list: setting a field of its first item changes that member; naming it does not
    lookup = "Member.query.filter(Member.id == member_id).all()"
    changed = f"def reactivate(member_id):\n    found = {lookup}\n    if found:\n        found[0].active = True\n"
    removed = f"def drop(member_id):\n    found = {lookup}\n    db.session.delete(found[0])\n"
    named = f"def card(member_id):\n    found = {lookup}\n    flash(found[0].name)\n"
    assert records.changes_record(changed, lookup, returned=False)
    assert records.changes_record(removed, lookup, returned=False)
    assert not records.changes_record(named, lookup, returned=False)


def test_a_record_handed_to_a_form_that_saves_it_is_changed() -> None:
    lookup = "Member.query.get(member_id, g.project)"
    saved = f"def edit(member_id):\n    member = {lookup}\n    form.save(g.project, member)\n"
    filled = f"def edit(member_id):\n    member = {lookup}\n    form.fill(member)\n"
    assert records.changes_record(saved, lookup, returned=False)
    assert not records.changes_record(filled, lookup, returned=False)
