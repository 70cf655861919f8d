"""A contract against its domain: servers, provisioned datasets, classifications."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stacks.contracts.datasets import IngestSource, ingest_datasets
from stacks.contracts.domain_contracts import (
    ContractErrors,
    contracts_dir,
    domain_facts,
    load_domain_contracts,
)
from stacks.contracts.domain_rules import DomainFacts, contract_problems
from stacks.domain_file import load_domain_file
from tests.stacks.contracts.contract_texts import BASE, document, model, text, with_properties
from vocabulary.pii import DEFAULT_PII_CATEGORIES

DOMAINS = Path(__file__).resolve().parents[3] / "stacks" / "domains"
FACTS = DomainFacts(
    name="marketing",
    data_classification="pii",
    zones=("raw", "curated"),
    schemas={"campaigns": None, "contacts": "email"},
    datasets=ingest_datasets(
        "marketing",
        [
            IngestSource("hubspot", "raw", "hubspot/", "contacts"),
            IngestSource("ads", "raw", "ads/", "campaigns"),
        ],
    ),
    pii_categories=DEFAULT_PII_CATEGORIES,
)
GLUE = {"server": "lake", "type": "glue", "account": "123456789012", "database": "raw"}


def _problems(raw: dict[str, Any], facts: DomainFacts = FACTS) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in contract_problems(model(raw), facts)]


def test_the_repository_contracts_agree_with_their_domains() -> None:
    for path in sorted(DOMAINS.glob("*.yaml")):
        spec = load_domain_file(path)
        directory = contracts_dir(DOMAINS, spec.name)
        for loaded in load_domain_contracts(directory, domain_facts(spec, DEFAULT_PII_CATEGORIES)):
            assert loaded.checks, loaded.source


def test_the_base_contract_agrees_with_the_domain() -> None:
    assert _problems(BASE) == []


def test_an_unknown_zone_is_named_with_the_domains_zones() -> None:
    [(path, message)] = _problems(document(servers=[{**GLUE, "database": "staged"}]))
    assert path == "servers[0].database"
    assert "zone staged" in message and "raw, curated" in message


def test_an_unknown_schema_is_named_with_the_domains_schemas() -> None:
    server = {"server": "w", "type": "snowflake", "account": "a", "database": "d", "schema": "x"}
    problems = _problems(document(servers=[server]))
    assert (
        "servers[0].schema",
        "schema x is not one of domain marketing's: campaigns, contacts",
    ) in problems


def test_a_server_of_another_type_is_refused() -> None:
    server = {
        "server": "pg",
        "type": "postgres",
        "host": "h",
        "port": 5432,
        "database": "d",
        "schema": "s",
    }
    assert [p for p, _ in _problems(document(servers=[server]))] == ["servers[0].type", "servers"][
        :1
    ]


def test_an_unknown_environment_is_refused() -> None:
    [(path, message)] = _problems(document(servers=[{**GLUE, "environment": "qa"}]))
    assert path == "servers[0].environment" and "dev, staging, prod" in message


def test_a_contract_without_servers_is_refused() -> None:
    raw = document()
    del raw["servers"]
    [(path, message)] = _problems(raw)
    assert path == "servers" and "glue" in message


def test_a_table_the_platform_does_not_provision_is_refused_with_what_it_does() -> None:
    raw = document()
    raw["schema"][0]["physicalName"] = "hubspot_contacts"
    [(path, message)] = _problems(raw)
    assert path == "schema[0].physicalName"
    assert "hubspot (ingest source hubspot), ads (ingest source ads)" in message


def test_the_landing_table_is_a_snowflake_dataset() -> None:
    server = {
        "server": "w",
        "type": "snowflake",
        "account": "a",
        "database": "d",
        "schema": "contacts",
    }
    raw = document(servers=[server])
    raw["schema"][0]["physicalName"] = "MARKETING_HUBSPOT_LANDING"
    assert _problems(raw) == []


def _classified(value: str, physical: str = "hubspot", **facts: Any) -> list[tuple[str, str]]:
    raw = with_properties(
        {"name": "c", "logicalType": "string", "classification": value}, physicalName=physical
    )
    return _problems(raw, DomainFacts(**{**FACTS.__dict__, **facts}))


@pytest.mark.parametrize(
    ("value", "physical", "facts", "words"),
    [
        ("secret", "hubspot", {}, "allowed: public, internal, confidential, pii, email"),
        ("confidential", "ads", {"data_classification": "internal"}, "above domain marketing"),
        ("email", "ads", {}, "without a pii_category"),
        ("phone", "hubspot", {}, "masks its columns as email; got phone"),
        ("public", "hubspot", {}, "classify it pii or email"),
    ],
)
def test_a_classification_contradicting_the_domain_is_refused(
    value: str, physical: str, facts: dict[str, Any], words: str
) -> None:
    [(path, message)] = _classified(value, physical, **facts)
    assert path == "schema[0].properties[0].classification"
    assert words in message


@pytest.mark.parametrize(
    ("value", "physical"), [("email", "hubspot"), ("pii", "hubspot"), ("internal", "ads")]
)
def test_a_classification_the_domain_supports_passes(value: str, physical: str) -> None:
    assert _classified(value, physical) == []


def test_the_domain_loader_reports_every_bad_file_with_its_lines(tmp_path: Path) -> None:
    bad = document(servers=[{**GLUE, "database": "staged"}])
    (tmp_path / "a.yaml").write_text(text(bad), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("kind: [", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(text(BASE), encoding="utf-8")
    with pytest.raises(ContractErrors) as caught:
        load_domain_contracts(tmp_path, FACTS)
    assert [Path(e.source).name for e in caught.value.errors] == ["a.yaml", "b.yaml"]
    [issue] = caught.value.errors[0].issues
    assert issue.path == "servers[0].database" and issue.line is not None
