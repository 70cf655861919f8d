"""Reading a masking policy body well enough to see whether it masks anyone.

Deliberately small: the body is one SQL expression. It returns clear values to
every role when it is just the argument, or a CASE with an ELSE whose every branch
is the argument. Anything else (a function of the argument, a constant, a CASE
without ELSE, which yields NULL) masks someone. The DuckDB evaluation in the tests
checks real bodies per role; this reader needs nothing beyond the standard library
so that the pack stays light.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
_BRANCH = re.compile(r"\b(?:THEN|ELSE)\s+(.+?)(?=\s+(?:WHEN|ELSE|END)\b)", re.S)


def _strip(expr: str) -> str:
    expr = " ".join(expr.split())
    while expr.startswith("(") and expr.endswith(")"):
        expr = expr[1:-1].strip()
    return expr


def returns_clear_to_everyone(body: str, argument: str) -> bool:
    """True if every path through `body` returns `argument` unchanged."""
    text = _strip(_COMMENT.sub(" ", body)).upper()
    arg = argument.strip('"').upper()
    if text == arg:
        return True
    if not (text.startswith("CASE") and text.endswith("END")) or " ELSE " not in f" {text} ":
        return False
    branches = [_strip(b) for b in _BRANCH.findall(text)]
    return bool(branches) and all(b == arg for b in branches)
