"""Which of a domain's contracts apply to a stack, and which ingest sources lack one.

A contract's `servers` say where its datasets live, each optionally for one
`environment` (dev, staging or prod); a server without one applies to every
environment. A contract applies to a stack when one of its servers does; the others
are kept out of the stack's plan (a prod-only contract adds nothing to dev).

Issue 19: "Every ingest source of a `pii` domain has a contract. This is enforced at
the config edge": a source has a contract when an applying server of a contract names
one of the tables the source produces (its crawled lake table or its landing table).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from open_data_contract_standard.model import OpenDataContractStandard, Server

from stacks.contracts.datasets import Dataset, IngestSource, ingest_datasets
from stacks.contracts.loader import LoadedContract
from stacks.domain_spec import DomainSpec
from stacks.model import Problem

PII = "pii"


def server_applies(server: Server, environment: str) -> bool:
    """True if `server` is for `environment` (or for every environment)."""
    return server.environment is None or server.environment == environment


def applying_servers(contract: OpenDataContractStandard, environment: str) -> list[Server]:
    """The contract's servers that apply to `environment`, in contract order."""
    return [s for s in contract.servers or [] if server_applies(s, environment)]


def for_environment(
    contracts: Iterable[LoadedContract], environment: str
) -> tuple[LoadedContract, ...]:
    """The contracts with at least one server applying to `environment`."""
    return tuple(c for c in contracts if applying_servers(c.contract, environment))


def covered_datasets(
    contract: OpenDataContractStandard, datasets: Sequence[Dataset], environment: str
) -> list[Dataset]:
    """The provisioned datasets the contract checks in `environment`: those of its
    `schema[].physicalName` at a location one of its applying servers names."""
    names = [obj.physicalName for obj in contract.schema_ or [] if obj.physicalName]
    found: list[Dataset] = []
    for server in applying_servers(contract, environment):
        location = server.database if server.type == "glue" else server.schema_
        for dataset in datasets:
            if (
                dataset.server_type == server.type
                and dataset.location == location
                and any(dataset.named(n) for n in names)
                and dataset not in found
            ):
                found.append(dataset)
    return found


def uncontracted_pii_sources(
    spec: DomainSpec, contracts: Sequence[LoadedContract], environment: str
) -> list[Problem]:
    """Each ingest source of a `pii` domain that no applying contract covers."""
    if spec.data_classification != PII:
        return []
    problems = []
    for index, source in enumerate(spec.ingest_sources):
        produced = ingest_datasets(
            spec.name, [IngestSource(source.name, source.zone, source.prefix, source.schema_)]
        )
        if not any(covered_datasets(c.contract, produced, environment) for c in contracts):
            tables = " or ".join(f"{d.location}.{d.table}" for d in produced)
            problems.append(
                Problem(
                    ("ingest_sources", index, "name"),
                    f"ingest source [{source.name}] of a pii domain needs a data contract "
                    f"for {environment}: add stacks/domains/{spec.name}/contracts/<name>.yaml "
                    f"whose schema names {tables} (docs/design/contracts.md)",
                )
            )
    return problems
