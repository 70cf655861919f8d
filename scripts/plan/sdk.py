"""Mapping engine type tokens back to the typed SDK classes that register them."""

from __future__ import annotations

import importlib
from typing import Any

# Package of a type token -> the Python SDK module that holds its classes.
_SDK_MODULES = {
    "aws": "pulumi_aws",
    "snowflake": "pulumi_snowflake",
    "tls": "pulumi_tls",
    "time": "pulumiverse_time",
}


def sdk_class_for(type_token: str) -> Any:
    """The typed SDK class of a type token (`aws:s3/bucket:Bucket`, `pulumi:providers:aws`)."""
    package, module_path, class_name = type_token.split(":")
    if package == "pulumi" and module_path == "providers":
        package, module_path, class_name = class_name, "index", "Provider"
    if package not in _SDK_MODULES:
        raise ValueError(f"no typed class known for {type_token}")
    module_name = _SDK_MODULES[package]
    if module_path.split("/")[0] != "index":
        module_name += "." + module_path.split("/")[0]
    return getattr(importlib.import_module(module_name), class_name)
