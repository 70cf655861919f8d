"""The graphs of a plan: components as clusters, dependency edges, the role graph."""

from __future__ import annotations

from scripts.graph.model import Cluster, Node, graph_of, resource_graph, roles_graph
from tests.scripts.graph.plan_fixture import document


def test_components_are_clusters_holding_their_children_and_a_node_of_their_own() -> None:
    graph = resource_graph(document()["resources"])
    (lake,) = graph.root.clusters
    assert lake == Cluster(
        "r0c",
        "lake",
        nodes=[
            Node("r0", "dataplatform DataLake", "component"),
            Node("r1", "raw\naws BucketV2", "resource"),
        ],
    )
    assert graph.root.nodes[0].label == "key\naws Key"


def test_each_dependency_is_one_edge_from_the_resource_to_what_it_depends_on() -> None:
    graph = resource_graph(document()["resources"])
    # the bucket names the key twice; the grant depends on the component's own node
    assert graph.edges == [("r1", "r2"), ("r3", "r0")]


def test_the_role_graph_leads_from_grantees_to_granted_roles_with_privilege_counts() -> None:
    graph = roles_graph(document()["resources"])
    assert graph.root.nodes == [
        Node("s0", "ANALYST\n1 privilege", "role"),
        Node("s1", "BOB", "user"),
        Node("s2", "SYSADMIN\n0 privileges", "role"),
    ]
    assert sorted(graph.edges) == [("s1", "s0"), ("s2", "s0")]


def test_all_puts_both_graphs_side_by_side_in_one_titled_graph() -> None:
    graph = graph_of(document(), "all")
    assert graph.title == "Resources and Snowflake roles of proj/dev"
    assert [c.label for c in graph.root.clusters] == ["Resources", "Snowflake roles"]
    assert graph_of(document(), "roles").title == "Snowflake roles of proj/dev"
