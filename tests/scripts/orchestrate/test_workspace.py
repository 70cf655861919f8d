"""The methods the runner calls exist on the installed SDK's `pulumi.automation.Stack`
with the arguments it passes (the real workspace returns that Stack itself)."""

from __future__ import annotations

import inspect

from pulumi.automation import Stack

from scripts.orchestrate.workspace import StackSession

OPERATIONS = ("up", "preview", "refresh", "destroy")


def protocol_methods() -> set[str]:
    return {n for n, v in vars(StackSession).items() if callable(v) and not n.startswith("_")}


def test_every_session_method_is_a_method_of_the_sdks_stack():
    assert protocol_methods() == {
        *OPERATIONS,
        "outputs",
        "get_all_config",
        "set_all_config",
        "list_tags",
        "set_tag",
    }
    for name in protocol_methods():
        assert callable(getattr(Stack, name, None)), f"pulumi.automation.Stack has no {name}"


def test_the_operations_take_on_output_and_the_config_and_tag_setters_their_arguments():
    for name in OPERATIONS:
        assert "on_output" in inspect.signature(getattr(Stack, name)).parameters, name
    for name in ("up", "preview"):
        parameters = inspect.signature(getattr(Stack, name)).parameters
        assert {"policy_packs", "policy_pack_configs"} <= set(parameters), name
    assert list(inspect.signature(Stack.set_all_config).parameters)[:2] == ["self", "config"]
    assert list(inspect.signature(Stack.set_tag).parameters) == ["self", "key", "value"]
