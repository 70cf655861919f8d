"""Two key slots per generated service user, rotating half a period apart, under mocks.

The mocks give every private key its own (fake) key pair and let a test say which
slot rotated last, so the connection secret's key can be checked for each case.
"""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pytest

from components.snowflake.pipeline_service_user import (
    ServiceUserArgs,
    newer_slot,
    offset_rfc3339,
)
from scripts.plan import command
from scripts.plan.mocks import ROTATING, PlausibleMocks
from scripts.plan.runtime import Registration
from stacks.snowflake_config import SNOWFLAKE_ENVIRONMENT_DEFAULTS

from .conftest import register_service_user

PRIVATE_KEY = "tls:index/privateKey:PrivateKey"
USER = "snowflake:index/serviceUser:ServiceUser"
VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
A_BASE = "2026-01-01T00:00:00Z"


class SlotMocks(PlausibleMocks):
    """A key pair per key name; slot bases as the state would hold them after
    `newer` rotated last; every secret value kept for the test to read."""

    def __init__(self, newer: str | None = None) -> None:
        super().__init__("111122223333", "eu-west-1")
        self.newer = newer
        self.secret_strings: dict[str, str] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        resource_id, outputs = super().new_resource(args)
        if args.typ == PRIVATE_KEY:
            outputs["publicKeyPem"] = (
                f"-----BEGIN PUBLIC KEY-----\nPUB{abs(hash(args.name))}\n-----END PUBLIC KEY-----\n"
            )
            outputs["privateKeyPemPkcs8"] = f"PRIVATE {args.name}"
        if args.typ == ROTATING and self.newer is not None:
            # A rotated at 2026-06-01 while B kept its base (ignore_changes), or B
            # rotated at 2026-07-01 after A's 2026-06-01.
            slot = "a" if args.name.endswith("-key-a-rotation") else "b"
            bases = {"a": {"a": "2026-06-01T00:00:00Z", "b": "2026-04-16T00:00:00Z"}}
            bases["b"] = {"a": "2026-06-01T00:00:00Z", "b": "2026-07-01T00:00:00Z"}
            outputs["rfc3339"] = bases[self.newer][slot]
            resource_id = outputs["rfc3339"]
        if args.typ == VERSION:
            value = args.inputs["secretString"]
            # Secrets reach the mocks in their wire form {<sig>: <secret sig>, "value": ...}.
            self.secret_strings[args.name] = str(
                value["value"] if isinstance(value, dict) else value
            )
        return resource_id, outputs


def _user(mocks: SlotMocks, rotation_days: int = 30) -> list[Registration]:
    return register_service_user(mocks, rotation_days=rotation_days)


def _one(registrations: list[Registration], type_: str, name: str) -> Registration:
    (found,) = [r for r in registrations if r.type == type_ and r.name == name]
    return found


def test_the_user_holds_two_public_keys_of_two_different_private_keys():
    registrations = _user(SlotMocks())
    keys = [r for r in registrations if r.type == PRIVATE_KEY]
    assert sorted(k.name for k in keys) == ["bot-key", "bot-key-b"]
    user = _one(registrations, USER, "bot")
    slot_a = user.inputs["rsaPublicKey"]
    slot_b = user.inputs["rsaPublicKey2"]
    assert slot_a.startswith("PUB") and slot_b.startswith("PUB"), "bot: key bodies on one line"
    assert slot_a != slot_b, "bot: both slots hold the same key"


def test_each_slot_rotates_on_the_period_slot_b_half_a_period_after_slot_a():
    registrations = _user(SlotMocks(), rotation_days=30)
    a = _one(registrations, ROTATING, "bot-key-a-rotation")
    b = _one(registrations, ROTATING, "bot-key-b-rotation")
    assert a.inputs == {"rotationDays": 30}, "slot A: the period, based on its creation"
    assert b.inputs["rotationDays"] == 30
    assert b.inputs["rfc3339"] == offset_rfc3339(a.outputs["rfc3339"], 15 * 24)


