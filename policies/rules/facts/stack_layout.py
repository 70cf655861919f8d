"""Where an environment's stacks live: the projects and stack names of the split.

One home for names the programs, the offline plan, the orchestrator, the migration and the
policy pack (which runs in its own virtualenv, hence here among the pack's facts) all
use (docs/design/domain-stacks.md §1): the platform project at the repository root, the
domain project in `domains/` (one stack `<env>.<domain>` per domain file) and the edges
project in `edges/` (one stack `<env>`: each zone bucket's notifications, which need every
pipe's queue).
"""

from __future__ import annotations

PLATFORM_PROJECT = "data-platform"
DOMAIN_PROJECT = "data-platform-domain"
EDGES_PROJECT = "data-platform-edges"
DOMAIN_PROJECT_DIR = "domains"
EDGES_PROJECT_DIR = "edges"
# The domain project's own config key: which domain file the stack deploys.
DOMAIN_KEY = "domain"
# Names a domain may not take: the orchestrator's names of the other two layers.
RESERVED_DOMAIN_NAMES = frozenset({"platform", "edges"})


def domain_stack(environment: str, domain: str) -> str:
    """The stack name of `domain` in `environment` (`dev.marketing`)."""
    return f"{environment}.{domain}"


def qualified(organization: str, project: str, stack: str) -> str:
    """`<org>/<project>/<stack>`, as a StackReference names a stack (on a DIY backend the
    organisation is the literal `organization`)."""
    return f"{organization}/{project}/{stack}"


# The projects whose stacks are parts of an environment: a rule about the whole
# environment cannot judge one of them alone.
PART_PROJECTS = frozenset({DOMAIN_PROJECT, EDGES_PROJECT})


def environment_of(stack: str) -> str:
    """The environment part of a stack name: `dev.marketing` -> `dev`, `dev` -> `dev`."""
    return stack.split(".", 1)[0]
