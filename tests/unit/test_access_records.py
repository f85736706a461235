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
    return records.unowned_records((n, *v) for n, v in records.declared_records(data).items())


def test_shared_tables_and_user_models_have_no_owner() -> None:
    # Currency: no owner; Invoice inherits one; Line refers to an owned record; Badge's base is
    # unknown (a library's): nothing is said; Account is the user model itself
    assert unowned(MODELS) == ["Account", "Currency"]


def test_two_classes_of_one_name_are_left_alone() -> None:
    a = b"class Plan(models.Model):\n    name = models.CharField()\n"
    b = b"class Plan(db.Model):\n    user_id = db.Column(db.Integer)\n"
    declared = [(n, *v) for data in (a, b) for n, v in records.declared_records(data).items()]
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
           b"    sport_id: Mapped[int] = mapped_column(ForeignKey('sports.id'))\n"
           b"    athlete_id: Mapped[int] = mapped_column(ForeignKey('athletes.id'))\n")
    assert unowned(src) == ["Sport"]


CATALOGUE = b'''
from django.conf import settings
from django.db import models


class CacheKeyMixin:
    def cache_key(self):
        return f"{type(self).__name__}-{self.pk}"


class OwnerMixin:
    @declared_attr
    def owner_id(cls):
        return Column(ForeignKey("users.id"))


class Category(models.Model):
    name = models.CharField(max_length=40)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)


class Exercise(CacheKeyMixin, models.Model):
    name = models.CharField(max_length=80)
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
    )


class Routine(models.Model):
    name = models.CharField(max_length=80)
    exercise = models.ForeignKey("catalog.Exercise", on_delete=models.CASCADE)
    trainee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class Step(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE)


class Badge(OwnerMixin, models.Model):
    name = models.CharField(max_length=20)


class Sticker(models.Model):
    label_id = models.IntegerField()
'''


def test_a_record_referring_only_to_shared_records_is_shared() -> None:
    # Exercise: its category is shared (and a plain mixin adds nothing); Routine and Step reach a user;
    # Badge's mixin declares columns (owner unknown); Sticker's id column names no record the index knows
    assert unowned(CATALOGUE) == ["Category", "Exercise"]


def test_a_sqlalchemy_reference_is_followed_by_table_name() -> None:
    src = (b"class Language(db.Model):\n    __tablename__ = 'lang'\n    code = db.Column(db.String)\n\n\n"
           b"class Phrase(db.Model):\n    lang_id = db.Column(db.Integer, db.ForeignKey('lang.code'))\n\n\n"
           b"class Note(db.Model):\n    phrase_id = db.Column(db.Integer, db.ForeignKey(Phrase.id))\n"
           b"    writer_id = db.Column(db.Integer, db.ForeignKey('writers.id'))\n")
    assert unowned(src) == ["Language", "Phrase"]


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


def test_what_refers_to_a_record_users_join_belongs_to_that_tenant() -> None:
    # an organizer has no owner field, but its teams tie users to it: its events are the tenant's;
    # a venue nobody joins stays shared, and so does what refers only to it
    src = b'''
class Organizer(models.Model):
    name = models.CharField(max_length=80)


class Team(models.Model):
    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL)


class Event(models.Model):
    organizer = models.ForeignKey(Organizer, on_delete=models.CASCADE)


class Venue(models.Model):
    name = models.CharField(max_length=80)


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE)


class Membership(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    club = models.ForeignKey("clubs.Club", on_delete=models.CASCADE)


class Club(models.Model):
    name = models.CharField(max_length=80)


class Court(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE)
'''
    assert unowned(src) == ["Club", "Organizer", "Room", "Venue"]



def test_a_django_text_field_named_like_an_id_holds_an_outside_identifier() -> None:
    # `study_id = models.CharField(...)` is the DICOM study's own number, not a reference: Django declares
    # references with ForeignKey; an integer `*_id` column, or SQLAlchemy's untyped one, may still be one
    src = (b"class Study(models.Model):\n    study_id = models.CharField(max_length=16)\n"
           b"    accession_number = models.TextField()\n\n\n"
           b"class Scan(models.Model):\n    device_id = models.IntegerField()\n\n\n"
           b"class Note(db.Model):\n    author_ref_id = db.Column(db.String(36))\n")
    assert unowned(src) == ["Study"]


def test_a_load_kept_in_no_variable_is_judged_by_its_own_statement() -> None:
    lookup = "Study.objects.get(pk=pk)"
    exists = f"def show(pk):\n    try:\n        {lookup}\n    except Study.DoesNotExist:\n        return None\n"
    chained = "Study.objects.filter(pk=pk).update(total=0)"
    updated = f"def reset(pk):\n    {chained}\n"
    wrapped = f"def drop(pk):\n    db.session.delete({lookup})\n"
    assert not records.changes_record(exists, lookup, returned=False, unkept=True)
    assert records.changes_record(updated, chained, returned=False, unkept=True)
    assert records.changes_record(wrapped, lookup, returned=False, unkept=True)
    # without `unkept` (or when the statement began on an earlier line) it cannot be told: a change
    assert records.changes_record(exists, lookup, returned=False)
    kept = "Person.query.filter(Person.id == member_id).all()"
    across = f"def back(member_id):\n    person = (\n        {kept}\n    )\n    person[0].activated = True\n"
    assert records.changes_record(across, kept, returned=False, unkept=True)
