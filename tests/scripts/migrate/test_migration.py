"""The migration's moves, applied to the dev stack's export, leave each stack holding
exactly its share: every domain's resources in its stack, the bucket notifications in the
edges stack, the rest in the platform's, nothing recreated (same inputs, same ids), and
every reference inside its own stack."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scripts.errors import UserError
from scripts.migrate.plan import migration
from scripts.migrate.script import render
from scripts.migrate.state_move import state_move
from scripts.migrate.urns import identity
from tests.scripts.migrate.synthetic_export import export_of

DOMAIN_TYPE = "dataplatform:domain:DataDomain"
CONNECTION = "data-platform-orchestration-connection-"
PROJECT = "data-platform-domain"
EDGES_PROJECT = "data-platform-edges"
DB = "dataplatform:snowflake:ManagedDatabase"
NOTIFICATIONS = "dataplatform:storage:BucketNotifications"


@pytest.fixture(scope="module")
def exported(plans) -> list[dict[str, Any]]:
    return export_of(plans["dev"])["deployment"]["resources"]


@pytest.fixture(scope="module")
def migrated(exported):
    return migration(exported, "dev", "dev.json")


def subtree(resources, urn):
    inside = {urn}
    for r in resources:
        if r.get("parent") in inside:
            inside.add(r["urn"])
    return inside


def expected_share(resources, domain: str) -> set[str]:
    """Written apart from ownership.py: the domain component, its consumer grants, its
    alert subscriptions, its Glue jobs, its contracts' crawlers, checks and pipe tags, and Airflow's
    connections of its pipelines, each with everything under it."""
    names = {
        f"data-platform-domain-{domain}",
        f"data-platform-domain-{domain}-consumers",
        f"data-platform-domain-{domain}-alerts",
        f"data-platform-crawlers-{domain}",
        f"data-platform-quality-{domain}",
        f"data-platform-domain-{domain}-contract-tags",
        f"data-platform-domain-{domain}-jobs",
    }
    tops = [r["urn"] for r in resources if r["urn"].rsplit("::", 1)[1] in names]
    tops += [
        r["urn"]
        for r in resources
        if r["type"] == "dataplatform:secrets:AirflowConnectionSecret"
        and r["urn"]
        .rsplit("::", 1)[1]
        .startswith(f"data-platform-orchestration-connection-{domain}_")
    ]
    return set().union(*(subtree(resources, u) for u in tops))


def expected_edges(resources) -> set[str]:
    """Written apart from ownership.py: each zone bucket's notification component
    (`data-platform-lake-<zone>`), with everything under it."""
    tops = [
        r["urn"]
        for r in resources
        if r["type"] == NOTIFICATIONS
        and r["urn"].rsplit("::", 1)[1].startswith("data-platform-lake-")
    ]
    return set().union(*(subtree(resources, u) for u in tops))


def test_the_dev_stack_has_domains_to_move(exported, migrated):
    prefix = "data-platform-domain-"
    names = [r["urn"].rsplit("::", 1)[1] for r in exported if r["type"] == DOMAIN_TYPE]
    domains = sorted(n.removeprefix(prefix) for n in names)
    assert [m.domain for m in migrated.moves] == domains
    assert domains  # the dev stack's domain files (marketing today)


def test_each_domain_stack_holds_exactly_its_share(exported, migrated):
    for move in migrated.moves:
        want = {identity(u) for u in expected_share(exported, move.domain)}
        got = {identity(r["urn"]) for r in move.dest if not r["type"].startswith("pulumi:")}
        assert got == want, move.domain
        assert move.moved == len(want)


def test_the_platform_keeps_everything_else(exported, migrated):
    moved = set().union(*(expected_share(exported, m.domain) for m in migrated.moves))
    moved |= expected_edges(exported)
    want = [r["urn"] for r in exported if r["urn"] not in moved]
    assert [r["urn"] for r in migrated.platform_after] == want
    assert not [r for r in migrated.platform_after if r["type"] == DOMAIN_TYPE]


def test_the_edges_stack_holds_exactly_the_bucket_notifications(exported, migrated):
    edges = migrated.edges
    assert edges is not None
    assert (edges.project, edges.dest_stack) == (EDGES_PROJECT, "dev")
    want = {identity(u) for u in expected_edges(exported)}
    assert want, "the dev stack has bucket notifications (its pipes' queues)"
    got = {identity(r["urn"]) for r in edges.dest if not r["type"].startswith("pulumi:")}
    assert got == want
    assert edges.moved == len(want)
    # Besides them, only what `pulumi state move` adds: the root stack and copied providers.
    extra = {r["type"] for r in edges.dest if identity(r["urn"]) not in want}
    assert extra == {"pulumi:pulumi:Stack", "pulumi:providers:aws"}
    used = {r["provider"].rpartition("::")[0] for r in edges.dest if r.get("provider")}
    assert set(edges.providers) == used


def test_the_platform_keeps_no_resource_depending_on_a_domain(exported, migrated):
    # Judged on the export (the move itself drops cross-stack dependencies).
    domains = set().union(*(expected_share(exported, m.domain) for m in migrated.moves))
    kept = {r["urn"] for r in migrated.platform_after}
    before = {r["urn"]: r for r in exported}
    for urn in kept:
        r = before[urn]
        deps = set(r.get("dependencies") or [])
        for more in (r.get("propertyDependencies") or {}).values():
            deps |= set(more)
        assert not deps & domains, f"{urn} depends on {sorted(deps & domains)}"
    # ... and what did depend on a domain (the notifications) left with the edges move.
    keeps = {u for m in migrated.moves for u, _ in m.platform_keeps}
    assert keeps and keeps <= expected_edges(exported)


def test_the_notifications_are_aliased_from_their_old_parent_chain(migrated):
    edges = migrated.edges
    assert edges is not None
    head = f"urn:pulumi:dev::{EDGES_PROJECT}::"
    new = f"{head}{NOTIFICATIONS}::data-platform-lake-raw"
    old = f"{head}dataplatform:index:DataPlatform${NOTIFICATIONS}::data-platform-lake-raw"
    assert edges.aliases[new] == old
    after = f"{NOTIFICATIONS}$aws:s3/bucketNotification:BucketNotification"
    before = f"dataplatform:index:DataPlatform${after}"
    name = "::data-platform-lake-raw-notifications"
    assert edges.identity_map[before + name] == after + name


def test_nothing_is_recreated_inputs_and_ids_are_the_same(exported, migrated):
    before = {identity(r["urn"]): r for r in exported}
    for move in migrated.all_moves():
        for r in move.dest:
            if r["type"] == "pulumi:pulumi:Stack":
                continue
            old = before[identity(r["urn"])]
            assert (r.get("id"), r.get("inputs")) == (old.get("id"), old.get("inputs")), r["urn"]


def test_every_reference_stays_inside_its_stack(migrated):
    stacks = [migrated.platform_after] + [m.dest for m in migrated.all_moves()]
    for resources in stacks:
        present = {r["urn"] for r in resources}
        for r in resources:
            refs = [r.get("parent"), *(r.get("dependencies") or [])]
            if r.get("provider"):
                refs.append(r["provider"].rpartition("::")[0])
            dangling = [u for u in refs if u and u not in present]
            assert not dangling, f"{r['urn']} refers to {dangling}"


def test_each_domain_stack_gets_the_providers_its_resources_use(exported, migrated):
    for move in migrated.moves:
        used = {r["provider"].rpartition("::")[0] for r in move.dest if r.get("provider")}
        assert set(move.providers) == used
    platform_providers = [r for r in migrated.platform_after if r["type"].startswith("pulumi:prov")]
    assert len(platform_providers) == len(
        [r for r in exported if r["type"].startswith("pulumi:providers:")]
    )


def test_the_domain_component_is_aliased_from_its_old_parent_chain(migrated):
    move = migrated.moves[0]
    d = move.domain
    new = f"urn:pulumi:dev.{d}::{PROJECT}::{DOMAIN_TYPE}::data-platform-domain-{d}"
    old = (
        f"urn:pulumi:dev.{move.domain}::data-platform-domain::dataplatform:index:DataPlatform"
        f"${DOMAIN_TYPE}::data-platform-domain-{move.domain}"
    )
    assert move.aliases[new] == old
    aws = "urn:pulumi:dev.{d}::data-platform-domain::pulumi:providers:aws::data-platform-aws"
    assert aws.format(d=move.domain) in move.aliases


def test_the_identity_map_drops_the_platform_prefix(migrated):
    move = migrated.moves[0]
    d = move.domain
    after = f"{DOMAIN_TYPE}${DB}::data-platform-domain-{d}-db"
    assert move.identity_map[f"dataplatform:index:DataPlatform${after}"] == after
    assert len(move.identity_map) == move.moved + len(move.providers)


def test_running_the_scripts_moves_in_order_gives_the_same_stacks(exported, migrated):
    # The script names only the roots; Pulumi's semantics do the rest, one domain at a time.
    remaining = exported
    for move in migrated.all_moves():
        done = state_move(remaining, [], move.urns, move.dest_stack, move.project)
        assert done.dest == move.dest
        remaining = done.source
    assert remaining == migrated.platform_after
    assert [m.project for m in migrated.all_moves()][-1] == EDGES_PROJECT


def test_the_script_quotes_every_urn_and_names_both_stacks_fully(migrated):
    text = render(migrated, "organization", "dev.json")
    d = migrated.moves[0].domain
    assert (
        "pulumi state move --source organization/data-platform/dev "
        f"--dest organization/data-platform-domain/dev.{d} --yes \\"
    ) in text
    assert (
        "'urn:pulumi:dev::data-platform::dataplatform:index:DataPlatform$dataplatform:domain:DataDomain"
        in text
    )
    assert text.index("pulumi stack export") < text.index("pulumi state move")
    edges = (
        "pulumi state move --source organization/data-platform/dev "
        "--dest organization/data-platform-edges/dev --yes"
    )
    assert text.count(edges) == 1
    assert text.rindex(f"--dest organization/data-platform-domain/dev.{d}") < text.index(edges)
    assert "pulumi stack init --cwd edges organization/data-platform-edges/dev" in text
    last = "pulumi preview --cwd edges --stack organization/data-platform-edges/dev"
    assert text.rstrip().endswith(f"{last} --expect-no-changes")


def test_another_stacks_export_is_refused(exported):
    with pytest.raises(UserError, match="not the export of data-platform/prod"):
        migration(exported, "prod", "dev.json")


def test_an_undecided_reverse_dependency_is_refused(exported):
    domain_urn = next(r["urn"] for r in exported if r["type"] == DOMAIN_TYPE)
    changed = json.loads(json.dumps(exported))
    alarm = next(r for r in changed if r["type"] == "aws:sns/topic:Topic")
    alarm["dependencies"] = [*alarm.get("dependencies", []), domain_urn]
    with pytest.raises(UserError, match=r"say in scripts/migrate/ownership\.py"):
        migration(changed, "dev", "dev.json")


def test_the_command_writes_the_script_and_refuses_another_environment(
    exported, migrated, tmp_path, capsys
):
    from scripts.cli import main

    export = tmp_path / "dev-export.json"
    export.write_text(json.dumps({"version": 3, "deployment": {"resources": exported}}))
    out = tmp_path / "migrate-dev.sh"
    argv = ["migrate", "domain-stacks", "--env", "dev", "--export", str(export)]
    assert main([*argv, "--out", str(out)]) == 0
    assert out.read_text().count("pulumi state move ") == len(migrated.moves) + 1
    err = capsys.readouterr().err
    for m in migrated.moves:
        line = f"{m.domain}: {m.moved} resources, {len(m.providers)} providers copied"
        assert f"{line}, {len(m.aliases)} aliases" in err
    assert main([*argv, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [d["dest_stack"] for d in document["domains"]] == [m.dest_stack for m in migrated.moves]
    assert document["edges"]["dest_project"] == EDGES_PROJECT
    assert document["edges"]["aliases"] == migrated.edges.aliases
    bad = ["migrate", "domain-stacks", "--env", "prod", "--export", str(export)]
    assert main(bad) == 2
    assert "not the export of data-platform/prod" in capsys.readouterr().err


def test_a_notification_outside_the_edges_components_is_refused(exported):
    changed = json.loads(json.dumps(exported))
    notification = next(
        r for r in changed if r["type"] == "aws:s3/bucketNotification:BucketNotification"
    )
    root = next(r["urn"] for r in changed if r["type"] == "pulumi:pulumi:Stack")
    notification["parent"] = root  # no longer under a BucketNotifications component
    with pytest.raises(UserError, match="only resources under an EDGES component"):
        migration(changed, "dev", "dev.json")
