"""Mapping engine type tokens back to the typed pulumi-aws classes that register them."""

from __future__ import annotations

import importlib
from typing import Any


def sdk_class_for(type_token: str) -> Any:
    """The typed pulumi-aws class of a type token such as `aws:s3/bucket:Bucket`."""
    package, module_path, class_name = type_token.split(":")
    if package != "aws":
        raise ValueError(f"no typed class known for {type_token}")
    module = importlib.import_module(f"pulumi_aws.{module_path.split('/')[0]}")
    return getattr(module, class_name)
