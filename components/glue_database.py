"""A Glue Data Catalog database, made the same way for lake zones and data domains."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from components.protection import Protection


def catalog_database(
    name: str,
    *,
    database: str,
    description: str,
    tags: Mapping[str, str],
    protection: Protection,
    parent: pulumi.Resource,
    location_uri: str | None = None,
) -> aws.glue.CatalogDatabase:
    """A catalog database, protected like every stateful resource of its parent.

    Args:
        name: The logical name.
        database: The physical name (from `Naming.glue_database`).
        description: What its tables are.
        tags: The mandatory tags.
        protection: Deletion safeguards (catalog databases hold table definitions).
        parent: The component that owns it.
        location_uri: The S3 location its tables live under. Defaults to None.
    """
    return aws.glue.CatalogDatabase(
        name,
        name=database,
        description=description,
        location_uri=location_uri,
        tags=dict(tags),
        opts=protection.options(parent),
    )
