"""Preflight rules: what the mock runtime accepts but a real `pulumi up` would reject
(ordering, Snowflake privileges per step, AWS data paths)."""
