"""What the Pulumi engine refuses and the SDK's mock monitor accepts, checked on the requests.

The mock monitor answers every RegisterResource request; the real engine first runs
the request through its resource monitor, step generator and snapshot checks
(pulumi/pulumi `pkg/resource/deploy/source_eval.go`, `step_generator.go`,
`snapshot.go`). The refusals that depend only on the program, not on the stack's
state or a provider, are re-checked here on the captured requests, in registration
order, so `dataplat plan` fails the way `pulumi up` would:

- duplicate URN, diag 2001 (`step_generator.go` `generateURN`);
- a custom resource whose type is not a `pkg:module:Type` token
  (`source_eval.go` RegisterResource, `tokens.ParseTypeToken`);
- a parent, dependency or provider reference that is not a URN (`urn.IsValid`);
- a parent never registered before its child (`checkParent`, "could not find parent
  resource");
- a dependency on a resource never registered before it (snapshot `VerifyIntegrity`,
  "refers to missing resource" / "comes after it");
- a provider reference to a resource that is not a provider (`ParseReference`, diag
  2006) or was never registered (diag 2007, `loadResourceProvider`);
- an alias naming another resource's URN, or claimed by two resources (diags 2016 and
  2008, `getOldResource`).

URNs are computed the engine's way (`deployment.generateURN`: the parent's whole
qualified type, none for children of the root stack). The SDK's mocks build them
from the parent's last type only and keep the stack's type, so two URNs the engine
keeps apart can coincide under the mocks: duplicates are judged on the engine's URN.

Not modelled: refusals that need the stack's state or a provider (alias collisions
the engine only sees when the old state holds the alias, inherited parent aliases,
provider `Check` failures, `--target`/`--plan` constraints, denied default providers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from scripts.errors import UserError
from scripts.plan.runtime import STACK_TYPE, AliasSpec, Registration

URN_PREFIX = "urn:pulumi:"
PROVIDER_MODULE = "pulumi:providers"


@dataclass(frozen=True)
class Refusal:
    """One request the engine would refuse."""

    registration: Registration
    engine_urn: str
    message: str

    def __str__(self) -> str:
        r = self.registration
        where = f" at {r.source}" if r.source else ""
        return f"{r.type} [{r.name}] ({self.engine_urn}){where}: {self.message}"


Refuse = Callable[[str], Refusal]


class EngineRefusal(UserError):
    """The program registers resources the Pulumi engine would refuse (exit code 2)."""

    def __init__(self, refusals: Sequence[Refusal]) -> None:
        self.refusals = list(refusals)
        lines = "\n".join(f"  - {r}" for r in self.refusals)
        super().__init__(
            f"the Pulumi engine would refuse {len(self.refusals)} resource registration(s) "
            f"that the mock runtime accepted:\n{lines}"
        )


def check_registrations(registrations: Sequence[Registration], reads: Sequence[str] = ()) -> None:
    """Raise EngineRefusal listing every refusal, in registration order; else return.

    `reads` are the URNs of resources the program read rather than registered (stack
    references): the engine keeps them in the snapshot, so depending on one is fine."""
    refusals = list(refusals_of(registrations, frozenset(reads)))
    if refusals:
        raise EngineRefusal(refusals)


def refusals_of(
    registrations: Sequence[Registration], reads: frozenset[str] = frozenset()
) -> Iterable[Refusal]:
    """Every refusal of the requests, in the order the engine would meet them (`reads`:
    see `check_registrations`)."""
    stack, project = _stack_and_project(registrations)
    engine_urns: list[str] = []
    seen_mock: dict[str, int] = {}  # the mocks' URN -> index of its latest registration
    by_engine_urn: dict[str, int] = {}
    for i, r in enumerate(registrations):
        parent_urn = ""
        if r.parent is not None and r.parent in seen_mock:
            parent_urn = engine_urns[seen_mock[r.parent]]
        urn = _engine_urn(stack, project, parent_urn, r.type, r.name)
        engine_urns.append(urn)
        refuse: Refuse = partial(Refusal, r, urn)
        if urn in by_engine_urn:
            first = registrations[by_engine_urn[urn]]
            also = f" (first registered at {first.source})" if first.source else ""
            yield refuse(f"Duplicate resource URN '{urn}'; try giving it a unique name{also}")
        else:
            by_engine_urn[urn] = i
        if r.custom and r.type.count(":") < 2:
            yield refuse(f"Type '{r.type}' is not a valid type token (must have format '*:*:*')")
        if r.parent is not None:
            yield from _reference(refuse, "parent", r.parent, seen_mock, registrations)
        for dependency in r.dependencies:
            if dependency not in reads:
                yield from _reference(refuse, "dependency", dependency, seen_mock, registrations)
        if r.provider is not None and r.custom and not _is_provider_type(r.type):
            yield from _provider(refuse, r.provider, seen_mock, registrations)
        seen_mock[r.urn] = i
    yield from _alias_collisions(registrations, engine_urns, by_engine_urn, stack, project)


def _reference(
    refuse: Refuse,
    what: str,
    urn: str,
    seen: dict[str, int],
    registrations: Sequence[Registration],
) -> Iterable[Refusal]:
    if not _is_valid_urn(urn):
        yield refuse(f"invalid {what} URN: '{urn}' is not a valid URN")
    elif urn not in seen:
        later = any(r.urn == urn for r in registrations)
        if what == "parent":
            yield refuse(
                f"could not find parent resource {urn}"
                + (" (it is registered after its child)" if later else "")
            )
        else:
            yield refuse(
                f"dependency {urn} refers to "
                + ("a resource that comes after it" if later else "a missing resource")
                + "; the engine refuses to write such a snapshot"
            )


def _provider(
    refuse: Refuse,
    provider: str,
    seen: dict[str, int],
    registrations: Sequence[Registration],
) -> Iterable[Refusal]:
    if not _is_valid_urn(provider):
        yield refuse(f"bad provider reference '{provider}': not a valid URN")
    elif not _is_provider_type(_urn_type(provider)):
        yield refuse(
            f"bad provider reference '{provider}': invalid module in type: expected "
            f"'{PROVIDER_MODULE}', got '{_module(_urn_type(provider))}'"
        )
    elif provider not in seen:
        yield refuse(f"unknown provider '{provider}'")
    elif not _is_provider_type(registrations[seen[provider]].type):
        yield refuse(f"bad provider reference '{provider}': not a provider resource")


def _alias_collisions(
    registrations: Sequence[Registration],
    engine_urns: list[str],
    by_engine_urn: dict[str, int],
    stack: str,
    project: str,
) -> Iterable[Refusal]:
    """Aliases naming another resource's URN, or one alias claimed by two resources.

    The engine reports these once the stack's state holds the alias URN, which is
    the case for any resource that was deployed under it (diags 2016 and 2008).
    """
    mock_to_engine = {r.urn: engine_urns[i] for i, r in enumerate(registrations)}
    claimed: dict[str, int] = {}
    for i, r in enumerate(registrations):
        own = engine_urns[i]
        parent = mock_to_engine.get(r.parent or "", "")
        # The engine drops an alias a resource repeats (`generateAliases`).
        aliases = dict.fromkeys(
            _alias_urn(spec, r, parent, mock_to_engine, stack, project) for spec in r.aliases
        )
        for alias in aliases:
            if alias == own:
                continue
            other = by_engine_urn.get(alias)
            if other is not None:
                holder = registrations[other]
                yield Refusal(
                    r,
                    own,
                    f"Duplicate resource URN '{alias}' conflicting with alias on resource with "
                    f"URN '{own}': {holder.type} [{holder.name}] is registered under it",
                )
            elif alias in claimed:
                yield Refusal(
                    r,
                    own,
                    f"Duplicate resource alias '{alias}' applied to resource with URN '{own}' "
                    f"conflicting with resource with URN '{engine_urns[claimed[alias]]}'",
                )
            else:
                claimed[alias] = i


def _alias_urn(
    spec: AliasSpec,
    r: Registration,
    parent: str,
    mock_to_engine: dict[str, str],
    stack: str,
    project: str,
) -> str:
    """The URN an alias stands for (`collapseAliasToUrn`, without state-derived aliases)."""
    if spec.urn:
        return spec.urn
    if spec.parent:
        parent = mock_to_engine.get(spec.parent, spec.parent)
    if spec.no_parent:
        parent = ""
    return _engine_urn(
        spec.stack or stack,
        spec.project or project,
        parent,
        spec.type or r.type,
        spec.name or r.name,
    )


def engine_urns(resources: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each plan resource's URN (the mocks') mapped to the URN the engine gives it: what
    `pulumi up --target` and `--exclude` need (`dataplat rotation-targets`)."""
    by_urn = {r["urn"]: r for r in resources}
    found: dict[str, str] = {}

    def of(urn: str) -> str:
        if urn not in found:
            r = by_urn[urn]
            parent = of(r["parent"]) if r.get("parent") in by_urn else (r.get("parent") or "")
            stack, project = urn.removeprefix(URN_PREFIX).split("::")[:2]
            found[urn] = _engine_urn(stack, project, parent, r["type"], r["name"])
        return found[urn]

    for r in resources:
        of(r["urn"])
    return found


