"""Preflight rules: what a real `pulumi up` or the first run would reject, found offline."""
