"""Snowflake identifiers and types, compared the way Snowflake compares them."""

from __future__ import annotations

from typing import Any

from ..core.view import ResourceView

ADMIN_ROLES = ("ACCOUNTADMIN", "SECURITYADMIN", "ORGADMIN")
USERS = (
    "snowflake:index/serviceUser:ServiceUser",
    "snowflake:index/legacyServiceUser:LegacyServiceUser",
    "snowflake:index/user:User",
)
SERVICE_USER_TYPES = ("SERVICE", "LEGACY_SERVICE")
WAREHOUSE = "snowflake:index/warehouse:Warehouse"
INTEGRATIONS = (
    "snowflake:index/storageIntegration:StorageIntegration",
    "snowflake:index/storageIntegrationAws:StorageIntegrationAws",
    "snowflake:index/storageIntegrationAzure:StorageIntegrationAzure",
    "snowflake:index/storageIntegrationGcs:StorageIntegrationGcs",
)
EXTERNAL_STAGES = (
    "snowflake:index/stage:Stage",
    "snowflake:index/stageExternalS3:StageExternalS3",
    "snowflake:index/stageExternalS3Compatible:StageExternalS3Compatible",
    "snowflake:index/stageExternalAzure:StageExternalAzure",
    "snowflake:index/stageExternalGcs:StageExternalGcs",
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
    if type_ != "snowflake:index/user:User":
        return True
    return ident(user_type or "") in SERVICE_USER_TYPES
