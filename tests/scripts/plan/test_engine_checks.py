"""`dataplat plan` refuses what the Pulumi engine refuses and the mock runtime accepts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pulumi
import pytest

from scripts.cli import main
from scripts.plan.engine_checks import EngineRefusal, check_registrations, refusals_of
from scripts.plan.mocks import PlausibleMocks
from scripts.plan.runtime import AliasSpec, Registration, run_callable

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DUPLICATE = FIXTURES / "duplicate_urn_program"
STACK = "urn:pulumi:test::app::pulumi:pulumi:Stack::app-test"
BUCKET = "aws:s3/bucket:Bucket"


def _messages(program: Callable[[], None]) -> list[str]:
    run = run_callable(
        program, project="app", stack="test", mocks=PlausibleMocks("111122223333", "eu-west-1")
    )
    return [str(r) for r in refusals_of(run.registrations)]


def _registration(urn: str, type_: str = BUCKET, **options: object) -> Registration:
    fields: dict[str, object] = {
        "urn": urn,
        "type": type_,
        "name": urn.rsplit("::", 1)[1],
        "custom": True,
        "parent": STACK,
        "dependencies": [],
        "protect": False,
        "retain_on_delete": False,
        "provider": None,
        "inputs": {},
    }
    fields.update(options)
    return Registration(**fields)  # type: ignore[arg-type]


def _stack() -> Registration:
    return _registration(STACK, "pulumi:pulumi:Stack", custom=False, parent=None)


def _bucket(name: str, **options: object) -> Registration:
    return _registration(f"urn:pulumi:test::app::{BUCKET}::{name}", **options)


def test_a_program_with_two_resources_under_one_urn_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "plan.json"
    code = main(
        [
            "plan",
            "--program",
            str(DUPLICATE),
            "--config",
            str(DUPLICATE / "Pulumi.test.yaml"),
            "--out",
            str(out),
        ]
    )
    error = capsys.readouterr().err
    assert code == 2
    assert not out.exists()
    assert (
        "Duplicate resource URN 'urn:pulumi:test::duplicate-app::aws:s3/bucket:Bucket::reports'"
        in error
    )
    assert f"{DUPLICATE / '__main__.py'}:15" in error
    assert "Traceback" not in error


def test_the_same_program_with_one_copy_plans(tmp_path):
    config = tmp_path / "Pulumi.test.yaml"
    config.write_text('config:\n  duplicate-app:copies: "1"\n')
    out = tmp_path / "plan.json"
    code = main(["plan", "--program", str(DUPLICATE), "--config", str(config), "--out", str(out)])
    assert code != 2  # its bucket may well violate policies (exit 1); it is not refused
    assert out.is_file()


def test_children_with_one_name_under_two_components_of_one_type_collide():
    # A child's URN holds its parent's type, not its parent's name.
    class Box(pulumi.ComponentResource):
        def __init__(self, name: str) -> None:
            super().__init__("app:index:Box", name)
            pulumi.CustomResource(BUCKET, "data", {}, pulumi.ResourceOptions(parent=self))

    def program() -> None:
        Box("a")
        Box("b")

    messages = _messages(program)
    assert len(messages) == 1
    assert (
        f"Duplicate resource URN 'urn:pulumi:test::app::app:index:Box${BUCKET}::data'"
        in (messages[0])
    )


def test_duplicates_are_judged_on_the_engines_urn_not_the_mocks():
    # The mocks prefix a child's type with its parent's last type only, so these two
    # children share a mock URN; the engine keeps the whole parent chain apart.
    class Inner(pulumi.ComponentResource):
        def __init__(self, name: str, parent: pulumi.Resource) -> None:
            super().__init__("app:index:Inner", name, None, pulumi.ResourceOptions(parent=parent))
            pulumi.CustomResource(BUCKET, "data", {}, pulumi.ResourceOptions(parent=self))

    def program() -> None:
        Inner("x", pulumi.ComponentResource("app:index:Left", "one"))
        Inner("x", pulumi.ComponentResource("app:index:Right", "one"))

    assert _messages(program) == []


def test_a_custom_resource_with_a_two_part_type_is_refused():
    messages = _messages(lambda: pulumi.CustomResource("team:Bucket", "b", {}) and None)
    assert len(messages) == 1
    assert "Type 'team:Bucket' is not a valid type token (must have format '*:*:*')" in messages[0]


def test_a_component_may_have_any_type():
    assert _messages(lambda: pulumi.ComponentResource("team-bucket", "b") and None) == []


def test_a_parent_that_was_never_registered_is_refused():
    ghost = "urn:pulumi:test::app::app:index:Box::ghost"
    refusals = list(refusals_of([_stack(), _bucket("b", parent=ghost)]))
    assert [r.message for r in refusals] == [f"could not find parent resource {ghost}"]


def test_a_parent_registered_after_its_child_is_refused():
    box = _registration("urn:pulumi:test::app::app:index:Box::box", "app:index:Box", custom=False)
    refusals = list(refusals_of([_stack(), _bucket("b", parent=box.urn), box]))
    assert [r.message for r in refusals] == [
        f"could not find parent resource {box.urn} (it is registered after its child)"
    ]


def test_a_dependency_that_was_never_registered_is_refused():
    missing = "urn:pulumi:test::app::aws:s3/bucket:Bucket::gone"
    messages = [str(r) for r in refusals_of([_stack(), _bucket("b", dependencies=[missing])])]
    assert messages == [
        f"{BUCKET} [b] (urn:pulumi:test::app::{BUCKET}::b): dependency {missing} refers to a "
        "missing resource; the engine refuses to write such a snapshot"
    ]


def test_a_dependency_registered_later_is_refused():
    later = _bucket("later")
    refusals = list(refusals_of([_stack(), _bucket("b", dependencies=[later.urn]), later]))
    assert ["comes after it" in r.message for r in refusals] == [True]


def test_a_dependency_that_is_not_a_urn_is_refused():
    refusals = list(refusals_of([_stack(), _bucket("b", dependencies=["bucket-b"])]))
    assert [r.message for r in refusals] == [
        "invalid dependency URN: 'bucket-b' is not a valid URN"
    ]


def test_a_provider_reference_to_a_resource_that_is_not_a_provider_is_refused():
    other = _bucket("other")
    refusals = list(refusals_of([_stack(), other, _bucket("b", provider=other.urn)]))
    assert [r.message for r in refusals] == [
        f"bad provider reference '{other.urn}': invalid module in type: expected "
        "'pulumi:providers', got 'aws:s3/bucket'"
    ]


def test_a_provider_reference_to_an_unregistered_provider_is_refused():
    provider = "urn:pulumi:test::app::pulumi:providers:aws::eu"
    refusals = list(refusals_of([_stack(), _bucket("b", provider=provider)]))
    assert [r.message for r in refusals] == [f"unknown provider '{provider}'"]


def test_a_registered_provider_is_accepted():
    provider = _registration(
        "urn:pulumi:test::app::pulumi:providers:aws::eu", "pulumi:providers:aws"
    )
    assert list(refusals_of([_stack(), provider, _bucket("b", provider=provider.urn)])) == []


def test_an_alias_naming_another_resources_urn_is_refused():
    def program() -> None:
        pulumi.CustomResource(BUCKET, "old", {})
        pulumi.CustomResource(
            BUCKET, "new", {}, pulumi.ResourceOptions(aliases=[pulumi.Alias(name="old")])
        )

    messages = _messages(program)
    assert len(messages) == 1
    assert (
        f"Duplicate resource URN 'urn:pulumi:test::app::{BUCKET}::old' conflicting with alias"
        in messages[0]
    )
    assert f"{BUCKET} [new]" in messages[0]


def test_one_alias_claimed_by_two_resources_is_refused():
    alias = [AliasSpec(name="old")]
    refusals = list(
        refusals_of([_stack(), _bucket("a", aliases=alias), _bucket("b", aliases=alias)])
    )
    assert len(refusals) == 1
    assert refusals[0].registration.name == "b"
    assert refusals[0].message.startswith(
        f"Duplicate resource alias 'urn:pulumi:test::app::{BUCKET}::old'"
    )


def test_an_alias_a_resource_repeats_or_that_is_its_own_urn_is_accepted():
    aliases = [AliasSpec(type="aws:s3/bucketV2:BucketV2")] * 2 + [AliasSpec(name="b")]
    assert list(refusals_of([_stack(), _bucket("b", aliases=aliases)])) == []


def test_every_refusal_is_reported_at_once():
    bad = _registration("urn:pulumi:test::app::bad::c", "bad")
    regs = [_stack(), _bucket("b", dependencies=["x"]), _bucket("b"), bad]
    with pytest.raises(EngineRefusal) as raised:
        check_registrations(regs)
    assert len(raised.value.refusals) == 3
    assert str(raised.value).count("\n  - ") == 3


def test_the_real_stacks_pass(stack_plan):
    # plan() runs the engine checks: a refusal would have raised before the document.
    assert stack_plan["resources"]
