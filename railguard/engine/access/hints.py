"""The words without which a file has nothing for the access models: a cheap prefilter that
needs none of the framework models (the commit hook and small scans import those only when a
file has one of these words)."""

from __future__ import annotations

PYTHON = "python"
JS = ("javascript", "typescript", "tsx")
JAVA = "java"
# substring tests run in C; an alternation regex over every file would cost more than the parse
PY_HINT = (b"flask", b"fastapi", b"django", b"rest_framework", b"APIRouter", b"Blueprint", b"graphene",
           b"strawberry", b"ariadne", b"before_request", b"wraps(", b"REST_FRAMEWORK", b"urlpatterns", b"Depends(",
           b"MIDDLEWARE", b"login_required", b"quart")
# files a plugin framework reads by name (Horizon: a panel that subclasses another project panel
# need not name the framework; frameworks.yaml django `plugin-urlconfs` panel-files)
PY_NAMED_FILES = ("/panel.py", "/dashboard.py")
# files that may declare ORM models (tenancy.py: does any record belong to a user?)
MODEL_HINT = (b"Column(", b"mapped_column(", b"models.Model", b"db.Model", b"SQLModel", b"ForeignKey(")
# (`(req, res`: a module of request handlers that routes elsewhere name)
JS_HINT = (b"express", b"Router(", b"fastify", b"koa", b"next)", b"@Controller", b"useGlobalGuards", b"APP_GUARD",
           b"(req, res")
JAVA_HINT = (b"Mapping", b"HttpSecurity", b"SecurityFilterChain", b"ws.rs", b"EnableMethodSecurity",
             b"EnableGlobalMethodSecurity")
# an OpenAPI document names its operations (openapi.is_spec needs this word in such a file)
SPEC_SUFFIXES = (".yaml", ".yml", ".json")
SPEC_WORD = b"operationId"


def relevant_data(language: str, data: bytes) -> bool:
    """May a file of this language declare routes, guards or middleware (the models' words)?"""
    hints = PY_HINT if language == PYTHON else JS_HINT if language in JS else (
        JAVA_HINT if language == JAVA else ())
    return any(h in data for h in hints)
