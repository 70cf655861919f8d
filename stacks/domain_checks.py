"""The checks of domain specs: each file alone, then all of them against the stack.

`domain_problems` needs only the file (unique names, internal references, PII
classification, unmask); `check_domains` needs the stack (zones, PII categories, caps,
the platform's roles, other domains). Both return `Problem`s located by key path, which
the reader turns into lines of the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from policies.rules.facts.sns_filters import POLICIES_PER_TOPIC
from stacks.domain_spec import DomainSpec, ResolvedDomain, schema_categories
from stacks.model import Item, Problem
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS, ResolvedSnowflake
from stacks.warehouse_config import warehouse_problems
from vocabulary.domains import DOMAIN_ROLES
from vocabulary.pii import ALL_CATEGORIES
from vocabulary.s3_prefixes import key_prefix_problem

PII = "pii"


def domain_problems(spec: DomainSpec) -> list[Problem]:
    """What one domain file gets wrong on its own, each with its path."""
    return [
        *_duplicate_problems(spec),
        *_reference_problems(spec),
        *_classification_problems(spec),
        *_unmask_problems(spec),
    ]


def _duplicate_problems(spec: DomainSpec) -> list[Problem]:
    """Each repeated name, at the repeated item (the first one stands)."""
    lists: list[tuple[tuple[str | int, ...], str, Sequence[str]]] = [
        (("schemas",), "schema", [s.name for s in spec.schemas]),
        (("warehouses",), "warehouse", [w.name for w in spec.warehouses]),
        (("service_users",), "service user", [p.name for p in spec.service_users]),
        (("ingest_sources",), "ingest source", [s.name for s in spec.ingest_sources]),
        (("jobs",), "job", [j.name for j in spec.jobs]),
    ]
    lists += [
        (("environments", env, "warehouses"), "warehouse", [w.name for w in o.warehouses])
        for env, o in spec.environments.items()
        if o.warehouses is not None
    ]
    problems = [
        problem for loc, what, names in lists for problem in _repeated(loc, "name", what, names)
    ]
    return problems + _repeated(
        ("consumers",), "role", "consumer role", [c.role for c in spec.consumers]
    )


def _repeated(
    loc: tuple[str | int, ...], key: str, what: str, names: Sequence[str]
) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, name in enumerate(names):
        if name in first:
            where = f"{'.'.join(str(p) for p in loc)}[{first[name]}]"
            problems.append(
                Problem(
                    (*loc, index, key),
                    f"repeated {what} [{name}] (first at {where}); each {what} is listed once",
                )
            )
        first.setdefault(name, index)
    return problems


def _reference_problems(spec: DomainSpec) -> list[Problem]:
    schemas = sorted({s.name for s in spec.schemas})
    warehouses = sorted({w.name for w in spec.warehouses})
    problems = [
        Problem(
            ("service_users", Item(p.name), "warehouse"),
            f"unknown warehouse [{p.warehouse}]; known: {', '.join(warehouses)}",
        )
        for p in spec.service_users
        if p.warehouse not in warehouses
    ]
    for s in spec.ingest_sources:
        where = ("ingest_sources", Item(s.name))
        if too_long := key_prefix_problem(spec.prefix(s.prefix)):
            problems.append(Problem((*where, "prefix"), too_long))
        if s.schema_ not in schemas:
            problems.append(
                Problem(
                    (*where, "schema"),
                    f"unknown schema [{s.schema_}]; known: {', '.join(schemas)}",
                )
            )
        if s.zone not in spec.zones:
            problems.append(
                Problem(
                    (*where, "zone"),
                    f"[{s.zone}] is not among the domain's zones; allowed: {', '.join(spec.zones)}",
                )
            )
    problems += [
        Problem(
            ("jobs", Item(j.name), key),
            f"[{zone}] is not among the domain's zones; allowed: {', '.join(spec.zones)}",
        )
        for j in spec.jobs
        for key, zone in (("source_zone", j.source_zone), ("target_zone", j.target_zone))
        if zone not in spec.zones
    ]
    problems += [
        Problem(
            ("consumers", Item(c.role, key="role"), "schemas"),
            f"unknown schema [{schema}]; known: {', '.join(schemas)}",
        )
        for c in spec.consumers
        for schema in c.schemas
        if schema not in schemas
    ]
    return problems


def _classification_problems(spec: DomainSpec) -> list[Problem]:
    """A `pii_category` only in a pii domain (it would hold PII under a weaker tag)."""
    if spec.data_classification == PII:
        return []
    return [
        Problem(
            ("schemas", Item(s.name), "pii_category"),
            f"a schema with a pii_category holds PII, but data_classification is "
            f"{spec.data_classification}; set data_classification: pii, or remove pii_category",
        )
        for s in spec.schemas
        if s.pii_category is not None
    ]


def _unmask_problems(spec: DomainSpec) -> list[Problem]:
    """A role may unmask only categories of the domain's own schemas (or `*`)."""
    own = schema_categories(spec)
    allowed = (
        f"allowed: {', '.join(own)}, or * for all of them"
        if own
        else "no schema of the domain has a pii_category, so there is nothing to unmask"
    )
    return [
        Problem(
            ("unmask", role, index),
            f"[{category}] is not a category of the domain's schemas; {allowed}",
        )
        for role in DOMAIN_ROLES
        for index, category in enumerate(getattr(spec.unmask, role))
        if category not in own and not (category == ALL_CATEGORIES and own)
    ]


