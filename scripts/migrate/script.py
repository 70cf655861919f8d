"""The migration as a shell script: checks, backups, stack creation, moves, previews.

`pulumi state move` flags (pulumi docs `pulumi_state_move`, CLI v3): `--source`, `--dest`,
`--include-parents`, `--yes`; URNs as arguments, each single-quoted (they contain `$`).
Across projects both stacks are named fully, `<org>/<project>/<stack>`
(https://www.pulumi.com/docs/iac/operations/stack-management/moving-resources-between-stacks/).
`--include-parents` is not used: the parents (DataPlatform, Orchestration) stay.
Order: every domain's move, then the edges move (the bucket notifications), then the
previews of every stack.
"""

from __future__ import annotations

import shlex

from policies.rules.facts.stack_layout import (
    DOMAIN_PROJECT_DIR,
    EDGES_PROJECT,
    EDGES_PROJECT_DIR,
    PLATFORM_PROJECT,
)
from scripts.migrate.plan import DomainMove, Migration


def render(migration: Migration, organization: str, export_name: str) -> str:
    """The script's text (bash, `set -euo pipefail`), commented step by step."""
    env = migration.env
    source = f"{organization}/{PLATFORM_PROJECT}/{env}"
    q = shlex.quote
    lines = [
        "#!/usr/bin/env bash",
        f"# dataplat migrate domain-stacks --env {env}: {len(migration.moves)} domain stack(s)"
        f"{' and the edges stack' if migration.edges else ''},",
        f"# computed from {export_name}. Runbook: docs/runbooks/migrate-domain-stacks.md.",
        "# Run from the repository root at the commit that splits the stacks (domains/, edges/),",
        "# logged in to the state backend. PRE_SPLIT_DIR: a checkout of the commit before it;",
        "# SECRETS_PROVIDER: the platform stack's (`pulumi stack init --secrets-provider`).",
        "set -euo pipefail",
        ': "${PRE_SPLIT_DIR:?a checkout of the commit before the split}"',
        ': "${SECRETS_PROVIDER:?e.g. awskms://alias/<key>?region=<region>}"',
        "",
        "# 1. The platform stack matches its program (before the split), and a backup is kept.",
        f'pulumi preview --cwd "$PRE_SPLIT_DIR" --stack {q(source)} --expect-no-changes',
        f"pulumi stack export --stack {q(source)} --file {q(f'backup-{env}.json')}",
    ]
    moves = migration.all_moves()
    for n, move in enumerate(moves, start=2):
        dest = f"{organization}/{move.project}/{move.dest_stack}"
        cwd = _project_dir(move)
        what = "Edges:" if move.project == EDGES_PROJECT else f"Domain {move.domain}:"
        lines += [
            "",
            f"# {n}. {what} {move.moved} resources to {dest}",
            f"#    ({len(move.providers)} providers copied; the platform keeps its own).",
            f"#    The {move.project} program registers at its stack root, with aliases:",
        ]
        for registered, alias in sorted(move.aliases.items()):
            lines += [f"#      {registered}", f"#        alias {alias}"]
        if move.reads:
            lines.append(f"#    It reads {len(move.reads)} platform resources via StackReference.")
        lines += [
            f"pulumi stack select --cwd {cwd} {q(dest)} 2>/dev/null \\",
            f'  || pulumi stack init --cwd {cwd} {q(dest)} --secrets-provider "$SECRETS_PROVIDER"',
            f"pulumi state move --source {q(source)} --dest {q(dest)} --yes \\",
        ]
        lines += [f"  {q(urn)} \\" for urn in move.urns[:-1]] + [f"  {q(move.urns[-1])}"]
    last = len(moves) + 2
    lines += [
        "",
        f"# {last}. Every stack's program (this commit's) matches its state: no change anywhere.",
        f"pulumi preview --stack {q(source)} --expect-no-changes",
    ]
    for move in moves:
        dest = f"{organization}/{move.project}/{move.dest_stack}"
        lines.append(
            f"pulumi preview --cwd {_project_dir(move)} --stack {q(dest)} --expect-no-changes"
        )
    return "\n".join(lines) + "\n"


def _project_dir(move: DomainMove) -> str:
    """The directory of the destination project's `Pulumi.yaml`."""
    return EDGES_PROJECT_DIR if move.project == EDGES_PROJECT else DOMAIN_PROJECT_DIR
