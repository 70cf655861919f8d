"""DOT and Mermaid text of a graph, and the SVG Graphviz draws of it."""

from __future__ import annotations

import shutil

import pytest

from scripts.graph.dot import dot, svg
from scripts.graph.mermaid import mermaid
from scripts.graph.model import graph_of
from tests.scripts.graph.plan_fixture import document


def test_dot_nests_clusters_and_quotes_labels() -> None:
    text = dot(graph_of(document(), "resources"))
    assert text.startswith("digraph plan {\n")
    assert '  subgraph cluster_r0c {\n    label="lake";' in text
    assert '    r1 [label="raw\\naws BucketV2", shape=box' in text
    assert "  r1 -> r2;\n  r3 -> r0;\n}\n" in text


def test_mermaid_is_a_flowchart_of_subgraphs_with_html_line_breaks() -> None:
    text = mermaid(graph_of(document(), "roles"))
    assert text.splitlines()[:3] == [
        "%% Snowflake roles of proj/dev",
        "flowchart LR",
        '  s0("ANALYST<br>1 privilege")',
    ]
    assert '  s1(["BOB"])' in text and "  s1 --> s0" in text


def test_mermaid_escapes_quotes_in_labels() -> None:
    doc = document()
    doc["resources"][1]["name"] = 'la"ke'
    assert 'subgraph r0c["la#quot;ke"]' in mermaid(graph_of(doc, "resources"))


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz is not installed (apt-get install -y graphviz)"
)
def test_graphviz_draws_an_svg_with_every_label() -> None:
    drawn = svg(dot(graph_of(document())))
    assert "<svg" in drawn
    for label in ("lake", "aws BucketV2", "ANALYST", "BOB", "Snowflake roles"):
        assert label in drawn, label
