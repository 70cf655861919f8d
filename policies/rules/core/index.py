"""The whole stack, indexed once so that stack rules stay linear in resources.

Split resources (an S3 bucket and its encryption, logging, policy, ...) name their
bucket in an input (`bucket`). A stack rule joins them by reference: an index from
each referenced value (and from the URNs the property depends on, when the value
is unknown during preview) to the resources holding it, built once per
(types, property) pair. No rule ever compares all pairs of resources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .values import is_unknown
from .view import ResourceView

# Outputs and inputs that identify a resource when another one refers to it.
_IDENTITY_KEYS = ("id", "arn", "bucket", "name", "fullyQualifiedName")
# The reference-index key of "resources by identity" (not a property name).
_IDENTITY = "\0identity"


class StackIndex:
    """Every resource of the stack by URN and by type, plus reference indexes."""

    def __init__(self, views: Iterable[ResourceView]) -> None:
        self.views = list(views)
        self.by_urn = {v.urn: v for v in self.views}
        self._by_type: dict[str, list[ResourceView]] = defaultdict(list)
        for view in self.views:
            self._by_type[view.type].append(view)
        self._refs: dict[tuple[tuple[str, ...], str], dict[str, list[ResourceView]]] = {}

    def types(self) -> list[str]:
        """The types of the stack's resources, each once, in order of first appearance."""
        return list(self._by_type)

    def of_type(self, *types: str) -> list[ResourceView]:
        """The resources of any of `types`, in stack order within each type."""
        return [v for t in types for v in self._by_type.get(t, [])]

    def referrers(
        self, target: ResourceView, types: tuple[str, ...], prop: str
    ) -> list[ResourceView]:
        """The resources of `types` whose `prop` refers to `target` (by value or dependency)."""
        index = self._refs.get((types, prop))
        if index is None:
            index = self._build(types, prop)
            self._refs[(types, prop)] = index
        found: dict[str, ResourceView] = {}
        for key in identities(target):
            for view in index.get(key, []):
                found.setdefault(view.urn, view)
        return list(found.values())

    def referenced(self, value: object, types: tuple[str, ...]) -> list[ResourceView]:
        """The resources of `types` that `value` (a name, id, ARN or URN) identifies."""
        if not isinstance(value, str):
            return []
        index = self._refs.get((types, _IDENTITY))
        if index is None:
            index = defaultdict(list)
            for view in self.of_type(*types):
                for ident in identities(view):
                    index[ident].append(view)
            self._refs[(types, _IDENTITY)] = index
        return list(index.get(value, []))

    def _build(self, types: tuple[str, ...], prop: str) -> dict[str, list[ResourceView]]:
        index: dict[str, list[ResourceView]] = defaultdict(list)
        for view in self.of_type(*types):
            value = view.get(prop)
            if isinstance(value, str):
                index[value].append(view)
            elif is_unknown(value) or value is None:
                # Unknown until apply: fall back to what the property depends on.
                deps = view.property_dependencies.get(prop) or view.dependencies
                for urn in deps:
                    index[urn].append(view)
        return index


def identities(view: ResourceView) -> set[str]:
    """Every string by which another resource may refer to `view`."""
    found = {view.urn}
    for key in _IDENTITY_KEYS:
        for value in (view.outputs.get(key), view.props.get(key)):
            if isinstance(value, str) and value:
                found.add(value)
    return found