def _engine_urn(stack: str, project: str, parent: str, type_: str, name: str) -> str:
    """`deployment.generateURN`: the parent's whole qualified type, none for the root stack."""
    qualified = type_
    if parent:
        parent_type = parent.split("::")[2]
        if parent_type != STACK_TYPE:
            qualified = f"{parent_type}${type_}"
    return f"{URN_PREFIX}{stack}::{project}::{qualified}::{name}"


def _stack_and_project(registrations: Sequence[Registration]) -> tuple[str, str]:
    """Stack and project from the first URN (`urn:pulumi:<stack>::<project>::...`)."""
    for r in registrations:
        head = r.urn.removeprefix(URN_PREFIX).split("::")
        if len(head) >= 2:
            return head[0], head[1]
    return "", ""


def _is_valid_urn(urn: str) -> bool:
    """`urn.IsValid`: the prefix and at least three `::`."""
    return urn.startswith(URN_PREFIX) and urn.count("::") >= 3


def _urn_type(urn: str) -> str:
    """The URN's own type: the last `$` part of its qualified type."""
    return urn.split("::")[2].split("$")[-1]


def _module(type_: str) -> str:
    return type_.rsplit(":", 1)[0] if type_.count(":") >= 2 else ""


def _is_provider_type(type_: str) -> bool:
    """`providers.IsProviderType`: module `pulumi:providers` and a name."""
    return (
        type_.count(":") >= 2
        and _module(type_) == PROVIDER_MODULE
        and bool(type_.rsplit(":", 1)[1])
    )
