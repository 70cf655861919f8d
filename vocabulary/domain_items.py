"""Items of a domain file that the `DataDomain` component takes as they are.

A service user and an ingest source of a domain file are one type each, defined here:
`stacks.domain_spec.DomainSpec` validates the file into them, the composition root
passes them on unchanged, and `components.domain.data_domain.DataDomainArgs` holds
them. A new key of either is therefore one field here and the line of the component
that uses it (docs/design/configuration.md, "Add a domain key"). They live in
vocabulary/ because config and components may not import each other.

Checks that need the platform's config models (a service user's networks follow the
platform's service-user rules) are attached where the domain file's model uses these
types (`stacks.domain_spec`), so nothing here knows stacks/.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from vocabulary.config_base import Slug, StrictModel
from vocabulary.s3_prefixes import KEY_PREFIX_PATTERN, normalised_prefix


class DomainServiceUser(StrictModel):
    """A key-pair-only Snowflake service user acting as the domain's engineer role.

    Pipelines (Airflow, the domain's jobs) log in as it; its Airflow connection is stored
    in Secrets Manager. This key was called `pipelines` before (`RENAMED_KEYS`).
    """

    name: Slug
    """The service user's name; its Snowflake user and Airflow connection are named from it."""
    warehouse: Slug
    """The domain warehouse it uses."""
    allowed_ips: tuple[str, ...] = ()
    """IPv4 addresses or CIDRs it may log in from besides Airflow's NAT addresses (added
    automatically)."""


class DomainIngest(StrictModel):
    """Files under `domains/<domain>/<prefix>` of a zone, auto-ingested into a schema.

    The whole key prefix (`domains/<domain>/<prefix>`) is at most 256 bytes: S3 keys stop
    at 1,024 bytes, and the files' names need the rest (`vocabulary.s3_prefixes`).
    """

    name: Slug
    """The ingest source's name; it names the pipe and its table."""
    zone: str
    """The lake zone holding the files (one of the domain's zones)."""
    prefix: Annotated[str, Field(pattern=KEY_PREFIX_PATTERN)]
    """The key prefix under `domains/<name>/`, ending in `/`."""
    schema_: Slug = Field(alias="schema")
    """The domain schema of the landing table."""
    file_format: Literal["PARQUET", "JSON", "CSV"] = "PARQUET"
    """The files' format."""

    @field_validator("prefix")
    @classmethod
    def _normalised(cls, value: str) -> str:
        return normalised_prefix(value)
