"""SQLAlchemy statements built by helpers of the project in other files: the project pass
summarises what the files with request data call, and one hop further, so a statement builder's
bound values are known wherever the web code reaches it from (directly and through another
helper, or as `package.module.helper(...)`); a helper that builds SQL text is still a sink."""

from __future__ import annotations

from tests.taint_support import scan_package

BUILDERS = """
    from sqlalchemy import insert, text


    def upsert_tag(*, name, description):
        return insert(TAGS).values({"name": name, "description": description})


    def upsert_tag_text(*, name):
        return text(f"INSERT INTO tags (name) VALUES ('{name}')")
"""

TAGS = """
    from srv.builders import upsert_tag, upsert_tag_text


    async def set_tag(session, *, name, description):
        await session.execute(upsert_tag(name=name, description=description))


    async def set_tag_text(session, *, name):
        await session.execute(upsert_tag_text(name=name))
"""

TAG_VIEWS = """
    from fastapi import APIRouter, Request

    from srv.builders import upsert_tag, upsert_tag_text
    from srv.tags import set_tag, set_tag_text

    router = APIRouter()


    @router.post("/tags/{name}")
    async def tag(request: Request, name: str, description: str = ""):
        async with request.app.state.db() as session:
            await set_tag(session, name=name, description=description)


    @router.post("/raw-tags/{name}")
    async def raw_tag(request: Request, name: str):
        async with request.app.state.db() as session:
            await set_tag_text(session, name=name)


    @router.post("/bulk-tags/{name}")
    async def bulk(request: Request, name: str):
        async with request.app.state.db() as session:
            await session.execute(upsert_tag(name=name, description=""))
            await session.execute(upsert_tag_text(name=name))
"""


def test_a_statement_builder_the_web_code_also_imports_is_known_to_the_helper_calling_it(tmp_path):
    report = scan_package(tmp_path, "srv", {"builders.py": BUILDERS, "tags.py": TAGS, "views.py": TAG_VIEWS})
    found = sorted({(f.path, f.line) for f in report.findings if f.rule_id == "taint.python.sql-injection"})
    # set_tag binds its values (line 13); set_tag_text and the direct call of upsert_tag_text build SQL text
    assert found == [("srv/views.py", 19), ("srv/views.py", 26)]


FILTERS = """
    from sqlalchemy import Select, select, text


    def apply_run_filters(query: Select, name_filter=None, state_filter=None):
        if name_filter:
            query = query.where(RUNS.c.name == name_filter.name)
        if state_filter:
            query = query.where(RUNS.c.state.in_(state_filter.states))
        return query


    def apply_run_filters_text(query, name_filter=None):
        return text(str(query) + f" WHERE name = '{name_filter.name}'")
"""

RUN_VIEWS = """
    import sqlalchemy as sa
    from fastapi import APIRouter, Body, Request

    import srv.queries as queries

    router = APIRouter()


    @router.post("/runs/count")
    async def count_runs(request: Request, name_filter: dict = Body(None), state_filter: dict = Body(None)):
        query = queries.filters.apply_run_filters(sa.select(sa.func.count()), name_filter=name_filter,
                                                  state_filter=state_filter)
        async with request.app.state.db() as session:
            return (await session.execute(query)).scalar()


    @router.post("/runs/count-text")
    async def count_runs_text(request: Request, name_filter: dict = Body(None)):
        query = queries.filters.apply_run_filters_text(sa.select(sa.func.count()), name_filter=name_filter)
        async with request.app.state.db() as session:
            return (await session.execute(query)).scalar()
"""


def test_a_filter_helper_called_through_its_package_alias_is_summarised(tmp_path):
    (tmp_path / "srv" / "queries").mkdir(parents=True)
    (tmp_path / "srv" / "queries" / "__init__.py").write_text("")
    (tmp_path / "srv" / "queries" / "filters.py").write_text(FILTERS)
    report = scan_package(tmp_path, "web", {"views.py": RUN_VIEWS})
    found = sorted((f.path, f.line) for f in report.findings if f.rule_id == "taint.python.sql-injection")
    # the filters bind their values (line 15); the text variant builds SQL text (its call and the execute)
    assert found == [("web/views.py", 20), ("web/views.py", 22)]
