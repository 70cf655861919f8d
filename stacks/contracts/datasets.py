"""The datasets a domain's platform resources produce: what a contract may name.

A dataset is something the platform provisions. Today that is an ingest source, which
produces two tables:
- **the landing table** in Snowflake, `<DOMAIN>_<SOURCE>_LANDING` in the source's schema
  of the domain's database (`components/integration/snowflake_ingest.py` names it
  `snowflake_identifier(key, "LANDING")` with key `<domain>_<source>`, set in
  `components/domain/data_domain.py`; identifiers are uppercase with every other character
  `_`, `components/naming.snowflake_identifier`). Its columns are the loader's:
  RECORD (VARIANT), FILE_NAME, LOADED_AT.
- **the crawled table** in the lake: the files under `domains/<domain>/<prefix>` of the
  source's zone, in the domain's Glue database of that zone. A Glue crawler whose include
  path is that prefix names the table after the prefix's last folder ("The name of the
  table is based on the Amazon S3 prefix or folder name",
  https://docs.aws.amazon.com/glue/latest/dg/crawler-s3-folder-table-partition.html),
  in lowercase ("For Hive compatibility, this must be entirely lowercase", Glue API
  `Table.Name`, https://docs.aws.amazon.com/glue/latest/webapi/API_Table.html), with no
  table prefix (the platform's crawlers set no `TablePrefix`). So `prefix: hubspot/`
  gives the table `hubspot`. How a crawler rewrites `-` or `.` in a folder name is not
  documented there; such prefixes keep the characters as they are here.

A table a domain declares itself would be a third kind (issue 19), when domains can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ServerType = Literal["glue", "snowflake"]
GLUE: ServerType = "glue"
SNOWFLAKE: ServerType = "snowflake"


@dataclass(frozen=True)
class IngestSource:
    """What an ingest source declares (`ingest_sources[]` of a domain file)."""

    name: str
    zone: str
    prefix: str
    schema: str


@dataclass(frozen=True)
class Dataset:
    """A table the platform provisions, where it lives, and where it comes from.

    Attributes:
        server_type: `glue` (a lake table) or `snowflake` (a warehouse table).
        location: The zone (glue) or the schema (snowflake) it is in.
        table: Its physical name.
        origin: What provisions it, in words (`ingest source hubspot`).
        schema: The domain schema its data lands in (whose PII category covers it).
    """

    server_type: ServerType
    location: str
    table: str
    origin: str
    schema: str

    def named(self, physical_name: str) -> bool:
        """Whether a contract's `physicalName` names this table (Snowflake's unquoted
        names are case-insensitive; Glue's are lowercase)."""
        if self.server_type == SNOWFLAKE:
            return physical_name.upper() == self.table
        return physical_name == self.table


def landing_table(domain: str, source: str) -> str:
    """The Snowflake landing table of an ingest source (`MARKETING_HUBSPOT_LANDING`)."""
    name = re.sub(r"[^A-Z0-9_]+", "_", f"{domain}_{source}_LANDING".upper()).strip("_")
    return name


def crawled_table(prefix: str) -> str:
    """The Glue table a crawler of `domains/<domain>/<prefix>` creates (`hubspot`)."""
    return prefix.strip("/").split("/")[-1].lower()


def ingest_datasets(domain: str, sources: Sequence[IngestSource]) -> tuple[Dataset, ...]:
    """The tables the domain's ingest sources produce, lake and warehouse."""
    found: list[Dataset] = []
    for source in sources:
        origin = f"ingest source {source.name}"
        found.append(
            Dataset(GLUE, source.zone, crawled_table(source.prefix), origin, source.schema)
        )
        found.append(
            Dataset(
                SNOWFLAKE,
                source.schema,
                landing_table(domain, source.name),
                origin,
                source.schema,
            )
        )
    return tuple(found)
