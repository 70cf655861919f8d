"""What a privilege grant grants on: one reader of the provider's `on*` inputs.

`GrantPrivilegesToAccountRole` and `GrantPrivilegesToDatabaseRole` name their object in one
of several shapes (`onAccount`, `onDatabase`, `onAccountObject`, `onSchema`,
`onSchemaObject` with one object or `all`/`future` objects of a type in a schema or
database). The preflight role model (what a step may rely on) and the CLI's role graph
(who may read what, for the audit and `dataplat graph`) both read them through this one
function, so they cannot disagree on a scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.values import is_set
from .identifiers import ident


@dataclass(frozen=True)
class GrantScope:
    """`kind` and `target` of the object granted on (ACCOUNT has no target); for a bulk
    grant (`bulk` is `all` or `future`), the container it covers and `objects`, the plural
    object type (`TABLES`) of the objects in it."""

    kind: str
    target: str
    objects: str = ""
    bulk: str = ""


def grant_scope(get: Callable[[str], Any]) -> GrantScope:
    """The scope of a privilege grant, its inputs read through `get` (in this order, only
    as far as needed: a reader may stop on an unknown value); an empty kind: none of the
    known shapes."""
    schema: Any
    objects: Any
    obj: Any
    if get("onAccount"):
        return GrantScope("ACCOUNT", "")
    if is_set(on := get("onDatabase")):
        return GrantScope("DATABASE", ident(on))
    if is_set(obj := get("onAccountObject")):
        return GrantScope(str(obj.get("objectType", "")).upper(), ident(obj.get("objectName", "")))
    if is_set(schema := get("onSchema")):
        if is_set(one := schema.get("schemaName")):
            return GrantScope("SCHEMA", ident(one))
        for bulk in ("all", "future"):
            if is_set(database := schema.get(f"{bulk}SchemasInDatabase")):
                return GrantScope("DATABASE", ident(database), "SCHEMAS", bulk)
        return GrantScope("DATABASE", "")
    if is_set(objects := get("onSchemaObject")):
        for bulk in ("all", "future"):
            if is_set(scope := objects.get(bulk)):
                plural = str(scope.get("objectTypePlural", "")).upper()
                if is_set(scope.get("inSchema")):
                    return GrantScope("SCHEMA", ident(scope["inSchema"]), plural, bulk)
                return GrantScope("DATABASE", ident(scope.get("inDatabase", "")), plural, bulk)
        kind = str(objects.get("objectType", "")).upper()
        return GrantScope(kind, ident(objects.get("objectName", "")))
    return GrantScope("", "")
