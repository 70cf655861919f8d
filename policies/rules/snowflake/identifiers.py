"""Snowflake identifiers and types, compared the way Snowflake compares them."""

from __future__ import annotations

from typing import Any

from ..core.view import ResourceView
from ..facts.tokens import (
    SNOWFLAKE_LEGACY_SERVICE_USER,
    SNOWFLAKE_SERVICE_USER,
    SNOWFLAKE_STAGE,
    SNOWFLAKE_STAGE_EXTERNAL_AZURE,
    SNOWFLAKE_STAGE_EXTERNAL_GCS,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_STAGE_EXTERNAL_S3_COMPATIBLE,
    SNOWFLAKE_STORAGE_INTEGRATION,
    SNOWFLAKE_STORAGE_INTEGRATION_AWS,
    SNOWFLAKE_STORAGE_INTEGRATION_AZURE,
    SNOWFLAKE_STORAGE_INTEGRATION_GCS,
    SNOWFLAKE_USER,
    SNOWFLAKE_WAREHOUSE,
)

ADMIN_ROLES = ("ACCOUNTADMIN", "SECURITYADMIN", "ORGADMIN")
USERS = (
    SNOWFLAKE_SERVICE_USER,
    SNOWFLAKE_LEGACY_SERVICE_USER,
    SNOWFLAKE_USER,
)
SERVICE_USER_TYPES = ("SERVICE", "LEGACY_SERVICE")
WAREHOUSE = SNOWFLAKE_WAREHOUSE
INTEGRATIONS = (
    SNOWFLAKE_STORAGE_INTEGRATION,
    SNOWFLAKE_STORAGE_INTEGRATION_AWS,
    SNOWFLAKE_STORAGE_INTEGRATION_AZURE,
    SNOWFLAKE_STORAGE_INTEGRATION_GCS,
)
EXTERNAL_STAGES = (
    SNOWFLAKE_STAGE,
    SNOWFLAKE_STAGE_EXTERNAL_S3,
    SNOWFLAKE_STAGE_EXTERNAL_S3_COMPATIBLE,
    SNOWFLAKE_STAGE_EXTERNAL_AZURE,
    SNOWFLAKE_STAGE_EXTERNAL_GCS,
)
# Data type families a masking policy is written for (Snowflake synonyms folded).
TYPE_FAMILIES = {
    "STRING": ("VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR"),
    "NUMBER": (
        "NUMBER",
        "NUMERIC",
        "DECIMAL",
        "INT",
        "INTEGER",
        "BIGINT",
        "SMALLINT",
        "TINYINT",
        "BYTEINT",
        "FLOAT",
        "FLOAT4",
        "FLOAT8",
        "DOUBLE",
        "REAL",
    ),
    "DATE": ("DATE",),
    "TIMESTAMP": ("TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "DATETIME"),
}


def ident(value: Any) -> str:
    """An identifier as Snowflake resolves it: quotes dropped, upper case."""
    return str(value).replace('"', "").strip().upper()


def qualified_name(view: ResourceView) -> str:
    """DATABASE.SCHEMA.NAME of a schema object, from its output or its inputs."""
    known = view.output("fullyQualifiedName")
    if isinstance(known, str) and known:
        return ident(known)
    parts = [view.get(k) for k in ("database", "schema", "name")]
    return ".".join(ident(p) for p in parts if isinstance(p, str))


def type_family(data_type: Any) -> str:
    """The family (STRING, NUMBER, DATE, TIMESTAMP, or the base type) of a data type."""
    base = ident(data_type).split("(", 1)[0].strip().replace(" ", "_")
    for family, members in TYPE_FAMILIES.items():
        if base in members:
            return family
    return base


def is_service_user(type_: str, user_type: Any) -> bool:
    """ServiceUser and LegacyServiceUser always; a User whose userType says service."""
    if type_ != SNOWFLAKE_USER:
        return True
    return ident(user_type or "") in SERVICE_USER_TYPES
