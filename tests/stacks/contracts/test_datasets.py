"""The tables a contract may name are the ones the components create."""

from __future__ import annotations

from pathlib import Path

from components.naming import snowflake_identifier
from stacks.contracts.datasets import IngestSource, crawled_table, ingest_datasets, landing_table
from stacks.domain_file import load_domain_file

DOMAINS = Path(__file__).resolve().parents[3] / "stacks" / "domains"


def test_the_landing_table_is_named_as_the_ingest_component_names_it() -> None:
    """components/domain/data_domain.py keys a source `<domain>_<source>`; snowflake_ingest.py
    names its table snowflake_identifier(key, "LANDING"). The two must not drift."""
    for path in sorted(DOMAINS.glob("*.yaml")):
        spec = load_domain_file(path)
        for source in spec.ingest_sources:
            component = snowflake_identifier(f"{spec.name}_{source.name}", "LANDING")
            assert landing_table(spec.name, source.name) == component, f"{path}: {source.name}"


def test_the_crawled_table_is_the_prefixs_last_folder_in_lowercase() -> None:
    assert crawled_table("hubspot/") == "hubspot"
    assert crawled_table("exports/HubSpot/") == "hubspot"


def test_an_ingest_source_provisions_a_lake_and_a_warehouse_table() -> None:
    found = ingest_datasets("marketing", [IngestSource("hubspot", "raw", "hubspot/", "contacts")])
    assert [(d.server_type, d.location, d.table) for d in found] == [
        ("glue", "raw", "hubspot"),
        ("snowflake", "contacts", "MARKETING_HUBSPOT_LANDING"),
    ]
    assert found[1].named("marketing_hubspot_landing")
    assert not found[0].named("HUBSPOT")
