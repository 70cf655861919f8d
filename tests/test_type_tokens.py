"""Every type-token literal in the project names a real type of the installed SDKs.

A rule names the tokens it applies to (as checkov's checks do); a misspelt token would leave
it silently applying to nothing. The installed SDKs register every resource type they
define (`_utilities.register(resource_modules=...)` in each package's `__init__.py`, a JSON
map of token -> class), and providers are `pulumi:providers:<package>`; every token literal
in the project's code must be one of them or a component type of this project
(`dataplatform:<area>:<Name>`, declared by a ComponentResource here).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ("components", "composition", "policies", "scripts", "stacks", "vocabulary")
SDKS = ("pulumi_aws", "pulumi_snowflake", "pulumi_tls", "pulumiverse_time")
# `<package>:<module>:<Type>`: the shape of a resource type token.
TOKEN = re.compile(
    r"^(aws|snowflake|tls|time|dataplatform|pulumi):[A-Za-z0-9/]+:[A-Za-z][A-Za-z0-9]+$"
)
# A value such as `aws:kms:dsse` (an SSE algorithm) has the shape but no module path.
NOT_TOKENS = {"aws:kms:dsse"}
INVOKE = re.compile(r"['\"]((?:aws|snowflake|tls|time):[A-Za-z0-9/]+:get[A-Za-z0-9]+)['\"]")
PROVIDERS = {"pulumi:providers:aws", "pulumi:providers:snowflake", "pulumi:providers:tls"}
PROVIDERS |= {"pulumi:providers:time", "pulumi:pulumi:Stack"}
# The SDK's own resource types (pulumi/stack_reference.py registers the reference).
PROVIDERS |= {"pulumi:pulumi:StackReference"}


@cache
def sdk_tokens() -> frozenset[str]:
    """Every resource token the installed SDKs register."""
    found: set[str] = set()
    for package in SDKS:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin, package
        text = Path(spec.origin).read_text(encoding="utf-8")
        (modules,) = re.findall(r'resource_modules="""\n(.*?)\n"""', text, re.S)
        for module in json.loads(modules):
            found |= set(module["classes"])
    return frozenset(found)


@cache
def sdk_functions() -> frozenset[str]:
    """Every data-source (invoke) token of the installed SDKs (their `get_*.py` modules)."""
    found: set[str] = set()
    for package in SDKS:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin, package
        for path in Path(spec.origin).parent.rglob("get_*.py"):
            found |= set(INVOKE.findall(path.read_text(encoding="utf-8")))
    return frozenset(found)


def component_tokens() -> set[str]:
    """The `dataplatform:` tokens this project's ComponentResources declare."""
    # Given to the base class directly, or as the class's TYPE (when others name it too).
    pattern = re.compile(r'(?:super\(\).__init__\(\s*|^    TYPE = )"(dataplatform:[^"]+)"', re.M)
    return {
        token
        for folder in ("components", "composition")
        for path in (ROOT / folder).rglob("*.py")
        for token in pattern.findall(path.read_text(encoding="utf-8"))
    }


def literals() -> dict[str, list[str]]:
    """Every string literal of the code shaped like a type token, with where it stands."""
    found: dict[str, list[str]] = {}
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    value = node.value.rstrip("*")
                    token = TOKEN.match(value) and not node.value.endswith("*")
                    if token and value not in NOT_TOKENS:
                        where = f"{path.relative_to(ROOT)}:{node.lineno}"
                        found.setdefault(value, []).append(where)
    return found


def test_the_sdks_register_their_types():
    tokens = sdk_tokens()
    assert {
        "aws:kms/key:Key",
        "snowflake:index/pipe:Pipe",
        "time:index/rotating:Rotating",
    } <= tokens
    assert len(tokens) > 1000
    assert "aws:index/getCallerIdentity:getCallerIdentity" in sdk_functions()


def test_every_type_token_literal_is_a_real_type():
    known = sdk_tokens() | sdk_functions() | component_tokens() | PROVIDERS
    unknown = {t: places for t, places in literals().items() if t not in known}
    assert not unknown, f"type tokens no installed SDK defines: {unknown}"


def test_the_check_sees_a_misspelt_token():
    assert "aws:kms/key:Kye" not in sdk_tokens()


def test_resource_type_tokens_are_written_in_one_module():
    """Every resource token literal stands in policies/rules/facts/tokens.py, the pack's and
    the CLI's one home for them (components use the SDK's classes; a component declares its
    own `dataplatform:` token once; data-source invokes are the mocks' business)."""
    home = "policies/rules/facts/tokens.py"
    elsewhere = {
        token: [p for p in places if not p.startswith(home)]
        for token, places in literals().items()
        if not token.startswith("dataplatform:") and token not in sdk_functions()
    }
    assert not {t: p for t, p in elsewhere.items() if p}, "name the constant in tokens.py"
