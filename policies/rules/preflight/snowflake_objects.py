"""The Snowflake objects each step names, read from a resource's camelCase inputs.

A step's refs map a name the privilege table uses (`database`, `schema`, `object`,
`tag`, `target`, `granted`, ...) to the object's (kind, resolved identifier), or to
None where it does not apply. A TagAssociation is one step per tagged object. An
unknown input stops the step as not evaluated.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.values import contains_unknown, is_set
from ..core.view import NotEvaluated, ResourceView
from ..snowflake.grant_scope import grant_scope
from ..snowflake.identifiers import ident
from . import snowflake_privileges as p

Ref = tuple[str, str]
Refs = dict[str, Ref | None]

SCHEMA_OBJECTS = (
    p.AUTHENTICATION_POLICY,
    p.TAG,
    p.MASKING_POLICY,
    p.STAGE_EXTERNAL_S3,
    p.TABLE,
    p.ALERT,
)
DATABASE_OBJECTS = (p.SCHEMA, p.DATABASE_ROLE)
_IDENT = r'(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))*'
_COPY_INTO = re.compile(rf"COPY\s+INTO\s+({_IDENT})", re.IGNORECASE)
_STAGE = re.compile(rf"@({_IDENT})")
_ACCOUNT_USAGE = re.compile(r"\bSNOWFLAKE\.ACCOUNT_USAGE\.(\w+)", re.IGNORECASE)
_DQ_RESULTS = re.compile(r"\bSNOWFLAKE\.LOCAL\.(DATA_QUALITY_MONITORING_\w+)", re.IGNORECASE)
# The statements a data-quality Execute runs (components/snowflake/data_metric_sql.py).
_ADD_DMF = re.compile(
    rf"^\s*ALTER\s+TABLE\s+({_IDENT})\s+ADD\s+DATA\s+METRIC\s+FUNCTION\b", re.IGNORECASE
)
_SET_SCHEDULE = re.compile(
    rf"^\s*ALTER\s+TABLE\s+({_IDENT})\s+SET\s+DATA_METRIC_SCHEDULE\b", re.IGNORECASE
)
_NOTIFICATION_INTEGRATION = re.compile(
    r"SNOWFLAKE\.NOTIFICATION\.INTEGRATION\(\s*'([^']+)'", re.IGNORECASE
)
# Object types that live in a schema (their identifiers have 3 or 4 parts).
_IN_SCHEMA = ("TABLE", "VIEW", "COLUMN", "STAGE", "PIPE", "MATERIALIZED VIEW", "DYNAMIC TABLE")


def known(view: ResourceView, path: str) -> Any:
    """The input at `path`; unknown stops the step."""
    value = view.get(path)
    if contains_unknown(value):
        raise NotEvaluated(f"{view.type} [{view.name}] {path}")
    return value


def name(view: ResourceView, path: str) -> str:
    """An identifier input, resolved as Snowflake resolves it."""
    return ident(known(view, path) or "")


def qualified(parts: list[str], database: str, schema: str) -> str:
    """A possibly partial identifier completed with the resource's database and schema."""
    full = [database, schema][: max(0, 3 - len(parts))] + parts
    return ".".join(full)


def object_refs(view: ResourceView) -> list[Refs]:
    """The refs of each step group of `view` (one, or one per tagged object)."""
    kind = p.OWNED_KINDS.get(view.type)
    refs: Refs = {}
    if view.type in (*SCHEMA_OBJECTS, p.PIPE):
        db, schema = name(view, "database"), name(view, "schema")
        refs["database"] = ("DATABASE", db)
        refs["schema"] = ("SCHEMA", f"{db}.{schema}")
        refs["object"] = (kind or "", f"{db}.{schema}.{name(view, 'name')}")
    elif view.type in DATABASE_OBJECTS:
        db = name(view, "database")
        refs["database"] = ("DATABASE", db)
        refs["object"] = (kind or "", f"{db}.{name(view, 'name')}")
    elif kind:
        refs["object"] = (kind, name(view, "name"))
    extra = _EXTRA.get(view.type)
    if extra is None:
        return [refs]
    return [{**refs, **more} for more in extra(view)]


def _user(view: ResourceView) -> list[Refs]:
    policy = known(view, "networkPolicy")
    return [{"network_policy": ("NETWORK POLICY", ident(policy)) if is_set(policy) else None}]


def _stage(view: ResourceView) -> list[Refs]:
    integration = known(view, "storageIntegration")
    return [{"integration": ("INTEGRATION", ident(integration)) if is_set(integration) else None}]


