"""Every journey kind: its rule id and the builder that derives its journeys from a stack.

The plan's preflight section lists each journey with its hops (the rule reports only the
broken and not-evaluated ones); an explicit list, like the rule registry.
"""

from __future__ import annotations

from . import key_rotates
from .journey import JourneyBuilder

JOURNEYS: tuple[tuple[str, JourneyBuilder], ...] = ((key_rotates.RULE_ID, key_rotates.build),)
