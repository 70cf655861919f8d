"""The AWS side of a journey needs the program's account; a program without one in sight
(a Snowflake-only program's ingest, say) gets "not evaluated" journeys, never a crash."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

from ..core.index import StackIndex
from ..core.view import NotEvaluated, ResourceView
from ..preflight.aws_resources import AwsResources, shared_aws_resources
from .journey import Hop, Journey, guarded, unknown


def aws_resources(
    index: StackIndex,
    kind: str,
    starts: Sequence[ResourceView],
    name: Callable[[ResourceView], str],
) -> AwsResources | list[Journey]:
    """The program's AWS lookups, or, when its account is unknown, one "not evaluated"
    journey per start (named by `name`)."""
    try:
        return shared_aws_resources(index)
    except NotEvaluated as exc:
        hop = "the AWS account"
        return [Journey(kind, name(s), s, (unknown(hop, exc.what, s),)) for s in starts]


def aws_journeys(
    index: StackIndex,
    kind: str,
    starts: Sequence[ResourceView],
    name: Callable[[ResourceView], str],
    build: Callable[[AwsResources, ResourceView], Sequence[Hop]],
) -> Iterator[Journey]:
    """One journey per start, built by `build(res, start)` with the program's AWS lookups:
    "not evaluated" for every start when the account is unknown, and per start when a
    value it needs is unknown until apply (`guarded`)."""
    if not starts:  # nothing to follow: no AWS lookups either
        return
    res = aws_resources(index, kind, starts, name)
    if isinstance(res, list):
        yield from res
        return
    for start in starts:
        yield guarded(kind, name(start), start, partial(build, res, start))
