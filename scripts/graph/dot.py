"""Graphviz DOT text of a graph, and SVG drawn from it by Graphviz's `dot` when installed."""

from __future__ import annotations

import shutil
import subprocess

from scripts.errors import UserError
from scripts.graph.model import Cluster, Graph

# (shape, style, fill colour) per node kind.
STYLES = {
    "component": ("tab", "filled", "#dbe6f4"),
    "resource": ("box", "rounded,filled", "#ffffff"),
    "provider": ("box", "rounded,filled,dashed", "#f4f4f4"),
    "user": ("ellipse", "filled", "#fde9c9"),
    "role": ("box", "rounded,filled", "#e3f4e6"),
    "database role": ("box", "rounded,filled", "#eef2f6"),
}
INSTALL_HINT = (
    "Graphviz's `dot` is not installed, so no SVG can be drawn: install Graphviz "
    "(Debian: apt-get install -y graphviz) or use --format dot or --format mermaid"
)


def dot(graph: Graph) -> str:
    """The DOT text: left-to-right, clusters as boxes, one style per node kind."""
    lines = [
        "digraph plan {",
        f"  graph [label={_quote(graph.title)}, labelloc=t, rankdir=LR, fontname=Helvetica,"
        " fontsize=12, compound=true];",
        '  node [fontname=Helvetica, fontsize=10, color="#6b7785"];',
        '  edge [color="#8f9ba6", arrowsize=0.6];',
    ]
    lines += _cluster(graph.root, 1)
    lines += [f"  {a} -> {b};" for a, b in graph.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _cluster(cluster: Cluster, depth: int) -> list[str]:
    pad = "  " * depth
    lines = []
    for node in cluster.nodes:
        shape, style, fill = STYLES[node.kind]
        lines.append(
            f'{pad}{node.id} [label={_quote(node.label)}, shape={shape}, style="{style}", '
            f'fillcolor="{fill}"];'
        )
    for child in cluster.clusters:
        lines.append(f"{pad}subgraph cluster_{child.id} {{")
        lines.append(f'{pad}  label={_quote(child.label)}; style="rounded"; color="#2b5797";')
        lines += _cluster(child, depth + 1)
        lines.append(f"{pad}}}")
    return lines


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def have_dot() -> bool:
    """Whether Graphviz's `dot` is on PATH."""
    return shutil.which("dot") is not None


def svg(dot_text: str, timeout: float = 120) -> str:
    """The SVG Graphviz draws of `dot_text`. Raises UserError when `dot` is missing or fails."""
    binary = shutil.which("dot")
    if binary is None:
        raise UserError(INSTALL_HINT)
    done = subprocess.run(
        [binary, "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise UserError(f"Graphviz's dot failed: {done.stderr.strip()}")
    return done.stdout
