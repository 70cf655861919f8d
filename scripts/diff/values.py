"""Old and new values of the changed inputs, for reviewers: leaf paths, secrets masked,
long values shortened.

A plan document records a secret input as the offline secret marker (`[secret]`, what the
wire's secret value becomes in `scripts/plan/runtime.py`), and `pulumi preview --json`
shows secrets the same way (or as the wire's signature object): a value that is, or holds,
a secret on either side is shown as `[secret]` on both, so a secret made plain (or the
other way round) never leaks through the side that was plain. Two secret values that differ
look the same offline; only `pulumi preview` sees that change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from policies.rules.core.wire import OFFLINE_SECRET, SECRET_SIG, SPECIAL_SIG_KEY
from scripts.render.text import clip

SECRET = OFFLINE_SECRET
ABSENT = "(absent)"
# Longest value shown, in characters, before it is cut with an ellipsis.
WIDTH = 80
# Characters kept before the first difference when a shared beginning is cut.
CONTEXT = 20


@dataclass(frozen=True)
class ValueChange:
    """One changed input: its path (dotted, `[i]` into lists) and both values."""

    path: str
    old: Any
    new: Any

    def shown(self, width: int = WIDTH) -> tuple[str, str]:
        """Both values as text, masked and shortened. Two long texts that share a long
        beginning are both shown from a little before their first difference, so the cut
        never hides what changed."""
        if _secret(self.old) or _secret(self.new):
            return SECRET, SECRET
        old, new = _flat(self.old), _flat(self.new)
        same = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
            min(len(old), len(new)),
        )
        if same > width // 2 and max(len(old), len(new)) > width:
            start = same - CONTEXT
            old, new = "…" + old[start:], "…" + new[start:]
        return clip(old, width), clip(new, width)


def differences(old: Any, new: Any, path: str = "") -> list[ValueChange]:
    """The leaf inputs that differ between `old` and `new`: objects by key, lists of the
    same length by index; anything else (a list that grew) as one change."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict) and not (_signed(old) or _signed(new)):
        out: list[ValueChange] = []
        for key in sorted(old.keys() | new.keys()):
            sub = f"{path}.{key}" if path else key
            out += differences(old.get(key), new.get(key), sub)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        pairs = enumerate(zip(old, new, strict=True))
        return [c for i, (a, b) in pairs for c in differences(a, b, f"{path}[{i}]")]
    return [ValueChange(path, old, new)]


def _signed(value: dict[str, Any]) -> bool:
    """A wire secret object (`pulumi preview --json` may show a secret so)."""
    return value.get(SPECIAL_SIG_KEY) == SECRET_SIG


def _secret(value: Any) -> bool:
    """The value is, or holds, a secret."""
    if value == OFFLINE_SECRET:
        return True
    if isinstance(value, dict):
        return _signed(value) or any(_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(_secret(v) for v in value)
    return False


def _flat(value: Any) -> str:
    """The value on one line: strings as they are, anything else as JSON."""
    if value is None:
        return ABSENT
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return " ".join(text.split()) or '""'
