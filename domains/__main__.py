"""The domain program: one data domain in its own stack (`<env>.<domain>`).

Its config is the platform stack's plus `data-platform-domain:domain` (written by
`dataplat up --env`); the domain's file is read from the repository's stacks/domains/.
docs/design/domain-stacks.md.
"""

import sys
from pathlib import Path

# The repository root, whose packages this program is made of (the platform's own
# program finds them beside it; this one lives a directory below).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pulumi  # noqa: E402

from composition.domain_stack import compose_domain_stack  # noqa: E402
from policies.rules.facts.stack_layout import DOMAIN_KEY, DOMAIN_PROJECT  # noqa: E402
from stacks.domain_file import domain_for_program  # noqa: E402
from stacks.stack_file import (  # noqa: E402
    platform_from_pulumi_config,
    snowflake_private_key_from_pulumi_config,
)

config = platform_from_pulumi_config()
name = pulumi.Config(DOMAIN_PROJECT).require(DOMAIN_KEY)
stack = compose_domain_stack(
    "data-platform",
    config,
    snowflake_private_key_from_pulumi_config(),
    domain_for_program(config, ROOT, name),
)
for key, value in stack.outputs().items():
    pulumi.export(key, value)
