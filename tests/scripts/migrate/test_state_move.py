"""`state_move` does what `pulumi state move` documents, on small exports."""

from __future__ import annotations

import pytest

from scripts.migrate.state_move import MoveError, state_move

ROOT = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev"
PROV = "urn:pulumi:dev::proj::pulumi:providers:aws::aws"
COMP = "urn:pulumi:dev::proj::my:index:Comp::c"
CHILD = "urn:pulumi:dev::proj::my:index:Comp$aws:s3/bucket:Bucket::c-bucket"
GRAND = (
    "urn:pulumi:dev::proj::my:index:Comp$aws:s3/bucket:Bucket"
    "$aws:s3/bucketPolicy:BucketPolicy::c-policy"
)
KEEP = "urn:pulumi:dev::proj::aws:kms/key:Key::key"
USER = "urn:pulumi:dev::proj::aws:sns/topic:Topic::topic"


def source():
    return [
        {"urn": ROOT, "type": "pulumi:pulumi:Stack", "custom": False},
        {"urn": PROV, "type": "pulumi:providers:aws", "custom": True, "id": "p1", "parent": ROOT},
        {
            "urn": KEEP,
            "type": "aws:kms/key:Key",
            "custom": True,
            "id": "k",
            "parent": ROOT,
            "provider": f"{PROV}::p1",
        },
        {"urn": COMP, "type": "my:index:Comp", "custom": False, "parent": ROOT},
        {
            "urn": CHILD,
            "type": "aws:s3/bucket:Bucket",
            "custom": True,
            "id": "b",
            "parent": COMP,
            "provider": f"{PROV}::p1",
            "dependencies": [KEEP],
            "propertyDependencies": {"kmsKey": [KEEP]},
        },
        {
            "urn": GRAND,
            "type": "aws:s3/bucketPolicy:BucketPolicy",
            "custom": True,
            "id": "bp",
            "parent": CHILD,
            "provider": f"{PROV}::p1",
            "dependencies": [CHILD],
        },
        {
            "urn": USER,
            "type": "aws:sns/topic:Topic",
            "custom": True,
            "id": "t",
            "parent": ROOT,
            "provider": f"{PROV}::p1",
            "dependencies": [CHILD],
        },
    ]


def urns(resources):
    return [r["urn"] for r in resources]


def test_a_named_resource_moves_with_every_descendant():
    moved = state_move(source(), [], [COMP], "dev.d", "dom")
    assert moved.moved == [COMP, CHILD, GRAND]
    assert urns(moved.source) == [ROOT, PROV, KEEP, USER]


def test_urns_get_the_destination_stack_and_project_only():
    dest = state_move(source(), [], [COMP], "dev.d", "dom").dest
    assert urns(dest) == [
        "urn:pulumi:dev.d::dom::pulumi:pulumi:Stack::dom-dev.d",
        "urn:pulumi:dev.d::dom::pulumi:providers:aws::aws",
        "urn:pulumi:dev.d::dom::my:index:Comp::c",
        "urn:pulumi:dev.d::dom::my:index:Comp$aws:s3/bucket:Bucket::c-bucket",
        "urn:pulumi:dev.d::dom::my:index:Comp$aws:s3/bucket:Bucket$aws:s3/bucketPolicy:BucketPolicy::c-policy",
    ]
    policy = dest[-1]
    assert policy["parent"] == "urn:pulumi:dev.d::dom::my:index:Comp$aws:s3/bucket:Bucket::c-bucket"
    assert policy["provider"] == "urn:pulumi:dev.d::dom::pulumi:providers:aws::aws::p1"
    assert policy["dependencies"] == [policy["parent"]]


def test_a_resource_whose_parent_stays_goes_under_the_destination_root():
    moved = state_move(source(), [], [CHILD], "dev.d", "dom")
    bucket = next(r for r in moved.dest if r["type"] == "aws:s3/bucket:Bucket")
    assert bucket["parent"] == "urn:pulumi:dev.d::dom::pulumi:pulumi:Stack::dom-dev.d"
    # The URN keeps its old parent type: the program needs an alias.
    assert bucket["urn"].endswith("::my:index:Comp$aws:s3/bucket:Bucket::c-bucket")


def test_providers_are_copied_not_moved():
    moved = state_move(source(), [], [COMP], "dev.d", "dom")
    assert PROV in urns(moved.source)
    copied = next(r for r in moved.dest if r["type"] == "pulumi:providers:aws")
    assert copied["id"] == "p1"
    assert copied["parent"] == moved.dest[0]["urn"]


def test_dependencies_across_the_two_stacks_are_dropped_on_both_sides():
    moved = state_move(source(), [], [COMP], "dev.d", "dom")
    bucket = next(r for r in moved.dest if r["type"] == "aws:s3/bucket:Bucket")
    assert bucket["dependencies"] == []
    assert bucket["propertyDependencies"] == {}
    topic = next(r for r in moved.source if r["urn"] == USER)
    assert topic["dependencies"] == []
    assert moved.broken_in_dest == [(CHILD, KEEP), (CHILD, KEEP)]
    assert moved.broken_in_source == [(USER, CHILD)]


def test_naming_a_provider_is_refused():
    with pytest.raises(MoveError, match="cannot move providers"):
        state_move(source(), [], [PROV], "dev.d", "dom")


def test_a_provider_already_in_the_destination_with_its_id_is_reused():
    first = state_move(source(), [], [KEEP], "dev.d", "dom")
    second = state_move(first.source, first.dest, [COMP], "dev.d", "dom")
    providers = [r for r in second.dest if r["type"] == "pulumi:providers:aws"]
    assert len(providers) == 1


def test_a_different_provider_of_the_same_urn_is_refused():
    first = state_move(source(), [], [KEEP], "dev.d", "dom")
    for r in first.source:
        if r["urn"] == PROV:
            r["id"], r["inputs"] = "p2", {"region": "us-east-1"}
            for x in first.source:
                if x.get("provider") == f"{PROV}::p1":
                    x["provider"] = f"{PROV}::p2"
    with pytest.raises(MoveError, match="already exists in destination"):
        state_move(first.source, first.dest, [COMP], "dev.d", "dom")


def test_the_inputs_are_left_untouched():
    original = source()
    state_move(original, [], [COMP], "dev.d", "dom")
    assert original == source()
