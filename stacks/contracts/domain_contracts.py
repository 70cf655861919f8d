"""A domain's contracts (`stacks/domains/<domain>/contracts/*.yaml`), loaded and checked.

The entry point for the domain loader: `domain_facts` turns a validated `DomainSpec` and
the stack's PII categories into the plain values the contract rules need, and
`load_domain_contracts` reads every contract of the domain, checks each on its own and
against the domain, and reports every file's problems at once (`ContractErrors`), as the
domain files' own errors are reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stacks.contracts.datasets import IngestSource, ingest_datasets
from stacks.contracts.domain_rules import DomainFacts, contract_problems
from stacks.contracts.loader import LoadedContract, read_contract
from stacks.domain_spec import DomainSpec
from stacks.input_files import project_of
from stacks.stack_file import ConfigError

CONTRACTS_DIR = "contracts"


@dataclass
class ContractErrors(Exception):
    """Problems in one or more contract files, each file's reported together."""

    errors: list[ConfigError]

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def contracts_dir(domains_dir: Path, domain: str) -> Path:
    """Where a domain's contracts sit: beside its file, `<domains>/<domain>/contracts/`."""
    return domains_dir / domain / CONTRACTS_DIR


def domain_facts(spec: DomainSpec, pii_categories: Sequence[str]) -> DomainFacts:
    """What the domain's contracts are checked against, from its validated spec."""
    sources = [IngestSource(s.name, s.zone, s.prefix, s.schema_) for s in spec.ingest_sources]
    return DomainFacts(
        name=spec.name,
        data_classification=spec.data_classification,
        zones=tuple(spec.zones),
        schemas={s.name: s.pii_category for s in spec.schemas},
        datasets=ingest_datasets(spec.name, sources),
        pii_categories=tuple(pii_categories),
    )


def load_domain_contracts(directory: Path, facts: DomainFacts) -> list[LoadedContract]:
    """Every contract in `directory` ([] without it), valid and agreeing with the domain.

    Raises ContractErrors listing every file with a problem, in path order.
    """
    if not directory.is_dir():
        return []
    loaded, errors = [], []
    for path in sorted(directory.glob("*.yaml")):
        try:
            contract = read_contract(path, inside=project_of(path))
        except ConfigError as exc:
            errors.append(exc)
            continue
        problems = contract_problems(contract.contract, facts)
        if problems:
            errors.append(contract.error(problems))
        else:
            loaded.append(contract)
    if errors:
        raise ContractErrors(errors)
    return loaded
