"""One PR comment for every stack, within GitHub's limit.

The parts of all stacks are laid out in reading order; while the text is over the limit,
the least important part left (highest rank, last stack first) is shortened if it has a
short form, else dropped; a closing note says what was cut, so nothing disappears silently.
"""

from __future__ import annotations

from scripts.comment.sections import BLOCKING, Part
from scripts.render.fold import GITHUB_COMMENT_LIMIT
from scripts.render.markdown import heading
from scripts.render.text import clip

TITLE = heading(2, "Plans of this change")


def compose(stacks: list[list[Part]], limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """The comment of `stacks` (each a list of parts, in reading order) in `limit` characters."""
    cut: list[str] = []
    while True:
        text = _render(stacks, cut)
        if len(text) <= limit:
            return text
        victim = _least_important(stacks)
        if victim is None:
            return clip(text, limit)
        stack_index, part = victim
        if part.short is not None and not part.shortened:
            part.lines, part.shortened = part.short, True
        else:
            stacks[stack_index].remove(part)
        if part.label:
            cut.append(part.label)


def _least_important(stacks: list[list[Part]]) -> tuple[int, Part] | None:
    """The part to cut next: the highest rank, shortening before dropping, the last stack
    first; the header and what blocks are never cut."""
    candidates = [
        ((part.rank, part.short is not None and not part.shortened, i), i, part)
        for i, parts in enumerate(stacks)
        for part in parts
        if part.rank > BLOCKING
    ]
    if not candidates:
        return None
    _, index, part = max(candidates, key=lambda c: c[0])
    return index, part


def _render(stacks: list[list[Part]], cut: list[str]) -> str:
    lines = [TITLE, ""]
    for parts in stacks:
        for part in parts:
            lines += [*part.lines, ""]
    if cut:
        shown = ", ".join(sorted(set(cut)))
        lines.append(
            f"_Cut to fit GitHub's comment limit: {shown}. The plan JSON and SARIF artifacts "
            "have everything._"
        )
    return "\n".join(lines).rstrip() + "\n"
