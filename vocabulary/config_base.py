"""The base of every config value type: strict, immutable, described by its docstrings.

It lives in vocabulary/ (not stacks/) because some config value types are also the
arguments components take as they are (`vocabulary.domain_items`): components may import
vocabulary/ but not stacks/ (tests/test_layers.py). `stacks.model` re-exports it for the
config sections.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from policies.rules.facts.names import SLUG_PATTERN

# A config name (`loading`, `orders_etl`): Snowflake and AWS names are built from it.
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]


class StrictModel(BaseModel):
    """Base of every config section: unknown keys are errors, values are immutable.

    Each field's docstring (the string under it) is its description: the config
    reference's meaning column, the JSON Schema's `description` (editors show it on
    hover) and the `new-domain` scaffold's comments read it from there, through
    `vocabulary.field_docs.described` (validation never needs it, so it is not read at
    class creation).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
