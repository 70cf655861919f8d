"""Mermaid flowchart text of a graph: readable as is, drawn by GitHub, GitLab and mermaid.live."""

from __future__ import annotations

from scripts.graph.model import Cluster, Graph

# Mermaid's node shapes per kind: [[...]] subroutine, (...) rounded, ([...]) stadium.
SHAPES = {
    "component": ("[[", "]]"),
    "resource": ("(", ")"),
    "provider": ("[/", "/]"),
    "user": ("([", "])"),
    "role": ("(", ")"),
    "database role": ("[", "]"),
}


def mermaid(graph: Graph) -> str:
    """The flowchart, left to right, clusters as subgraphs, titled in a comment line."""
    lines = [f"%% {graph.title}", "flowchart LR"]
    lines += _cluster(graph.root, 1)
    lines += [f"  {a} --> {b}" for a, b in graph.edges]
    return "\n".join(lines) + "\n"


def _cluster(cluster: Cluster, depth: int) -> list[str]:
    pad = "  " * depth
    lines = []
    for node in cluster.nodes:
        opening, closing = SHAPES[node.kind]
        lines.append(f"{pad}{node.id}{opening}{_quote(node.label)}{closing}")
    for child in cluster.clusters:
        lines.append(f"{pad}subgraph {child.id}[{_quote(child.label)}]")
        lines += _cluster(child, depth + 1)
        lines.append(f"{pad}end")
    return lines


def _quote(text: str) -> str:
    """A quoted label; Mermaid escapes with HTML entities and breaks lines with <br>."""
    return '"' + text.replace('"', "#quot;").replace("\n", "<br>") + '"'
