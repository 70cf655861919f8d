"""Resources that name their container by a plain value depend on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.ordering import Ordering
from ..core.rule import Context, Rule
from ..core.values import is_unknown
from ..core.view import Finding, ResourceView
from .containers import CONTAINER_REFS, ContainerRef

_Identities = dict[str, list[ResourceView]]


def _identities(index: StackIndex, ref: ContainerRef) -> _Identities:
    """The containers of `ref` by every comparable name they are known by."""
    found: _Identities = defaultdict(list)
    for container in index.of_type(*ref.containers):
        names = {
            ref.key(value)
            for key in ref.identity
            for value in (container.outputs.get(key), container.props.get(key))
            if isinstance(value, str) and value
        }
        for name in names:
            found[name].append(container)
    return found


Named = tuple[ResourceView, ContainerRef, str, ResourceView]


def named_containers(index: StackIndex) -> tuple[list[Named], list[Finding]]:
    """(referrer, row, plain value, container) for every container named by a plain value,
    and a "not evaluated" finding for each name that cannot be judged yet.

    An unknown value comes from an output, which brings its dependency with it; an
    unknown or secret value on a resource with no dependency at all cannot be judged.
    """
    named: list[Named] = []
    pending: list[Finding] = []
    cache: dict[tuple[tuple[str, ...], tuple[str, ...], bool], _Identities] = {}
    for ref in CONTAINER_REFS:
        if not index.of_type(*ref.containers):
            continue
        key = (ref.containers, ref.identity, ref.snowflake)
        if key not in cache:
            cache[key] = _identities(index, ref)
        containers = cache[key]
        for referrer in index.of_type(*ref.referrers):
            for value in ref.named(referrer):
                if is_unknown(value) and not referrer.dependencies:
                    pending.append(referrer.not_evaluated(f"{referrer.type} {ref.where}"))
                if not isinstance(value, str):
                    continue
                for container in containers.get(ref.key(value), []):
                    if container.urn != referrer.urn:
                        named.append((referrer, ref, value, container))
    return named, pending


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Each referrer is created after every container it names by a plain value."""
    found, pending = named_containers(index)
    yield from pending
    ordering = Ordering(index, {container.urn for _, _, _, container in found})
    reported: set[tuple[str, str]] = set()
    for referrer, ref, value, container in found:
        if ordering.created_before(referrer.urn, container.urn):
            continue
        if (referrer.urn, container.urn) in reported:
            continue
        reported.add((referrer.urn, container.urn))
        yield referrer.violation(
            f"{referrer.type} [{referrer.name}] names its {ref.noun} by the plain value "
            f"{value!r} ({ref.where}) but does not depend on {container.type} "
            f"[{container.name}], so the engine may create it first and the call fail. "
            f"Pass the {ref.noun}'s output ({' or '.join(ref.identity)}) instead of the "
            f"string, or add depends_on=[the {ref.noun}]."
        )


RULE = Rule(
    id="preflight-container-dependency",
    description=(
        "A resource that names its container (bucket, role, topic, secret, database, schema, "
        "stage, role granted to, ...) by a plain value depends on that container."
    ),
    severity="high",
    remediation=(
        "Pass the container's output (bucket.bucket, role.name, schema.fully_qualified_name, "
        "...) instead of a string built from config, or add depends_on=[container]."
    ),
    resource_types=tuple(
        sorted({t for ref in CONTAINER_REFS for t in ref.referrers + ref.containers})
    ),
    check_stack=check,
)
