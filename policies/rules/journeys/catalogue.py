"""Every journey kind: its rule id and the builder that derives its journeys from a stack.

The plan lists journeys from here (one line each with its verdict); the pack runs each
kind as one stack rule (`journey_rule`), registered in policies/rules/registry.py.
"""

from __future__ import annotations

from . import connections
from .journey import JourneyBuilder

JOURNEYS: tuple[tuple[str, JourneyBuilder], ...] = ((connections.KIND, connections.build),)