def _pipe(view: ResourceView) -> list[Refs]:
    copy = str(known(view, "copyStatement") or "")
    db, schema = name(view, "database"), name(view, "schema")
    table, stage = _COPY_INTO.search(copy), _STAGE.search(copy)
    errors = known(view, "errorIntegration")
    return [
        {
            "table": ("TABLE", qualified(ident(table[1]).split("."), db, schema))
            if table
            else None,
            "stage": ("STAGE", qualified(ident(stage[1]).split("."), db, schema))
            if stage
            else None,
            "error_integration": ("INTEGRATION", ident(errors)) if is_set(errors) else None,
        }
    ]


def _alert(view: ResourceView) -> list[Refs]:
    """The warehouse it runs on, the ACCOUNT_USAGE view its condition reads, the
    notification integration its action sends through."""
    condition = str(known(view, "condition") or "")
    usage = _ACCOUNT_USAGE.search(condition)
    results = _DQ_RESULTS.search(condition)
    sent = _NOTIFICATION_INTEGRATION.search(str(known(view, "action") or ""))
    return [
        {
            "warehouse": ("WAREHOUSE", name(view, "warehouse")),
            "account_usage": ("VIEW", f"SNOWFLAKE.ACCOUNT_USAGE.{usage[1].upper()}")
            if usage
            else None,
            "dq_results": ("VIEW", f"SNOWFLAKE.LOCAL.{results[1].upper()}") if results else None,
            "notification_integration": ("INTEGRATION", ident(sent[1])) if sent else None,
        }
    ]


def _execute(view: ResourceView) -> list[Refs]:
    """The table a data-quality statement alters, with its database and schema; an
    Execute running anything else names nothing (no step is modelled for it)."""
    sql = str(known(view, "execute") or "")
    for key, pattern in (("dmf_table", _ADD_DMF), ("schedule_table", _SET_SCHEDULE)):
        if (found := pattern.match(sql)) is None:
            continue
        parts = ident(found[1]).split(".")
        if len(parts) != 3:
            raise NotEvaluated(
                f"{view.type} [{view.name}] table {found[1]} (not database.schema.table)"
            )
        return [
            {
                key: ("TABLE", ".".join(parts)),
                "database": ("DATABASE", parts[0]),
                "schema": ("SCHEMA", ".".join(parts[:2])),
            }
        ]
    return [{}]


def _in(identifier: str, of: str) -> Refs:
    """`<of>`, `<of>_database` and `<of>_schema` refs of a schema object's identifier."""
    parts = ident(identifier).split(".")
    return {
        f"{of}_database": ("DATABASE", parts[0]) if len(parts) >= 2 else None,
        f"{of}_schema": ("SCHEMA", ".".join(parts[:2])) if len(parts) >= 3 else None,
    }


def _tag_association(view: ResourceView) -> list[Refs]:
    tag = str(known(view, "tagId") or "")
    kind = str(known(view, "objectType") or "").upper()
    groups = []
    for target in known(view, "objectIdentifiers") or []:
        parts = ident(target).split(".")
        groups.append(
            {
                "tag": ("TAG", ident(tag)),
                **_in(tag, "tag"),
                "target": (kind, ".".join(parts)),
                "target_database": (
                    ("DATABASE", parts[0]) if kind in ("DATABASE", "SCHEMA", *_IN_SCHEMA) else None
                ),
                "target_schema": (
                    ("SCHEMA", ".".join(parts[:2]))
                    if kind in _IN_SCHEMA and len(parts) >= 3
                    else None
                ),
            }
        )
    return groups


def _user_policy(view: ResourceView) -> list[Refs]:
    policy = name(view, "authenticationPolicyName")
    return [
        {
            "policy": ("AUTHENTICATION POLICY", policy),
            **_in(policy, "policy"),
            "user": ("USER", name(view, "userName")),
        }
    ]


def _role_grant(view: ResourceView) -> list[Refs]:
    if view.type == p.GRANT_DATABASE_ROLE:
        return [{"role": ("DATABASE ROLE", name(view, "databaseRoleName"))}]
    return [{"role": ("ROLE", name(view, "roleName"))}]


def _privilege_grant(view: ResourceView) -> list[Refs]:
    return [{"granted": granted_on(view)}]


def granted_on(view: ResourceView) -> Ref:
    """The object a GrantPrivileges* resource grants on (a bulk grant: its schema or database)."""
    scope = grant_scope(lambda key: known(view, key))
    return (scope.kind, scope.target)


_EXTRA = {
    p.SERVICE_USER: _user,
    p.STAGE_EXTERNAL_S3: _stage,
    p.PIPE: _pipe,
    p.ALERT: _alert,
    p.EXECUTE: _execute,
    p.TAG_ASSOCIATION: _tag_association,
    p.USER_AUTH_POLICY: _user_policy,
    p.GRANT_ACCOUNT_ROLE: _role_grant,
    p.GRANT_DATABASE_ROLE: _role_grant,
    p.GRANT_TO_ACCOUNT_ROLE: _privilege_grant,
    p.GRANT_TO_DATABASE_ROLE: _privilege_grant,
}
