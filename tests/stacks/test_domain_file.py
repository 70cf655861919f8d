"""Domain files: validated alone and against the platform, every problem at once, by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.domain_file import DomainErrors, load_domain_file, load_domains
from stacks.domain_spec import resolve_domain
from stacks.stack_file import ConfigError, load_stack_file

STACKS = Path(__file__).resolve().parents[2] / "stacks"
GOOD = (STACKS / "domains" / "marketing.yaml").read_text()


@pytest.fixture(scope="module")
def prod():
    return load_stack_file(STACKS / "Pulumi.prod.yaml").platform


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    return path


def test_the_example_domain_loads_with_its_prod_override(prod):
    loaded = {d.name: d for d in load_domains(STACKS / "domains", prod)}
    assert sorted(loaded) == sorted(p.stem for p in (STACKS / "domains").glob("*.yaml"))
    domain = loaded["marketing"]
    assert domain.warehouses[0].size == "SMALL"
    assert resolve_domain(domain.spec, "dev").warehouses[0].size == "XSMALL"


def test_an_unknown_consumer_role_names_the_file_and_the_field(tmp_path, prod):
    _write(tmp_path, "marketing", GOOD.replace("{role: analyst,", "{role: ghost,"))
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    (error,) = caught.value.errors
    assert error.source.endswith("marketing.yaml")
    (issue,) = error.issues
    assert issue.path == "consumers[ghost].role"
    assert "unknown role [ghost]" in issue.message and "analyst" in issue.message


def test_another_domains_role_may_consume(tmp_path, prod):
    _write(tmp_path, "marketing", GOOD)
    sales = GOOD.replace("\nname: marketing", "\nname: sales").replace(
        "{role: analyst,", "{role: marketing.analyst,"
    )
    _write(tmp_path, "sales", sales)
    assert [d.name for d in load_domains(tmp_path, prod)] == ["marketing", "sales"]
    _write(tmp_path, "sales", sales.replace("marketing.analyst", "finance.analyst"))
    with pytest.raises(DomainErrors, match=r"unknown domain \[finance\]"):
        load_domains(tmp_path, prod)


def test_every_problem_of_a_file_is_reported_with_its_line(tmp_path):
    bad = (
        GOOD.replace("warehouse: marketing, allowed_ips", "warehouse: nope, allowed_ips")
        .replace("schema: contacts", "schema: leads")
        .replace("data_classification: confidential", "data_classification: secret")
    )
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", bad))
    paths = {i.path: i for i in caught.value.issues}
    assert "data_classification" in paths
    assert paths["data_classification"].line == 6


def test_cross_references_inside_a_file_are_checked(tmp_path):
    bad = GOOD.replace("warehouse: marketing, allowed_ips", "warehouse: nope, allowed_ips")
    bad = bad.replace("schema: contacts", "schema: leads")
    with pytest.raises(ConfigError) as caught:
        load_domain_file(_write(tmp_path, "marketing", bad))
    messages = {i.path: i.message for i in caught.value.issues}
    assert messages["pipelines[loader].warehouse"].startswith("unknown warehouse [nope]")
    assert messages["ingest_sources[hubspot].schema"].startswith("unknown schema [leads]")


def test_the_name_must_match_the_file(tmp_path):
    with pytest.raises(ConfigError, match=r"must equal the file name \[other\]"):
        load_domain_file(_write(tmp_path, "other", GOOD))


def test_zones_pii_categories_and_caps_are_checked_against_the_platform(tmp_path, prod):
    bad = (
        GOOD.replace("zones: [raw, curated]", "zones: [raw, gold]")
        .replace("pii_category: email", "pii_category: shoe_size")
        .replace("size: SMALL, credit_quota: 60", "size: XXLARGE, credit_quota: 60")
    )
    _write(tmp_path, "marketing", bad)
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, prod)
    paths = {i.path for i in caught.value.errors[0].issues}
    assert {
        "zones[1]",
        "schemas[contacts].pii_category",
        "environments.prod.warehouses[marketing].size",
    } <= paths
