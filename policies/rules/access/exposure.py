"""Can anyone outside the account get in? A resource policy judged by the requests it admits.

For each Allow statement that can name an outsider (`*`, `{"AWS": "*"}`, `NotPrincipal`, a
well-known web identity provider), the outsiders of `outsiders.py` send the statement's own
actions on its own resources through the project's one evaluator (preflight/iam_evaluation.py),
with the whole document, so Deny statements count. Keys AWS sets hold the outsider's real
values; keys the caller controls (facts/condition_keys.py) take every value that might satisfy
a condition of the document (each policy value, a wildcard filled in, a CIDR's first address,
both booleans, a value no statement names, or no value at all), all combinations tried, so a
condition that narrows nothing (`aws:SecureTransport: true`, `aws:SourceIp: 0.0.0.0/0`) lets
the outsider through and one that narrows (a Deny unless the request is TLS) is honoured.
Keys nobody classified are absent from an outsider's request (the conservative reading).
"""

from __future__ import annotations

import ipaddress
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..aws.iam_documents import statements
from ..core.values import as_list
from ..facts.condition_keys import WEB_IDENTITY_CALLER_CLAIMS, owner, web_identity_provider
from ..preflight.iam_conditions import UnsupportedCondition
from ..preflight.iam_evaluation import Document, StatementRef, evaluate
from .outsiders import (
    ANONYMOUS,
    ANOTHER_ACCOUNT,
    Outsider,
    service_for_another_account,
    web_identity,
)

# At most this many combinations of caller-chosen values per request (a document with more
# free keys than that is tried with the first combinations; none of the platform's comes close).
MAX_COMBINATIONS = 256
FRESH = "outsider-chosen"
FRESH_IP = "198.18.0.1"  # RFC 2544 benchmarking range: in no allow-list by accident
PROBE = "AccessProbe"


@dataclass(frozen=True)
class Exposure:
    """An outsider that can perform `action`, and the statement that lets it in."""

    outsider: str
    action: str
    statement: StatementRef

    def __str__(self) -> str:
        return f"{self.outsider} can {self.action} ({self.statement})"


def exposures(name: str, policy: Mapping[str, Any], service: str) -> list[Exposure]:
    """One exposure per statement that lets an outsider in; `service` is the action prefix of
    the resource (`s3`, `kms`, `sts`, ...), used for `NotAction` and `*`."""
    doc = Document(name, policy, "resource")
    found: list[Exposure] = []
    allows = [s for _, s in doc.statements() if s.get("Effect") == "Allow"]
    opening = [(s, who) for s in allows if (who := _outsiders(s, service))]
    if not opening:
        return found
    choices = _choices(policy)
    for statement, who in opening:
        hit = _first_admitted(doc, statement, who, service, choices)
        if hit is not None:
            found.append(hit)
    return found


def _first_admitted(
    doc: Document,
    statement: Mapping[str, Any],
    who: list[Outsider],
    service: str,
    choices: list[tuple[str, list[str | None]]],
) -> Exposure | None:
    for outsider in who:
        for action in _samples(statement, "Action", "NotAction", f"{service}:{PROBE}"):
            for resource in _samples(statement, "Resource", "NotResource", "*"):
                for chosen in _combinations(choices):
                    try:
                        decision = evaluate(outsider.request(action, resource, chosen), [], doc)
                    except UnsupportedCondition:
                        return None  # an operator the evaluator does not model: not judged
                    if decision.allowed and decision.statement is not None:
                        return Exposure(outsider.label, action, decision.statement)
    return None


def _outsiders(statement: Mapping[str, Any], service: str) -> list[Outsider]:
    principal = statement.get("Principal")
    everyone = "NotPrincipal" in statement or principal == "*"
    if isinstance(principal, Mapping):
        everyone = everyone or "*" in [str(p) for p in as_list(principal.get("AWS"))]
    found: list[Outsider] = []
    if everyone:
        action = next(iter(_samples(statement, "Action", "NotAction", f"{service}:{PROBE}")))
        found += [ANOTHER_ACCOUNT, ANONYMOUS, service_for_another_account(action)]
    if isinstance(principal, Mapping):
        for federated in as_list(principal.get("Federated")):
            provider = web_identity_provider(str(federated))
            if provider is not None:
                found.append(web_identity(str(federated), provider))
    return found


def _samples(statement: Mapping[str, Any], key: str, not_key: str, fallback: str) -> list[str]:
    """Concrete values a statement's `key` covers (wildcards filled in); `fallback` for
    `not_key` or an absent element (the evaluator then checks what the statement excludes)."""
    if not_key in statement or key not in statement:
        return [fallback]
    values = [str(v) for v in as_list(statement[key])]
    return [fallback if v == "*" else _fill(v) for v in values] or [fallback]


def _fill(pattern: str) -> str:
    return pattern.replace("*", PROBE if ":" in pattern and pattern.endswith("*") else "x").replace(
        "?", "x"
    )


def _choices(policy: Mapping[str, Any]) -> list[tuple[str, list[str | None]]]:
    """Every caller-chosen key of the document with the values worth trying for it."""
    values: dict[str, list[str | None]] = {}
    for statement in statements(dict(policy)):
        condition = statement.get("Condition")
        if not isinstance(condition, Mapping):
            continue
        for operator, block in condition.items():
            if not isinstance(block, Mapping):
                continue
            for key, wanted in block.items():
                if not _caller_chooses(str(key)):
                    continue
                tried = values.setdefault(str(key), [None, FRESH])
                for value in _candidates(str(operator), [str(w) for w in as_list(wanted)]):
                    if value not in tried:
                        tried.append(value)
    return sorted(values.items())


def _caller_chooses(key: str) -> bool:
    if owner(key) == "caller":
        return True
    claim = key.rsplit(":", 1)[-1]
    return web_identity_provider(key.rsplit(":", 1)[0]) is not None and (
        claim in WEB_IDENTITY_CALLER_CLAIMS
    )


def _candidates(operator: str, wanted: list[str]) -> Iterator[str]:
    lowered = operator.lower()
    if "bool" in lowered:
        yield from ("true", "false")
        return
    if "ipaddress" in lowered:
        yield FRESH_IP
        for value in wanted:
            try:
                yield str(ipaddress.ip_network(value, strict=False).network_address)
            except ValueError:
                continue
        return
    for value in wanted:
        yield value.replace("*", "x").replace("?", "x")


def _combinations(choices: list[tuple[str, list[str | None]]]) -> Iterator[dict[str, str]]:
    keys = [k for k, _ in choices]
    product = itertools.product(*(v for _, v in choices))
    for values in itertools.islice(product, MAX_COMBINATIONS):
        yield {k: v for k, v in zip(keys, values, strict=True) if v is not None}
