"""The graphs of a plan document, independent of the text format that draws them.

The resource graph nests each resource in the cluster of its parent component and draws
an arrow from a resource to each resource it depends on. The role graph draws an arrow
from a grantee (user or role) to each role granted to it, so following the arrows from
a user reaches every role whose privileges it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from policies.rules.facts.tokens import PULUMI_STACK
from scripts.role_graph import GRANT_ACCOUNT_ROLE, normalise, role_graph

STACK_TYPE = PULUMI_STACK
GRAPHS = ("resources", "roles", "all")


@dataclass(frozen=True)
class Node:
    """One box; `kind` picks its shape and colour (component, resource, provider, user,
    role, database role)."""

    id: str
    label: str
    kind: str


@dataclass
class Cluster:
    """A box of nodes and nested clusters; the root cluster of a graph has no label."""

    id: str
    label: str
    nodes: list[Node] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


@dataclass
class Graph:
    """Clusters of nodes and the edges (source id, target id) between the nodes."""

    title: str
    root: Cluster
    edges: list[tuple[str, str]] = field(default_factory=list)


def graph_of(document: Mapping[str, Any], which: str = "all") -> Graph:
    """The graph `which` (one of GRAPHS) of a plan document."""
    title = f"{document.get('project', '')}/{document.get('stack', '')}"
    resources = list(document.get("resources") or ())
    parts = []
    if which in ("resources", "all"):
        parts.append(resource_graph(resources, "r"))
    if which in ("roles", "all"):
        parts.append(roles_graph(resources, "s"))
    if len(parts) == 1:
        parts[0].title = f"{parts[0].title} of {title}"
        return parts[0]
    root = Cluster("root", "")
    whole = Graph(f"Resources and Snowflake roles of {title}", root)
    for part in parts:
        part.root.label = part.title
        root.clusters.append(part.root)
        whole.edges += part.edges
    return whole


def resource_graph(resources: Iterable[Mapping[str, Any]], prefix: str = "r") -> Graph:
    """Components as clusters (each with a node of its own, the target of edges to it),
    other resources as nodes, an edge from each resource to each of its dependencies."""
    resources = [r for r in resources if r["type"] != STACK_TYPE]
    ids = {r["urn"]: f"{prefix}{i}" for i, r in enumerate(resources)}
    root = Cluster(f"{prefix}root", "")
    names = {r["urn"]: str(r["name"]) for r in resources}
    clusters = {
        r["urn"]: Cluster(f"{ids[r['urn']]}c", _short(r, names))
        for r in resources
        if not r["custom"]
    }
    for r in resources:
        parent = clusters.get(r.get("parent") or "", root)
        if r["custom"]:
            kind = "provider" if r["type"].startswith("pulumi:providers:") else "resource"
            parent.nodes.append(Node(ids[r["urn"]], f"{_short(r, names)}\n{_type(r)}", kind))
        else:
            own = clusters[r["urn"]]
            own.nodes.insert(0, Node(ids[r["urn"]], _type(r), "component"))
            parent.clusters.append(own)
    edges = [
        (ids[r["urn"]], ids[d])
        for r in resources
        for d in dict.fromkeys(r.get("dependencies") or ())
        if d in ids
    ]
    return Graph("Resources", root, edges)


def roles_graph(resources: Iterable[Mapping[str, Any]], prefix: str = "s") -> Graph:
    """Every Snowflake user and role with its direct privilege count, an edge from each
    grantee to each role granted to it."""
    resources = list(resources)
    graph = role_graph(resources)
    users = {
        normalise(r["inputs"]["userName"])
        for r in resources
        if r["type"] == GRANT_ACCOUNT_ROLE and (r.get("inputs") or {}).get("userName")
    }
    names = sorted(
        set(graph.members) | {m for ms in graph.members.values() for m in ms} | set(graph.direct)
    )
    ids = {name: f"{prefix}{i}" for i, name in enumerate(names)}
    root = Cluster(f"{prefix}root", "")
    for name in names:
        kind = "user" if name in users else "database role" if "." in name else "role"
        count = len(graph.direct.get(name, ()))
        label = name if kind == "user" else f"{name}\n{count} privilege{'s' * (count != 1)}"
        root.nodes.append(Node(ids[name], label, kind))
    edges = [(ids[p], ids[c]) for p in names for c in sorted(graph.members.get(p, ()))]
    return Graph("Snowflake roles", root, edges)


def _short(r: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """The logical name, less its parent's name where it starts with it."""
    name, parent = str(r["name"]), names.get(r.get("parent") or "")
    return name[len(parent) + 1 :] if parent and name.startswith(parent + "-") else name


def _type(r: Mapping[str, Any]) -> str:
    """`aws:s3/bucketV2:BucketV2` as `aws BucketV2`."""
    package, _sep, rest = str(r["type"]).partition(":")
    return f"{package} {rest.rsplit(':', 1)[-1]}"
