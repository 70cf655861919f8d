"""Terminal text: values clipped with an ellipsis, and rows laid out in aligned columns."""

from __future__ import annotations

from collections.abc import Collection, Sequence

ELLIPSIS = "…"
GAP = "  "


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` characters, the last one an ellipsis when cut."""
    if len(text) <= width:
        return text
    if width < 1:
        raise ValueError(f"no room to clip {text!r} to {width} characters")
    return text[: width - 1] + ELLIPSIS


def columns(
    rows: Sequence[Sequence[str]],
    *,
    caps: Sequence[int | None] = (),
    right: Collection[int] = (),
    indent: str = "",
) -> list[str]:
    """`rows` as aligned lines: each column as wide as its widest cell, at most `caps[i]`
    characters (cells beyond it clipped; None or a missing cap: no limit), numbers' columns
    (`right`) aligned right, two spaces between columns, no trailing spaces. Put a header in
    as the first row."""
    if not rows:
        return []
    count = len(rows[0])
    limits = [*caps, *([None] * count)][:count]
    widths = []
    for i, cap in enumerate(limits):
        widest = max(len(r[i]) for r in rows)
        widths.append(widest if cap is None else min(widest, cap))
    lines = []
    for r in rows:
        cells = [clip(r[i], width) for i, width in enumerate(widths)]
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        lines.append((indent + GAP.join(cells)).rstrip())
    return lines
