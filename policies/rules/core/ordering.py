"""Which resources the engine creates before which: the order `pulumi up` keeps.

The engine starts a resource's create step only after every resource it depends on
is created, and the SDK registers a child only once its parent's URN resolves, so
"created before" is the transitive closure of two edges:

- dependency: a resource waits for each URN in its `dependencies` (explicit
  `depends_on` and every output it reads). The SDK sends a dependency on a local
  component as one on the component's children, down to the first custom resources
  (`pulumi/runtime/rpc.py` `_add_dependency`); a dependency that still names a
  component is expanded here to the views whose parent it is;
- parent: a resource waits for its parent (a custom parent is created first; a
  component parent resolves once its own dependencies have).

The closure is computed once per stack and only towards the resources a rule asks
about (`targets`), so it stays linear in resources times targets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .index import StackIndex


class Ordering:
    """For each resource, the `targets` the engine creates before it."""

    def __init__(self, index: StackIndex, targets: Iterable[str]) -> None:
        self._index = index
        self._targets = frozenset(targets)
        self._children: dict[str, list[str]] = defaultdict(list)
        for view in index.views:
            if view.parent:
                self._children[view.parent].append(view.urn)
        self._before: dict[str, frozenset[str]] = {}

    def created_before(self, urn: str, target: str) -> bool:
        """True if the engine creates `target` before the resource `urn`."""
        return target in self.before(urn)

    def before(self, urn: str) -> frozenset[str]:
        """The targets created before `urn` (iterative, so deep stacks cannot overflow)."""
        if urn in self._before:
            return self._before[urn]
        stack = [(urn, False)]
        on_path: set[str] = set()
        while stack:
            node, expanded = stack.pop()
            if node in self._before:
                continue
            edges = self._edges(node)
            if expanded:
                on_path.discard(node)
                found: set[str] = set()
                for edge in edges:
                    if edge in self._targets:
                        found.add(edge)
                    found |= self._before.get(edge, frozenset())
                self._before[node] = frozenset(found)
                continue
            on_path.add(node)
            stack.append((node, True))
            # An edge back onto the path is a cycle the SDK refuses; skip it.
            stack.extend((e, False) for e in edges if e not in self._before and e not in on_path)
        return self._before[urn]

    def _edges(self, urn: str) -> list[str]:
        view = self._index.by_urn.get(urn)
        if view is None:
            return []
        edges = [d for dependency in view.dependencies for d in self._expand(dependency)]
        if view.parent:
            edges.append(view.parent)
        return edges

    def _expand(self, urn: str) -> list[str]:
        """A dependency as the SDK sends it: a component (not a view) becomes its children.

        Only the children the views name as parent are found: a component nested in
        the component is not a view offline. The SDK already expands every dependency
        it sends, so this matters only for documents written by other tools.
        """
        if urn in self._index.by_urn:
            return [urn]
        return self._children.get(urn, [])
