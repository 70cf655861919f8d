"""The domain loader loads each domain's contracts: per environment, all problems at once,
and a pii domain's ingest sources each need one (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.cli import main
from stacks.domain_file import DomainErrors, load_domains
from stacks.stack_file import load_stack_file
from tests.test_self_service_guard import copy_of_the_project

STACKS = Path(__file__).resolve().parents[3] / "stacks"
DOMAIN = (STACKS / "domains" / "marketing.yaml").read_text()
CONTRACT = (STACKS / "domains" / "marketing" / "contracts" / "contacts.yaml").read_text()


@pytest.fixture(scope="module")
def platforms():
    return {s: load_stack_file(STACKS / f"Pulumi.{s}.yaml").platform for s in ("dev", "prod")}


def _domain(tmp_path: Path, contract: str | None = CONTRACT, text: str = DOMAIN) -> Path:
    (tmp_path / "marketing.yaml").write_text(text)
    if contract is not None:
        folder = tmp_path / "marketing" / "contracts"
        folder.mkdir(parents=True)
        (folder / "contacts.yaml").write_text(contract)
    return tmp_path


def test_the_example_domain_carries_its_contract_in_every_stack():
    for stack in ("dev", "staging", "prod"):
        platform = load_stack_file(STACKS / f"Pulumi.{stack}.yaml").platform
        (domain,) = [d for d in load_domains(STACKS / "domains", platform) if d.name == "marketing"]
        ids = [c.contract.id for c in domain.contracts]
        # The lake contract has a server per environment; the landing table's, prod's only.
        landing = ["urn:dataplatform:marketing:hubspot-landing"] if stack == "prod" else []
        assert ids == ["urn:dataplatform:marketing:contacts", *landing]


def test_a_contract_whose_servers_are_for_another_environment_is_left_out(tmp_path, platforms):
    prod_only = CONTRACT.replace("environment: dev,", "environment: prod,").replace(
        "environment: staging,", "environment: prod,"
    )
    # A prod-only contract leaves dev's pii source uncovered: the confidential variant shows
    # the filtering alone.
    text = DOMAIN.replace("data_classification: pii", "data_classification: confidential")
    text = text.replace("{name: contacts, pii_category: email}", "{name: contacts}")
    text = text.replace("unmask:\n  engineer: [email]\n", "")
    contract = prod_only.replace("        classification: email\n", "")
    _domain(tmp_path, contract, text)
    (dev,) = load_domains(tmp_path, platforms["dev"])
    (prod,) = load_domains(tmp_path, platforms["prod"])
    assert dev.contracts == ()
    assert [c.contract.id for c in prod.contracts] == ["urn:dataplatform:marketing:contacts"]


def test_a_pii_source_without_a_contract_is_refused_with_its_line(tmp_path, platforms):
    _domain(tmp_path, contract=None)
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, platforms["dev"])
    (error,) = caught.value.errors
    assert error.source.endswith("marketing.yaml")
    (issue,) = error.issues
    line = DOMAIN.splitlines().index(
        "  - {name: hubspot, zone: raw, prefix: hubspot/, schema: contacts, file_format: JSON}"
    )
    assert issue.line == line + 1
    assert "ingest source [hubspot] of a pii domain needs a data contract for dev" in issue.message
    assert "raw.hubspot or contacts.MARKETING_HUBSPOT_LANDING" in issue.message


def test_a_bad_contract_is_reported_with_its_file_and_line_beside_other_files(tmp_path, platforms):
    bad = CONTRACT.replace("database: raw}", "database: curated}", 1)
    _domain(tmp_path, bad)
    (tmp_path / "sales.yaml").write_text(DOMAIN.replace("\nname: marketing", "\nname: sales"))
    with pytest.raises(DomainErrors) as caught:
        load_domains(tmp_path, platforms["dev"])
    sources = sorted(Path(e.source).name for e in caught.value.errors)
    # Both problems at once: marketing's contract, and sales' missing one.
    assert sources == ["contacts.yaml", "sales.yaml"]
    contract_error = next(e for e in caught.value.errors if e.source.endswith("contacts.yaml"))
    assert contract_error.kind == "data contract"
    assert all(i.line for i in contract_error.issues)


def test_validate_reports_a_contract_problem_with_its_file_and_line(tmp_path, capsys):
    project = copy_of_the_project(tmp_path)
    contract = project / "stacks" / "domains" / "marketing" / "contracts" / "contacts.yaml"
    contract.write_text(CONTRACT.replace("physicalName: hubspot", "physicalName: nothing"))
    assert main(["-C", str(project), "validate", "--stack", "dev"]) == 2
    err = capsys.readouterr().err
    line = CONTRACT.splitlines().index("    physicalName: hubspot") + 1
    assert "contacts.yaml" in err and f"line {line}" in err, err
