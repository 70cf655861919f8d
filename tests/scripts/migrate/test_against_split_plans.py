"""The migration's moves, applied to the single stack's export, leave each stack holding
exactly what `dataplat plan --env` declares for it (issue 24's done-when), and every alias
the migration lists is one the split programs declare."""

from __future__ import annotations

import json

import pytest

from policies.rules.facts.stack_layout import EDGES_PROJECT
from scripts.diff.identity import head_identities
from scripts.migrate.plan import Migration, migration
from scripts.migrate.urns import identity
from scripts.plan.engine_checks import engine_urns
from tests.scripts.migrate.env_plans import env_plan_dirs, read_dir
from tests.scripts.migrate.synthetic_export import export_of

# The root stack and the stack references are registered by each program, not moved.
OWN = ("pulumi:pulumi:Stack", "pulumi:pulumi:StackReference")


@pytest.fixture(scope="module", params=["dev", "prod"])
def environment(request, tmp_path_factory):
    env = request.param
    single, split = env_plan_dirs(tmp_path_factory, env)
    plan = json.loads((single / f"plan-{env}.json").read_text())
    moved = migration(export_of(plan)["deployment"]["resources"], env, "export")
    return env, moved, read_dir(split)


def declared(document) -> set[str]:
    """The identities of what a plan declares (the engine's URNs less stack and project)."""
    return {
        identity(u)
        for u in engine_urns(document["resources"]).values()
        if not u.split("::")[2].startswith(OWN)
    }


def files(env: str, moved: Migration) -> dict[str, object]:
    return {
        (f"plan-{env}.edges.json" if m.project == EDGES_PROJECT else f"plan-{m.dest_stack}.json"): m
        for m in moved.all_moves()
    }


def test_every_stack_holds_exactly_what_its_plan_declares(environment):
    env, moved, split = environment
    assert sorted(files(env, moved)) == sorted(n for n in split if n != f"plan-{env}.json")
    for name, move in files(env, moved).items():
        after = {identity(r["urn"]) for r in move.dest if not r["type"].startswith(OWN)}
        # The state keeps the old parent chain; the program registers it re-rooted.
        assert {move.identity_map[i] for i in after} == declared(split[name]), name
    platform = {identity(r["urn"]) for r in moved.platform_after if not r["type"].startswith(OWN)}
    assert platform == declared(split[f"plan-{env}.json"])


def test_every_alias_the_migration_lists_is_declared_by_the_split_program(environment):
    env, moved, split = environment
    for name, move in files(env, moved).items():
        resources = split[name]["resources"]
        own = engine_urns(resources)
        known = head_identities(resources, set(move.aliases.values()))
        resolved = {own[urn]: known[urn] for urn in own}
        missing = {r: a for r, a in move.aliases.items() if resolved.get(r) != a}
        assert move.aliases and not missing, name
