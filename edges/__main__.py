"""The edges program: each lake zone bucket's notifications in a split environment.

Its config is the platform stack's (written by `dataplat up --env`); it reads the
platform's and every domain stack's pipes through stack references.
docs/design/domain-stacks.md §4.
"""

import sys
from pathlib import Path

# The repository root, whose packages this program is made of.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from composition.edges_stack import compose_edges_stack  # noqa: E402
from stacks.domain_file import domains_for_program  # noqa: E402
from stacks.stack_file import platform_from_pulumi_config  # noqa: E402

config = platform_from_pulumi_config()
compose_edges_stack("data-platform", config, domains_for_program(config, ROOT))