def check_domains(
    domains: list[ResolvedDomain],
    *,
    environment: str,
    zones: tuple[str, ...],
    snowflake: ResolvedSnowflake | None,
) -> dict[str, list[Problem]]:
    """Problems of each domain (by name) with what it refers to outside its file."""
    by_name = {d.name: d for d in domains}
    caps = SNOWFLAKE_ENVIRONMENT_DEFAULTS[environment]
    problems: dict[str, list[Problem]] = {}
    filtered = 0  # the domains' filtered subscriptions of the one alerts topic, so far
    for domain in domains:
        spec = domain.spec
        found = []
        filtered += len(spec.alert_endpoints())
        if filtered > POLICIES_PER_TOPIC:
            found.append(_filter_quota_problem(spec, filtered))
        if snowflake is None:
            found.append(
                Problem(("name",), "the platform has no `snowflake` section; domains need one")
            )
        found += [
            Problem(("zones", index), f"unknown zone [{zone}]; lake zones: {', '.join(zones)}")
            for index, zone in enumerate(spec.zones)
            if zone not in zones
        ]
        if snowflake is not None:
            found += _category_problems(spec, snowflake.pii_categories)
            found += _consumer_problems(domain, by_name, snowflake)
        for w in domain.warehouses:
            found += [
                p.under(*domain.warehouses_loc, Item(w.name))
                for p in warehouse_problems(w, caps, environment)
            ]
        if found:
            problems[domain.name] = found
    return problems


def _filter_quota_problem(spec: DomainSpec, count: int) -> Problem:
    """The domain whose subscriptions pass SNS's default quota of filter policies per topic."""
    where = ("alert_subscriptions",) if spec.model_fields_set & {"alert_subscriptions"} else ()
    return Problem(
        where or ("owner",),
        f"the domains' alert subscriptions reach {count} filter policies on the stack's alerts "
        f"topic, past SNS's default quota of {POLICIES_PER_TOPIC} per topic: request an increase "
        "(Service Quotas, Amazon SNS) and raise POLICIES_PER_TOPIC in "
        "policies/rules/facts/sns_filters.py, or share one HTTPS endpoint per team "
        "(docs/design/alert-routing.md)",
    )


def _category_problems(spec: DomainSpec, categories: tuple[str, ...]) -> list[Problem]:
    allowed = f"allowed: {', '.join(categories)}"
    problems = [
        Problem(
            ("schemas", Item(s.name), "pii_category"),
            f"unknown category [{s.pii_category}]; {allowed}",
        )
        for s in spec.schemas
        if s.pii_category is not None and s.pii_category not in categories
    ]
    if spec.data_classification == PII and not schema_categories(spec):
        problems.append(
            Problem(
                ("schemas",),
                "a pii domain gives each schema holding PII a pii_category (at least one; "
                f"so it is tagged and masked); {allowed}",
            )
        )
    return problems


def _consumer_problems(
    domain: ResolvedDomain, domains: dict[str, ResolvedDomain], snowflake: ResolvedSnowflake
) -> list[Problem]:
    platform_roles = tuple(r.name for r in snowflake.functional_roles)
    categories = {s.name: s.pii_category for s in domain.spec.schemas}
    problems = []
    for consumer in domain.spec.consumers:
        owner, _, role = consumer.role.partition(".")
        where = ("consumers", Item(consumer.role, key="role"), "role")
        if role and owner not in domains:
            problems.append(
                Problem(where, f"unknown domain [{owner}]; domains: {', '.join(sorted(domains))}")
            )
        elif not role and consumer.role not in platform_roles:
            problems.append(
                Problem(
                    where,
                    f"unknown role [{consumer.role}]; platform roles: "
                    f"{', '.join(platform_roles)}; or <domain>.engineer / <domain>.analyst",
                )
            )
        elif role and owner != domain.name:
            # Masking is account-wide: the consumer would see these schemas in clear.
            unmasked = set(domains[owner].unmask[role])
            clear = [s for s in consumer.schemas if categories.get(s) in unmasked]
            if clear:
                problems.append(
                    Problem(
                        where,
                        f"{consumer.role} unmasks {', '.join(sorted(unmasked))} in its domain, "
                        f"so it would see {', '.join(clear)} in clear here; grant a role "
                        f"that does not unmask them, or drop the unmask in {owner}",
                    )
                )
    return problems
