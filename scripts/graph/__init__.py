"""Pictures of a plan: the resource graph (components as clusters, dependency edges) and the
Snowflake role graph, as Graphviz DOT, Mermaid, or SVG drawn by Graphviz's `dot`."""
