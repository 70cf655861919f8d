"""No stack output holds key material or a password unless it is a secret output.

A stack output is stored in the state in plain text, printed by `pulumi stack output` and
read by every StackReference; only an output made from a secret (`pulumi.Output.secret`, or
any value derived from one: `export` keeps secretness) is encrypted and shown as `[secret]`.
The detector is the one of the other secrets-at-rest rules (`secret_values.secret_in`: a PEM
private key, a connection string with a password).

Where it runs: only where the outputs are recorded apart from the inputs with their secrets
marked, as the offline plan does (scripts/plan/policy.py puts the plan's `outputs` on the
stack's view, a secret as `[secret]`). CrossGuard hands a policy every secret in plain text
with nothing to say it was one (pulumi/pulumi-policy#241, open: "It's not currently possible
to check if a stack config value or property is a secret from policies"), so in the pack the
stack's view has its inputs equal to its outputs, and the rule judges nothing there rather
than report secret outputs as plain ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.index import StackIndex
from ..core.rule import Context, Rule
from ..core.view import Finding
from ..core.wire import OFFLINE_SECRET
from ..facts.tokens import PULUMI_STACK
from .secret_values import secret_in


def check_stack(index: StackIndex, ctx: Context) -> Iterator[Finding]:
    """Every plain (non-secret) stack output is free of key material and passwords."""
    for stack in index.of_type(PULUMI_STACK):
        if not stack.outputs or stack.props == stack.outputs:
            continue
        for path, value in _leaves(stack.outputs, ()):
            if value == OFFLINE_SECRET:
                continue
            found = secret_in(value)
            if found is not None:
                yield stack.violation(
                    f"stack output [{'.'.join(path)}] holds {found} in plain text: the state, "
                    "`pulumi stack output` and every StackReference show it; export it with "
                    "pulumi.Output.secret(...) (or keep the value in a Secrets Manager secret "
                    "and export its ARN)"
                )


def _leaves(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, value) for every value that is not a dict or list (a secret is a leaf)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, str(key)))
    elif isinstance(value, list):
        for number, child in enumerate(value):
            yield from _leaves(child, (*path, str(number)))
    else:
        yield path, value


RULE = Rule(
    id="access-no-secret-in-plain-output",
    description=(
        "No stack output that is not a secret holds key material or a connection string with "
        "a password (judged where secret outputs are marked: the offline plan)."
    ),
    severity="critical",
    remediation=(
        "Export the value with pulumi.Output.secret(...), or export the ARN of a Secrets "
        "Manager secret that holds it."
    ),
    resource_types=(PULUMI_STACK,),
    check_stack=check_stack,
)
