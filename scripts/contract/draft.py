"""A draft ODCS contract from a sample's columns and types (`dataplat contract new`).

The draft is valid ODCS (the loader reads it) and says only what the sample shows: each
column's name, its ODCS logical type (`logical_types.duckdb_logical_type`) and its
DuckDB type as `physicalType`. Where the data lives, what is required or unique, the
row count and freshness are the engineer's decisions; the header comment lists them.
"""

from __future__ import annotations

import re

import yaml

from stacks.contracts.logical_types import duckdb_logical_type

HEADER = """\
# Draft data contract (ODCS v3) written by `dataplat contract new` from {sample}.
# Complete it before use (docs/design/contracts.md):
#   - servers: a `glue` server (database: a zone of the domain) or a `snowflake` one
#     (schema: one of its schemas); physicalName: the table the platform provisions;
#   - per column: required, unique, primaryKey, classification, quality;
#   - a rowCount quality entry and a freshness slaProperty.
# Then `dataplat contract test <this file> --sample <file>`.
"""


def draft_contract(sample: str, table: str, columns: list[tuple[str, str]]) -> str:
    """The draft's YAML text for a sample named `sample` with these (name, type) columns."""
    slug = re.sub(r"[^a-z0-9_]+", "_", table.lower()).strip("_") or "dataset"
    document = {
        "apiVersion": "v3.0.2",
        "kind": "DataContract",
        "id": f"urn:dataplatform:{slug}",
        "name": slug,
        "version": "0.1.0",
        "status": "draft",
        "schema": [
            {
                "name": slug,
                "physicalName": slug,
                "physicalType": "table",
                "properties": [
                    {
                        "name": name,
                        "logicalType": duckdb_logical_type(kind),
                        "physicalType": kind.lower(),
                    }
                    for name, kind in columns
                ],
            }
        ],
    }
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return HEADER.format(sample=sample) + body
