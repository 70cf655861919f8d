"""Just enough Go scanning to read Terraform provider schemas as text.

The providers' schemas are Go composite literals (`map[string]*schema.Schema{...}`,
`schema.StringAttribute{...}`). Reading them needs balanced brackets that skip strings,
runes and comments, and splitting a literal's body at its top-level commas; no Go toolchain
is needed (there is none here), and the extractor stays a pure function of the source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = set(_OPEN.values())


def _skip_literal(text: str, i: int) -> int:
    """The index just past the string, rune or comment starting at `i` (or `i` if none)."""
    c = text[i]
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        return len(text) if end < 0 else end + 2
    if c == "`":
        end = text.find("`", i + 1)
        return len(text) if end < 0 else end + 1
    if c in "\"'":
        j = i + 1
        while j < len(text) and text[j] != c:
            j += 2 if text[j] == "\\" else 1
        return j + 1
    return i


def _code(text: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth before it) of every character of `text` from `start` that
    is code (not inside a string, rune or comment); depth counts the open brackets."""
    depth, j = 0, start
    while j < len(text):
        k = _skip_literal(text, j)
        if k != j:
            j = k
            continue
        c = text[j]
        yield j, c, depth
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
        j += 1


def matching(text: str, i: int) -> int:
    """The index of the bracket closing the one at `i` (`{`, `(` or `[`)."""
    for j, c, depth in _code(text, i):
        if c in _CLOSE and depth == 1:
            return j
    raise ValueError(f"unbalanced bracket at offset {i}")


def split_top(body: str, sep: str = ",") -> list[str]:
    """`body` split at `sep` outside brackets, strings and comments; empty parts dropped."""
    cuts = [j for j, c, depth in _code(body) if c == sep and depth == 0]
    parts = [body[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]
    return [p for p in (strip_comments(p).strip() for p in parts) if p]


def strip_comments(text: str) -> str:
    """`text` without its `//` and `/* */` comments (strings kept)."""
    out: list[str] = []
    j = 0
    while j < len(text):
        k = _skip_literal(text, j)
        if k != j:
            if not text.startswith(("//", "/*"), j):
                out.append(text[j:k])
            j = k
            continue
        out.append(text[j])
        j += 1
    return "".join(out)


def key_value(entry: str) -> tuple[str, str] | None:
    """A composite-literal element `key: value` as its two halves, or None for a bare value."""
    for j, c, depth in _code(entry):
        if c == ":" and depth == 0:
            return entry[:j].strip(), entry[j + 1 :].strip()
    return None


def braced_body(expr: str) -> str | None:
    """The text between the outermost braces of a composite literal `T{...}`, or None."""
    start = expr.find("{")
    if start < 0:
        return None
    return expr[start + 1 : matching(expr, start)]


def string_literal(expr: str) -> str | None:
    """The value of a Go interpreted or raw string literal, or None for anything else."""
    expr = expr.strip()
    if len(expr) >= 2 and expr[0] == expr[-1] and expr[0] in '"`':
        return expr[1:-1]
    return None


_DECL = r"(?m)^(?:var\s+|const\s+|\t)?{name}\s*=\s*"


def declaration(text: str, name: str) -> str | None:
    """The expression assigned to package-level `name` (`var name = ...`, `const name = ...`,
    or inside a `var (` / `const (` block), or None when `text` does not declare it."""
    m = re.search(_DECL.format(name=re.escape(name)), text)
    if m is None:
        return None
    return expression_at(text, m.end())


def expression_at(text: str, i: int) -> str:
    """The Go expression starting at `i`, up to the end of its line outside brackets."""
    for j, c, depth in _code(text, i):
        if (c in _CLOSE and depth == 0) or (c in "\n;" and depth == 0):
            return text[i:j].strip()
    return text[i:].strip()


def function_body(text: str, name: str) -> str | None:
    """The body of top-level `func name(...)` in `text`, or None."""
    m = re.search(rf"(?m)^func\s+{re.escape(name)}\s*\(", text)
    if m is None:
        return None
    open_brace = text.find("{", matching(text, m.end() - 1))
    # The result type may itself hold braces (`*schema.Resource` does not; `map[...]...{` is
    # not a result type in these providers), so the first brace after the parameters opens
    # the body.
    return text[open_brace + 1 : matching(text, open_brace)]
