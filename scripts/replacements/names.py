"""Terraform attribute names to the Pulumi engine's input names, as the installed SDK has them.

The bridge (pulumi-terraform-bridge `tfbridge`) names an input by camel-casing the
Terraform name and pluralising a list block (`partition_index` -> `partitionIndices`), with
explicit renames in the provider's `resources.go`. The installed Python SDK is generated from
that schema: each `<Name>Args` class declares its inputs as `@pulumi.getter(name="<engine>")`
over a snake_case property (no `name=` when the engine name is the snake one). Reading the
SDK therefore gives the exact mapping for the installed version, renames and plurals
included; a name the SDK does not declare is reported unmapped, never guessed.

Nested paths: the first segment is checked against the resource's Args class; deeper
segments against every input type of the module (`_inputs.py`), by the same rule.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

# A getter may carry further decorators (`@_utilities.deprecated("""...""")` on a
# deprecated input) between `@pulumi.getter` and its `def`.
_GETTER = re.compile(
    r'@pulumi\.getter(?:\(name="(\w+)"\))?[ \t]*\n(?:[ \t]*@[^\n]*\n)*[ \t]*def (\w+)\(self\)'
)


def snake(camel: str) -> str:
    """`stageExternalS3` -> `stage_external_s3` (the bridge's standard token rule, reversed)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", camel).lower()


# The Python SDK of each package, where it is not `pulumi_<package>`.
_SDK = {"time": "pulumiverse_time"}


def sdk_module(token: str) -> Path | None:
    """The SDK source file of `token` (`aws:s3/bucket:Bucket` -> pulumi_aws/s3/bucket.py)."""
    package, rest = token.split(":", 1)
    module = rest.split(":", 1)[0]
    folder, _, name = module.partition("/")
    spec = importlib.util.find_spec(_SDK.get(package, f"pulumi_{package}"))
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    path = (root if folder == "index" else root / folder) / f"{snake(name)}.py"
    return path if path.is_file() else None


@cache
def args_inputs(token: str) -> dict[str, str]:
    """Python property name -> engine name, for the inputs of `token`'s `<Name>Args`."""
    path = sdk_module(token)
    if path is None:
        return {}
    member = token.rsplit(":", 1)[1]
    text = path.read_text()
    # The generator names the class `<Name>InitArgs` when an input type already has the
    # name `<Name>Args` (pulumi-aws 7's `s3.BucketLogging`, `s3.BucketVersioning`).
    start = text.find(f"class {member}Args:")
    if start < 0:
        start = text.find(f"class {member}InitArgs:")
    if start < 0:
        return {}
    end = text.find("\nclass ", start + 1)
    return _getters(text[start : end if end > 0 else len(text)])


@cache
def nested_inputs(token: str) -> dict[str, str]:
    """Python property name -> engine name over every input type of `token`'s module."""
    path = sdk_module(token)
    inputs = path.parent / "_inputs.py" if path else None
    return _getters(inputs.read_text()) if inputs and inputs.is_file() else {}


def _getters(text: str) -> dict[str, str]:
    return {py: engine or py for engine, py in _GETTER.findall(text)}


def _candidates(tf_name: str) -> list[str]:
    """The SDK property names a Terraform name may have become (itself, or pluralised)."""
    out = [tf_name, tf_name + "s", tf_name + "es"]
    if tf_name.endswith("y"):
        out.append(tf_name[:-1] + "ies")
    if tf_name.endswith("index"):
        out += [tf_name[:-5] + "indices", tf_name[:-5] + "indexes"]
    return out


def engine_path(token: str, tf_path: str) -> str | None:
    """The engine's dotted input path for a Terraform attribute path of `token`, or None
    when the installed SDK declares no such input."""
    parts = []
    for depth, segment in enumerate(tf_path.split(".")):
        table = args_inputs(token) if depth == 0 else nested_inputs(token)
        found = next((table[c] for c in _candidates(segment) if c in table), None)
        if found is None:
            return None
        parts.append(found)
    return ".".join(parts)
