"""Generators of the reference pages in docs/reference/ (`dataplat docs`).

Each page is a pure function of code (the CLI parser, the config models and default
tables, the stateful table, the rule registry) returning Markdown, so CI can regenerate
it and fail when the checked-in copy is stale.
"""
