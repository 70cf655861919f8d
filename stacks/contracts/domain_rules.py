"""A contract against its domain: where it says the data lives, what it names, its PII.

Pure functions of the contract and the domain's facts as plain values (`DomainFacts`),
so the domain loader calls them with what it has resolved and tests call them with
literals. Each returns `Problem`s located in the contract file:
- `server_problems`: every server is `glue` with `database` one of the domain's zones or
  `snowflake` with `schema` one of its schemas (`environment`, when set, is dev, staging
  or prod); a contract names at least one;
- `dataset_problems`: every `schema[].physicalName` is a table the platform provisions
  at each server's place (`datasets.ingest_datasets`);
- `classification_problems`: a column's `classification` is one of the platform's
  classifications or PII categories and does not contradict the domain: nothing above
  the domain's `data_classification`; PII only in a dataset whose schema has a
  `pii_category`, and then that category; in such a dataset no column claims to be
  less than PII, since the schema's tag masks every column of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from open_data_contract_standard.model import OpenDataContractStandard, SchemaObject

from policies.rules.facts.classifications import CLASSIFICATIONS
from stacks.contracts.datasets import GLUE, SNOWFLAKE, Dataset
from stacks.model import Problem

ENVIRONMENTS = ("dev", "staging", "prod")
PII = "pii"


@dataclass(frozen=True)
class DomainFacts:
    """What a domain's contracts are checked against.

    Attributes:
        name: The domain's name.
        data_classification: Its classification (public, internal, confidential, pii).
        zones: The lake zones it has (a glue server's `database`).
        schemas: Its Snowflake schemas, each with its PII category or None.
        datasets: The tables the platform provisions for it.
        pii_categories: The stack's PII categories (`email`, `phone`, ...).
    """

    name: str
    data_classification: str
    zones: tuple[str, ...]
    schemas: Mapping[str, str | None]
    datasets: tuple[Dataset, ...]
    pii_categories: tuple[str, ...]


def contract_problems(contract: OpenDataContractStandard, domain: DomainFacts) -> list[Problem]:
    """Every way `contract` contradicts `domain`."""
    return (
        server_problems(contract, domain)
        + dataset_problems(contract, domain)
        + classification_problems(contract, domain)
    )


def server_problems(contract: OpenDataContractStandard, domain: DomainFacts) -> list[Problem]:
    """Servers of other types, unknown zones or schemas, unknown environments."""
    servers = contract.servers or []
    if not servers:
        return [Problem(("servers",), _WHERE.format(domain=domain.name))]
    problems = []
    for index, server in enumerate(servers):
        loc: tuple[str | int, ...] = ("servers", index)
        if server.type == GLUE:
            if server.database not in domain.zones:
                allowed = ", ".join(domain.zones)
                message = f"zone {server.database} is not one of domain {domain.name}'s: {allowed}"
                problems.append(Problem((*loc, "database"), message))
        elif server.type == SNOWFLAKE:
            if server.schema_ not in domain.schemas:
                allowed = ", ".join(domain.schemas)
                message = f"schema {server.schema_} is not one of domain {domain.name}'s: {allowed}"
                problems.append(Problem((*loc, "schema"), message))
        else:
            message = f"allowed: glue (a lake zone), snowflake (a schema); got {server.type}"
            problems.append(Problem((*loc, "type"), message))
        if server.environment is not None and server.environment not in ENVIRONMENTS:
            message = f"allowed: {', '.join(ENVIRONMENTS)} (got {server.environment})"
            problems.append(Problem((*loc, "environment"), message))
    return problems


_WHERE = (
    "required: where the data lives, a `glue` server (database: a zone of domain {domain}) "
    "or a `snowflake` server (schema: one of its schemas)"
)


def dataset_problems(contract: OpenDataContractStandard, domain: DomainFacts) -> list[Problem]:
    """Each `physicalName` that names no provisioned table at one of the servers."""
    problems = []
    for index, obj in enumerate(contract.schema_ or []):
        if not obj.physicalName:
            continue
        for server_type, location in _places(contract):
            known = domain.zones if server_type == GLUE else tuple(domain.schemas)
            if location not in known:
                continue  # the server's own problem
            if _dataset(domain, server_type, location, obj.physicalName) is not None:
                continue
            there = [
                d for d in domain.datasets if (d.server_type, d.location) == (server_type, location)
            ]
            offered = ", ".join(f"{d.table} ({d.origin})" for d in there) or "none"
            kind = "zone" if server_type == GLUE else "schema"
            message = (
                f"{obj.physicalName} is not a table the platform provisions in {kind} "
                f"{location} of domain {domain.name}; provisioned there: {offered}"
            )
            problems.append(Problem(("schema", index, "physicalName"), message))
    return problems


def classification_problems(
    contract: OpenDataContractStandard, domain: DomainFacts
) -> list[Problem]:
    """Classifications the platform does not know, or that contradict the domain."""
    allowed = (*CLASSIFICATIONS, *domain.pii_categories)
    problems = []
    for index, obj in enumerate(contract.schema_ or []):
        categories = _categories(contract, obj, domain)
        for p_index, prop in enumerate(obj.properties or []):
            value = prop.classification
            if value is None:
                continue
            loc = ("schema", index, "properties", p_index, "classification")
            if value not in allowed:
                problems.append(Problem(loc, f"allowed: {', '.join(allowed)} (got {value})"))
                continue
            message = _contradiction(value, domain, categories)
            if message:
                problems.append(Problem(loc, message))
    return problems


def _contradiction(value: str, domain: DomainFacts, categories: set[str | None]) -> str | None:
    level = PII if value not in CLASSIFICATIONS else value
    ceiling = domain.data_classification
    if _rank(level) > _rank(ceiling):
        return f"{value} is above domain {domain.name}'s data_classification ({ceiling})"
    masked = {c for c in categories if c}
    if level == PII and None in categories:
        return (
            f"{value} data in a schema without a pii_category is stored in clear; "
            f"give the schema a pii_category in domain {domain.name}"
        )
    if value not in CLASSIFICATIONS and masked and value not in masked:
        return f"the schema masks its columns as {', '.join(sorted(masked))}; got {value}"
    if masked and level != PII:
        category = ", ".join(sorted(masked))
        return f"the schema tags every column as {category} PII; classify it pii or {category}"
    return None


def _rank(classification: str) -> int:
    return CLASSIFICATIONS.index(classification)


def _places(contract: OpenDataContractStandard) -> list[tuple[str, str]]:
    """(server type, zone or schema) of each glue or snowflake server, once each."""
    places = []
    for server in contract.servers or []:
        if server.type == GLUE and server.database:
            places.append((GLUE, server.database))
        elif server.type == SNOWFLAKE and server.schema_:
            places.append((SNOWFLAKE, server.schema_))
    return list(dict.fromkeys(places))


def _dataset(domain: DomainFacts, server_type: str, location: str, name: str) -> Dataset | None:
    return next(
        (
            d
            for d in domain.datasets
            if d.server_type == server_type and d.location == location and d.named(name)
        ),
        None,
    )


def _categories(
    contract: OpenDataContractStandard, obj: SchemaObject, domain: DomainFacts
) -> set[str | None]:
    """The PII categories of the schemas the object's data lands in (None: no category)."""
    found: set[str | None] = set()
    for server_type, location in _places(contract):
        dataset = _dataset(domain, server_type, location, obj.physicalName or "")
        if dataset is not None:
            found.add(domain.schemas.get(dataset.schema))
    return found
