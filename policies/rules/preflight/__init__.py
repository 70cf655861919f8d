"""Preflight rules: what a real `pulumi up` needs that the mock runtime never checks
(each step's prerequisites created first, ...)."""
