"""A key's Rotating is looked up by its trigger in one map per stack index, not found by
comparing the trigger with every Rotating (at 200 domains, 400 keys times 400 Rotatings):
the same Rotating, the same "cannot tell" as before."""

from __future__ import annotations

import pytest

from policies.rules.core.index import StackIndex
from policies.rules.core.per_stack import computed_count
from policies.rules.core.view import NotEvaluated, ResourceView
from policies.rules.journeys import key_slots
from policies.rules.journeys.key_slots import by_timestamp, rotation_in, rotation_of, slots_of
from tests.policies.helpers import view

ROTATING = "time:index/rotating:Rotating"
KEY = "tls:index/privateKey:PrivateKey"
DAY_A, DAY_B = "2026-01-01T00:00:00Z", "2026-02-15T00:00:00Z"


def _rotation(name: str, rfc3339: str, parent: str = "urn:a") -> ResourceView:
    return view(
        ROTATING,
        name,
        {"rotationDays": 90},
        outputs={"rfc3339": rfc3339, "id": rfc3339},
        parent=parent,
    )


def _key(name: str, trigger: str, parent: str = "urn:a") -> ResourceView:
    return view(KEY, name, {"algorithm": "RSA"}, replacement_trigger=trigger, parent=parent)


def test_by_timestamp_lists_each_rotating_once_per_timestamp_in_the_order_given():
    first, second, third = (
        _rotation("r1", DAY_A),
        _rotation("r2", DAY_B),
        _rotation("r3", DAY_A, parent="urn:b"),
    )
    found = by_timestamp([first, second, third])
    assert found == {DAY_A: (first, third), DAY_B: (second,)}  # rfc3339 == id: listed once


def test_the_lookup_chooses_what_the_comparison_chose():
    same_day = [_rotation("r1", DAY_A), _rotation("r3", DAY_A, parent="urn:b")]
    rotations = [*same_day, _rotation("r2", DAY_B)]
    lookup = by_timestamp(rotations)
    sibling = _key("k1", DAY_A, parent="urn:b")  # two share the day: the sibling decides
    assert rotation_in(sibling, lookup) is rotation_of(sibling, rotations) is same_day[1]
    orphan = _key("k2", DAY_A, parent="urn:c")  # two share the day, neither a sibling
    for find in (lambda k: rotation_in(k, lookup), lambda k: rotation_of(k, rotations)):
        with pytest.raises(NotEvaluated, match=r"which time.Rotating triggers"):
            find(orphan)
    unmatched = _key("k3", "2027-01-01T00:00:00Z")
    with pytest.raises(NotEvaluated):
        rotation_in(unmatched, lookup)


def test_every_users_slots_share_one_lookup_per_index():
    rotations = [_rotation(f"r{i}", f"2026-01-{i + 1:02d}T00:00:00Z") for i in range(3)]
    keys = [_key(f"k{i}", f"2026-01-{i + 1:02d}T00:00:00Z") for i in range(3)]
    index = StackIndex([*rotations, *keys])
    for key, rotation in zip(keys, rotations, strict=True):
        assert [s.rotation for s in slots_of(index, [key])] == [rotation]
    assert computed_count(index, key_slots._stack_rotations) == 1