def test_each_key_is_replaced_when_its_own_rotation_fires():
    registrations = _user(SlotMocks())
    for key, rotation in (("bot-key", "bot-key-a-rotation"), ("bot-key-b", "bot-key-b-rotation")):
        base = _one(registrations, ROTATING, rotation).outputs["rfc3339"]
        assert _one(registrations, PRIVATE_KEY, key).replacement_trigger == base, key


def test_a_configured_public_key_gets_no_slots_and_no_rotation():
    registrations = register_service_user(SlotMocks(), public_key="MIIBIjANBgkq")
    types = {r.type for r in registrations}
    assert ROTATING not in types and PRIVATE_KEY not in types
    assert "rsaPublicKey2" not in _one(registrations, USER, "bot").inputs


@pytest.mark.parametrize(
    ("base_a", "base_b", "newer"),
    [
        ("2026-06-01T00:00:00Z", "2026-04-16T00:00:00Z", "a"),
        ("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z", "b"),
        ("2026-06-01T00:00:00Z", "2026-06-01T00:00:00+00:00", "b"),
    ],
)
def test_the_newer_slot_is_the_one_with_the_later_base(base_a, base_b, newer):
    assert newer_slot(base_a, base_b) == newer


def test_a_period_too_short_for_two_slots_is_refused_with_the_user_named():
    with pytest.raises(ValueError, match=r"service user \[U\]: key_rotation_days"):
        ServiceUserArgs("U", "R", "W", ("203.0.113.10/32",), "P", key_rotation_days=1)


def _dev_stack(monkeypatch: pytest.MonkeyPatch, newer: str | None) -> tuple[dict, SlotMocks]:
    mocks = SlotMocks(newer)
    monkeypatch.setattr(command, "PlausibleMocks", lambda *_, **__: mocks)
    return command.plan(None, "dev", None), mocks


def _versions_and_users(document: dict) -> list[tuple[dict, dict]]:
    """Each connection's secret version with the service user it connects as."""
    users = {
        r["name"].split("-user-", 1)[1]: r
        for r in document["resources"]
        if r["type"] == USER and r["name"].startswith("data-platform-snowflake-user-")
    }
    users |= {
        "_".join(r["name"].removeprefix("data-platform-domain-").split("-user-", 1)): r
        for r in document["resources"]
        if r["type"] == USER and r["name"].startswith("data-platform-domain-")
    }
    pairs = []
    for version in (r for r in document["resources"] if r["type"] == VERSION):
        connection = version["name"].rsplit("-connection-", 1)[1].removesuffix("-value")
        pairs.append((version, users[connection]))
    assert pairs, "dev: no connection secret"
    return pairs


@pytest.mark.parametrize("newer", ["a", "b"])
def test_the_connection_secret_holds_the_key_of_the_slot_rotated_last(monkeypatch, newer):
    document, mocks = _dev_stack(monkeypatch, newer)
    for version, user in _versions_and_users(document):
        key = json.loads(mocks.secret_strings[version["name"]])["extra"]["private_key_content"]
        expected = user["name"] + ("-key" if newer == "a" else "-key-b")
        assert key == f"PRIVATE {expected}", f"{version['name']}: not slot {newer}'s key"


def test_the_connection_secret_changes_after_the_user_holds_the_new_key(plans):
    # The order is the program's (dependencies), whatever the mocks answer: the session's
    # dev plan (tests/conftest.py) has the same dependencies as one under SlotMocks.
    document = plans["dev"]
    for version, user in _versions_and_users(document):
        assert user["urn"] in version["dependencies"], f"{version['name']}: before the user"


def test_the_environment_period_reaches_every_generated_user(stack_plan):
    document, stack = stack_plan, stack_plan["stack"]
    period = SNOWFLAKE_ENVIRONMENT_DEFAULTS[stack].key_rotation_days
    rotations = [r for r in document["resources"] if r["type"] == ROTATING]
    users = [r for r in document["resources"] if r["type"] == USER]
    assert len(rotations) == 2 * len(users)
    assert {r["inputs"]["rotationDays"] for r in rotations} == {period}
