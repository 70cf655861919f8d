"""Following one resource's reference to others, whether the value is known or not.

A route names its NAT gateway by id, a subnet its VPC, MWAA its subnets. Offline the
mocked ids are known and match the target's identities; in a real preview they are unknown
until apply, and the reference survives only as a dependency of the property (or of the
resource). `follow` answers both ways, and keeps apart what it could not find: a known
value naming nothing in the program (a resource outside it) and an unknown value with no
dependency to go by.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.index import StackIndex
from ..core.values import as_list, is_unknown
from ..core.view import ResourceView


@dataclass(frozen=True)
class Followed:
    """What a reference names: the resources found, the known values naming nothing in
    the program, and whether an unknown value could not be followed."""

    views: tuple[ResourceView, ...]
    outside: tuple[str, ...] = ()
    unresolved: bool = False


def follow(index: StackIndex, view: ResourceView, prop: str, types: tuple[str, ...]) -> Followed:
    """The resources of `types` that `view`'s `prop` (one value or a list) refers to."""
    value = view.get(prop)
    found: dict[str, ResourceView] = {}
    outside: list[str] = []
    unknown = is_unknown(value)
    for item in [] if unknown else as_list(value):
        if is_unknown(item):
            unknown = True
        elif isinstance(item, str) and item:
            named = index.referenced(item, types)
            if not named:
                outside.append(item)
            for target in named:
                found.setdefault(target.urn, target)
    unresolved = False
    if unknown:
        by_dependency = [
            index.by_urn[urn]
            for urn in view.property_dependencies.get(prop) or view.dependencies
            if urn in index.by_urn and index.by_urn[urn].type in types
        ]
        for target in by_dependency:
            found.setdefault(target.urn, target)
        unresolved = not by_dependency
    return Followed(tuple(found.values()), tuple(outside), unresolved)


def refers_to(index: StackIndex, view: ResourceView, prop: str, target: ResourceView) -> bool:
    """True if `view`'s `prop` names `target` (by value, or by dependency when unknown)."""
    return any(v.urn == target.urn for v in follow(index, view, prop, (target.type,)).views)


def label(view: ResourceView) -> str:
    """`Type [name]`, as journeys name resources."""
    return f"{view.type.split(':')[-1]} [{view.name}]"
