"""The AWS side of a journey needs the program's account; a program without one in sight
(a Snowflake-only program's ingest, say) gets "not evaluated" journeys, never a crash."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core.index import StackIndex
from ..core.view import NotEvaluated, ResourceView
from ..preflight.aws_resources import AwsResources
from .journey import Journey, unknown


def aws_resources(
    index: StackIndex,
    kind: str,
    starts: Sequence[ResourceView],
    name: Callable[[ResourceView], str],
) -> AwsResources | list[Journey]:
    """The program's AWS lookups, or, when its account is unknown, one "not evaluated"
    journey per start (named by `name`)."""
    try:
        return AwsResources(index)
    except NotEvaluated as exc:
        hop = "the AWS account"
        return [Journey(kind, name(s), s, (unknown(hop, exc.what, s),)) for s in starts]
