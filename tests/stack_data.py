"""What this repository's stack and domain files declare, read as plain YAML.

Tests over the real stacks compare a plan with these declarations instead of pinning
lists, so a new domain file, warehouse or schema changes both sides alike. They read
the files users edit (the documented format), not the config models, so a change of
the models' internals does not touch them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

STACKS = Path(__file__).resolve().parents[1] / "stacks"
DOMAINS = STACKS / "domains"


def platform(stack: str) -> dict[str, Any]:
    """The `data-platform:platform` object of `stacks/Pulumi.<stack>.yaml`."""
    data = yaml.safe_load((STACKS / f"Pulumi.{stack}.yaml").read_text(encoding="utf-8"))
    return dict(data["config"]["data-platform:platform"])


def domains() -> list[dict[str, Any]]:
    """Every domain file of `stacks/domains`, by name."""
    specs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in DOMAINS.glob("*.yaml")]
    return sorted(specs, key=lambda spec: spec["name"])


def sf_prefix(stack: str) -> str:
    """The prefix of every Snowflake name of `stack` (`ACME_DP_PROD_`)."""
    return f"{platform(stack)['name_prefix'].replace('-', '_').upper()}_{stack.upper()}_"


def declared_databases(stack: str) -> dict[str, list[dict[str, Any]]]:
    """Snowflake database name -> its declared schemas: the stack's, its zones', domains'.

    A lake zone without a declared database gets one with the schema `main`.
    """
    prefix = sf_prefix(stack)
    config = platform(stack)
    declared = {
        d["name"]: list(d.get("schemas") or [{"name": "main"}])
        for d in config.get("snowflake", {}).get("databases", ())
    }
    for zone in config["lake"]["zones"]:
        declared.setdefault(zone["name"], [{"name": "main"}])
    databases = {f"{prefix}{name.upper()}": schemas for name, schemas in declared.items()}
    for spec in domains():
        databases[f"{prefix}DOMAIN_{spec['name'].upper()}"] = list(spec["schemas"])
    return databases


def declared_warehouses(stack: str) -> set[str]:
    """The Snowflake name of every warehouse `stack` declares: its own (`PREFIX_NAME`) and
    each domain's (`PREFIX_DOMAIN_NAME`, from the domain's override for `stack`'s
    environment where it has one).

    Only for a stack that lists its warehouses: without a list the stack gets the
    defaults of stacks/snowflake_config.py, which this reader of the files does not know.
    """
    prefix = sf_prefix(stack)
    config = platform(stack)
    names = {f"{prefix}{w['name'].upper()}" for w in config["snowflake"]["warehouses"]}
    for spec in domains():
        override = (spec.get("environments") or {}).get(config["environment"]) or {}
        warehouses = override.get("warehouses")
        if warehouses is None:
            warehouses = spec.get("warehouses") or ()
        names |= {f"{prefix}{spec['name'].upper()}_{w['name'].upper()}" for w in warehouses}
    return names


def declared_connections(stack: str) -> set[str]:
    """The Airflow connection of every service user `stack` declares: the platform's users
    (`airflow_loader`) and each domain's pipelines (`marketing_loader`)."""
    config = platform(stack)
    users = {u["name"] for u in config.get("snowflake", {}).get("service_users", ())}
    for spec in domains():
        users |= {f"{spec['name']}_{p['name']}" for p in spec.get("service_users") or ()}
    return users


def declared_pii_schemas(stack: str) -> set[tuple[str, str]]:
    """(`"DATABASE"."SCHEMA"`, category) of every schema declared with a `pii_category`."""
    return {
        (f'"{database}"."{schema["name"].upper()}"', schema["pii_category"])
        for database, schemas in declared_databases(stack).items()
        for schema in schemas
        if schema.get("pii_category")
    }


def replicated_zones(stack: str) -> list[str]:
    """The zones `stack` replicates: `replicate` where a zone says it, else the environment's
    default list (the one table in stacks/config.py)."""
    from stacks.config import ENVIRONMENT_DEFAULTS

    config = platform(stack)
    defaults = ENVIRONMENT_DEFAULTS[config["environment"]].replicated_zones
    return sorted(
        zone["name"]
        for zone in config["lake"]["zones"]
        if zone.get("replicate", zone["name"] in defaults)
    )
