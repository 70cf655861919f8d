"""Each Snowflake step is done by a provider role that holds the privileges it needs."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from .snowflake_privileges import REQUIREMENTS
from .snowflake_steps import snowflake_steps


def check(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """A denied step is a violation naming the step, the role and the missing privilege."""
    for step in snowflake_steps(index):
        if step.allowed is None:
            yield Finding(
                step.urn,
                step.name,
                f"not evaluated until apply: {step.step}: {step.reason} is unknown",
                True,
            )
        elif not step.allowed:
            yield Finding(
                step.urn,
                step.name,
                f"{step.step} runs as {step.role}, which lacks {' and '.join(step.missing)} "
                f"(source: {step.source}); fix: {step.remediation}",
            )
        elif step.unordered:
            # Allowed only through a grant of this plan that it does not wait for: the
            # engine may run both at once, and the step fails if it wins the race.
            yield Finding(
                step.urn,
                step.name,
                f"{step.step} runs as {step.role} on the strength of "
                f"{', '.join(step.unordered)}, which it does not depend on; add depends_on",
            )


RULE = Rule(
    id="preflight-snowflake-step-privileges",
    description=(
        "Every Snowflake step runs as a provider role that holds the privileges Snowflake "
        "requires for it (system roles, bootstrap grants, ownership and grants of the plan)."
    ),
    severity="high",
    remediation=(
        "Create the resource through the provider whose role may do the step, or grant the "
        "missing privilege to the provider's role (in the bootstrap SQL for global privileges, "
        "in the program for object privileges)."
    ),
    resource_types=tuple(REQUIREMENTS),
    check_stack=check,
)
