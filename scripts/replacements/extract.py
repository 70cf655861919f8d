"""One provider's replace-forcing inputs, per Pulumi type token, from its upstream source.

Token -> Terraform resource: the bridges of the providers read here use the standard token
rule (`tokens.SingleModule(prefix, "index", tokens.MakeStandard(pkg))` in pulumi-snowflake's
`provider/resources.go`): `snowflake_stage_external_s3` <-> `snowflake:index/stageExternalS3`.
Terraform attribute -> engine input: `scripts.replacements.names`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scripts.replacements import awsindex
from scripts.replacements.gosource import braced_body, expression_at, function_body
from scripts.replacements.names import engine_path, snake
from scripts.replacements.providers import ProviderSpec, git, read_tree
from scripts.replacements.sdkv2 import Forcing, Package, framework_forcing, resource_forcing


def terraform_name(token: str) -> str:
    """`snowflake:index/pipe:Pipe` -> `snowflake_pipe` (the standard token rule)."""
    package, rest = token.split(":", 1)
    return f"{package}_{snake(rest.split(':', 1)[0].split('/', 1)[1])}"


def extract(
    spec: ProviderSpec, gitdir: Path, rev: str, tokens: list[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Per token of `spec`'s package: its Terraform name and what forces a replacement,
    read at `rev` of the source snapshot `gitdir`; and what else the provider record
    should say about the reading (the AWS names excerpt and derived constants, the
    provider-wide `region` rule)."""
    out: dict[str, dict[str, Any]] = {}
    if spec.reader == "awsindex":
        text, digest = awsindex.names_excerpt()
        index = awsindex.SymbolIndex(gitdir, rev, text)
        for token in tokens:
            out[token] = _aws_row(index, token)
        notes = {
            "namesExcerpt": {**awsindex.NAMES_SOURCE, "sha256": digest},
            "namesDerived": dict(sorted(index.derived.items())),
            "region": awsindex.region_rule(index),
            "patches": awsindex.PATCHES_NOTE,
        }
        return out, notes
    files = read_tree(gitdir, rev, spec.source_dir)
    if spec.reader == "sdkv2":
        registry = git(gitdir, "show", f"{rev}:pkg/provider/provider.go") or ""
        constructors = dict(re.findall(r'"(\w+)":\s*resources\.(\w+)\(\)', registry))
        pkg = Package(files)
        for token in tokens:
            tf = terraform_name(token)
            forcing = resource_forcing(pkg, constructors[tf]) if tf in constructors else None
            out[token] = _entry(token, tf, forcing)
    elif spec.reader == "framework":
        for token in tokens:
            tf = terraform_name(token)
            out[token] = _entry(token, tf, _framework_resource(files, tf, spec.name))
    return out, {}


def _aws_row(index: awsindex.SymbolIndex, token: str) -> dict[str, Any]:
    """The row of one AWS token: the Terraform resource its name stands for in the
    upstream registry, and what forces its replacement there."""
    registered = [n for n in awsindex.terraform_names(token) if index.locate(n) is not None]
    if len(registered) != 1:
        return {"terraform": " or ".join(registered) or None, "found": False}
    tf = registered[0]
    forcing, where = awsindex.forcing(index, tf)
    row = _entry(token, tf, forcing, awsindex.FIELD_RENAMES.get(token, {}))
    row["upstream"] = where
    return row


def _framework_resource(files: dict[str, str], tf: str, package: str) -> Forcing | None:
    """The forcing of the framework resource whose Metadata names it `tf`, or None."""
    suffix = re.escape(tf[len(package) :])
    # A managed resource's Metadata takes a `resource.MetadataRequest`; data sources and
    # ephemeral resources (tls has an ephemeral `_private_key` too) take their own types.
    metadata = re.compile(
        r"Metadata\([^)]*\bresource\.MetadataRequest\b[^)]*\)\s*\{\s*"
        rf'resp\.TypeName = req\.ProviderTypeName \+ "{suffix}"'
    )
    for text in files.values():
        if not metadata.search(text):
            continue
        at = text.find("resp.Schema = ")
        if at < 0:
            return None
        expr = expression_at(text, at + len("resp.Schema = "))
        call = re.fullmatch(r"(\w+)\(\)", expr)
        if call:  # a schema function: `resp.Schema = privateKeyResourceSchemaV1()`
            body = function_body(text, call.group(1)) or ""
            ret = re.search(r"\breturn\s+", body)
            expr = expression_at(body, ret.end()) if ret else ""
        return framework_forcing(braced_body(expr) or "")
    return None


def _entry(
    token: str, tf: str, forcing: Forcing | None, renames: dict[str, str] | None = None
) -> dict[str, Any]:
    """The JSON row of one type: engine paths, and what could not be mapped or read.
    `renames`: top-level Terraform attributes the bridge gives another input name."""
    if forcing is None:
        return {"terraform": tf, "found": False}
    renames = renames or {}
    mapped: list[str] = []
    unmapped: list[str] = []
    for path in sorted(forcing.force_new):
        head, dot, _ = path.partition(".")
        if head in renames and not dot:
            mapped.append(renames[head])
            continue
        engine = engine_path(token, path)
        if engine is None:
            unmapped.append(path)
        else:
            mapped.append(engine)
    conditional: dict[str, str] = {}
    for path, helper in sorted(forcing.conditional.items()):
        engine = engine_path(token, path)
        if engine is None:
            unmapped.append(path)
        else:
            conditional[engine] = helper
    return {
        "terraform": tf,
        "found": True,
        "forceNew": sorted(set(mapped)),
        "conditional": conditional,
        "external": sorted(forcing.external),
        "unmapped": unmapped,
        "unresolved": sorted(forcing.unresolved),
    }
