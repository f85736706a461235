"""Flows through a chain of project helpers in different files (route -> service -> statement
builder): the service's summary uses the builder's, also when the route imports the builder too.
A builder of bound statements carries no request text into SQL; one that splices it into `text()`
does, through the same chain."""

from __future__ import annotations

from tests.taint_support import scan_package

HELPERS = '''
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert as insert_postgresql


def insert_on_conflict(*records, table, set_=None):
    seen = set()
    unique = []
    for v in reversed(records):
        if v.get("name") in seen:
            continue
        unique.append(v)
        seen.add(v.get("name"))
    stmt = insert_postgresql(table).values(tuple(reversed(unique)))
    return stmt.on_conflict_do_update(constraint="uq_tags_name", set_=set_)


def raw_insert(name):
    return text("INSERT INTO tags (name) VALUES ('" + name + "')")
'''

TAGS = '''
from .helpers import insert_on_conflict, raw_insert


async def upsert_tag(session, *, name, description):
    await session.execute(
        insert_on_conflict({"name": name, "description": description}, table="tags",
                           set_={"description": description})
    )


async def raw_tag(session, *, name):
    await session.execute(raw_insert(name))
'''

VIEWS = '''
from fastapi import FastAPI, Request
from pydantic import BaseModel

from .helpers import insert_on_conflict
from .tags import raw_tag, upsert_tag

app = FastAPI()
BUILDERS = [insert_on_conflict]


class Body(BaseModel):
    name: str


@app.post("/tags")
async def set_tag(request: Request, body: Body):
    async with request.app.state.db() as session:
        await upsert_tag(session, name=str(body.name), description=body.name)


@app.post("/raw-tags")
async def set_raw_tag(request: Request, body: Body):
    async with request.app.state.db() as session:
        await raw_tag(session, name=str(body.name))
'''


def test_a_service_calling_a_statement_builder_the_route_also_imports(tmp_path):
    report = scan_package(tmp_path, "srv", {"helpers.py": HELPERS, "tags.py": TAGS, "views.py": VIEWS})
    found = sorted((f.path, f.line) for f in report.findings if f.rule_id == "taint.python.sql-injection")
    assert found == [("srv/views.py", 25)]
