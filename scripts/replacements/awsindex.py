"""The AWS provider's resource sources, read through a per-symbol copy of them.

Neither hashicorp/terraform-provider-aws nor pulumi/pulumi-aws can be brought here whole
(their snapshots are above the 500 MiB `fetch` limit). lonegunmanb/terraform-provider-aws-index
can: for each terraform-provider-aws release it commits, under a tag named like the release
(`v6.58.0`), every top-level Go declaration of the provider as its own file
(`index/internal/service/<pkg>/func.<name>.goindex`, `var.<name>`, `method.<type>.<name>`,
`type.<name>`), each the declaration's text as it is upstream after a copy of the file's
import block. Concatenated, a service's files are its package again, which is what
`sdkv2.Package` reads.

Which Go function builds which Terraform resource comes from the service package's own
registry, as upstream generates it (`service_package_gen.go`: `Factory: resourceBucket,
TypeName: "aws_s3_bucket"`), not from the index's summary JSON (whose `factory_function`
names are the index tool's, not upstream's).

The shared attribute-name constants (`names.AttrBucket`) live in upstream's top-level
`names` package, which the index does not copy; they are read from an excerpt of
`names/attr_consts_gen.go` kept in the source cache (`NAMES_FILE`), recorded with the
commit it was read at. That copy is older than the release read, so a constant it lacks is
derived by the generator's own rule, reversed (`internal/generate/attrconsts` names each
constant `Attr` + the attribute's CamelCase with initialisms in capitals:
`AttrExpectedBucketOwner` = "expected_bucket_owner", `AttrCIDRBlock` = "cidr_block"); every
derived constant is listed in the output (`SymbolIndex.derived`), and a derived name the
installed SDK does not declare shows as unmapped, never as a forcing input.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from policies.rules.facts import tokens
from scripts.replacements.gosource import braced_body, expression_at, matching
from scripts.replacements.providers import git
from scripts.replacements.sdkv2 import Forcing, Package, framework_forcing, resource_forcing

INDEX_REPO = "lonegunmanb/terraform-provider-aws-index"
NAMES_FILE = "hashicorp+terraform-provider-aws/names/attr_consts_gen.go"
# Where the excerpt was read: hashicorp/terraform-provider-aws names/attr_consts_gen.go as
# the code index stores it (one version, of unknown distance from the release read).
NAMES_SOURCE = {
    "repo": "hashicorp/terraform-provider-aws",
    "path": "names/attr_consts_gen.go",
    "commit": "057f66f4d3a87ea37b210b92afb9d136ba8b2403",
}
# Files read through the `search` tool's code index are kept out of the repository (their
# code is not ours to commit): under $DATAPLAT_SOURCE_CACHE, by default beside the mirrors.
SOURCE_CACHE = Path(os.environ.get("DATAPLAT_SOURCE_CACHE", "/work/.cache/dataplat-sources"))


def names_excerpt(cache: Path | None = None) -> tuple[str, str | None]:
    """The cached names excerpt and its sha256 (empty text and None when absent)."""
    path = (cache or SOURCE_CACHE) / NAMES_FILE
    if not path.is_file():
        return "", None
    data = path.read_bytes()
    return data.decode(), hashlib.sha256(data).hexdigest()


_SERVICE_DIR = "index/internal/service/"
_REGISTRY = re.compile(r"Factory:\s*(\w+),\s*TypeName:\s*\"(\w+)\"")


def declaration_text(goindex: str) -> str:
    """The Go declaration of one `.goindex` file, without its package line and the
    import block copied from its source file."""
    end = goindex.find("\n)\n")
    return goindex[end + 3 :] if goindex.lstrip().startswith("package") and end >= 0 else goindex


@dataclass(frozen=True)
class Found:
    """Where one Terraform resource is built upstream.

    Attributes:
        service: the upstream service package (`s3`).
        factory: the registered factory function (`resourceBucket`).
        framework: whether it is a plugin-framework resource (else SDKv2).
    """

    service: str
    factory: str
    framework: bool


class SymbolIndex:
    """One release of the AWS provider in a snapshot of the per-symbol index."""

    def __init__(self, gitdir: Path, rev: str, names_text: str) -> None:
        self.gitdir = gitdir
        self.rev = rev
        self.names_text = names_text
        self._packages: dict[str, dict[str, str]] = {}
        self._by_type: dict[str, str] | None = None
        self.derived: dict[str, str] = {}

    def version(self) -> str | None:
        """The upstream release the snapshot's revision copies (its summary's `version`)."""
        text = git(self.gitdir, "show", f"{self.rev}:index/terraform-provider-aws-index.json")
        return str(json.loads(text).get("version")) if text else None

    def files(self, service: str) -> dict[str, str]:
        """The declarations of upstream package internal/service/`service`, path -> text,
        with the `names` constants beside them."""
        if service not in self._packages:
            folder = f"{_SERVICE_DIR}{service}/"
            listing = git(self.gitdir, "ls-tree", "--name-only", self.rev, folder) or ""
            names = [n for n in listing.split() if n.endswith(".goindex")]
            files = {
                name: declaration_text(text)
                for name, text in zip(names, blobs(self.gitdir, self.rev, names), strict=True)
            }
            files[NAMES_FILE] = self.names_text
            files[NAMES_FILE + " (derived)"] = self._derive(files)
            self._packages[service] = files
        return self._packages[service]

    def _derive(self, files: dict[str, str]) -> str:
        """`const` lines for the `names.AttrX` constants `files` use that the names
        excerpt lacks (see the module docstring)."""
        declared = set(re.findall(r"(?m)^\s*(Attr\w+)\s*=", self.names_text))
        used = {m for text in files.values() for m in re.findall(r"\bnames\.(Attr\w+)", text)}
        lines = []
        for const in sorted(used - declared):
            value = attr_value(const)
            self.derived[const] = value
            lines.append(f'\t{const} = "{value}"')
        return "const (\n" + "\n".join(lines) + "\n)\n"

    def locate(self, tf: str) -> Found | None:
        """The service and registered factory of Terraform resource `tf`, or None."""
        service = self._summary_services().get(tf)
        if service is None:
            return None
        files = self.files(service)
        for kind, framework in (("SDKResources", False), ("FrameworkResources", True)):
            registry = files.get(f"{_SERVICE_DIR}{service}/method.servicePackage.{kind}.goindex")
            for factory, name in _REGISTRY.findall(registry or ""):
                if name == tf:
                    return Found(service, factory, framework)
        return None

    def _summary_services(self) -> dict[str, str]:
        """Terraform resource name -> the service package the index files it under."""
        if self._by_type is None:
            text = git(self.gitdir, "show", f"{self.rev}:index/terraform-provider-aws-index.json")
            summary = json.loads(text or "{}")
            self._by_type = {
                name: s["service_name"]
                for s in summary.get("services", [])
                for kind in ("aws_sdk_resources", "aws_framework_resources")
                for name in s.get(kind) or {}
            }
        return self._by_type


# Initialisms the constants keep in capitals (a subset of upstream's names/caps.csv: the
# ones in the excerpt's constants and the stacks' resources), longest first.
_INITIALISMS = (
    "CIDR",
    "IOPS",
    "JSON",
    "ARN",
    "AWS",
    "DNS",
    "IAM",
    "KMS",
    "SNS",
    "SQS",
    "URI",
    "URL",
    "VPC",
    "ID",
    "IP",
    "S3",
)


def attr_value(const: str) -> str:
    """The attribute name of constant `AttrX` by the generator's rule reversed:
    `AttrExpectedBucketOwner` -> expected_bucket_owner, `AttrCIDRBlock` -> cidr_block,
    `AttrSubnetIDs` -> subnet_ids, `AttrVPCID` -> vpc_id."""
    rest, words = const.removeprefix("Attr"), []
    while rest:
        for initialism in _INITIALISMS:
            n = len(initialism)
            if rest.startswith(initialism):
                if rest[n : n + 1] == "s" and not rest[n + 1 : n + 2].islower():
                    n += 1  # a plural: IDs, ARNs
                if n == len(rest) or not rest[n].islower():
                    break
        else:
            n = re.match(r"[A-Z]?[a-z0-9]*", rest).end() or 1  # type: ignore[union-attr]
        words.append(rest[:n].lower())
        rest = rest[n:]
    return "_".join(words)


def blobs(gitdir: Path, rev: str, paths: list[str]) -> list[str]:
    """The texts of `paths` at `rev`, in one `git cat-file --batch` (a service of the
    index holds up to a few thousand files)."""
    if not paths:
        return []
    request = "".join(f"{rev}:{p}\n" for p in paths).encode()
    done = subprocess.run(
        ["git", "-C", str(gitdir), "cat-file", "--batch"],
        input=request,
        capture_output=True,
        check=True,
    )
    out: list[str] = []
    data, at = done.stdout, 0
    for _ in paths:
        header_end = data.index(b"\n", at)
        header = data[at:header_end].split()
        if header[-1] == b"missing":
            out.append("")
            at = header_end + 1
            continue
        size = int(header[2])
        out.append(data[header_end + 1 : header_end + 1 + size].decode())
        at = header_end + 1 + size + 1
    return out


def forcing(index: SymbolIndex, tf: str) -> tuple[Forcing | None, str]:
    """What forces replacement of `tf`, and the upstream package it was read from."""
    found = index.locate(tf)
    if found is None:
        return None, ""
    pkg = Package(index.files(found.service))
    where = f"internal/service/{found.service}"
    if not found.framework:
        return resource_forcing(pkg, found.factory), where
    schema = _framework_schema(pkg, found.factory)
    if schema is None:
        out = Forcing()
        out.unresolved.append(f"{found.factory}: no Schema method found")
        return out, where
    return framework_forcing(schema, "", pkg), where


def _framework_schema(pkg: Package, factory: str) -> str | None:
    """The body of the `schema.Schema{...}` literal the framework resource made by
    `factory` returns from its `Schema` method (following embedded structs)."""
    body = pkg.function(factory) or ""
    made = re.search(r"&(\w+)\{", body)
    if made is None:
        return None
    seen: set[str] = set()
    pending = [made.group(1)]
    while pending:
        struct = pending.pop(0)
        if struct in seen:
            continue
        seen.add(struct)
        method = _method(pkg, struct, "Schema")
        if method is not None:
            at = method.find("resp.Schema = ")
            at = method.find("response.Schema = ") if at < 0 else at
            if at < 0:
                return None
            expr = expression_at(method, method.index("=", at) + 1)
            return braced_body(expr)
        pending += _embedded(pkg, struct)
    return None


def _method(pkg: Package, struct: str, name: str) -> str | None:
    pattern = re.compile(rf"(?m)^func\s*\(\s*\w*\s*\*?{re.escape(struct)}\s*\)\s*{name}\s*\(")
    for text in pkg.files.values():
        m = pattern.search(text)
        if m is None:
            continue
        brace = text.find("{", matching(text, m.end() - 1))
        return text[brace + 1 : matching(text, brace)]
    return None


def _embedded(pkg: Package, struct: str) -> list[str]:
    """The struct types embedded in `type struct { ... }` (lines holding one identifier)."""
    for text in pkg.files.values():
        m = re.search(rf"(?m)^type\s+{re.escape(struct)}\s+struct\s*\{{", text)
        if m is None:
            continue
        body = text[m.end() : matching(text, m.end() - 1)]
        return re.findall(r"(?m)^\s*\*?([A-Za-z_]\w*)\s*$", body)
    return []


# pulumi-aws maps Terraform names to tokens in provider/resources.go; these of the stacks'
# and tokens.py's types do not follow the module rule (pulumi/pulumi-aws
# provider/resources.go, read through the code index, December 2026:
# `"aws_s3_object": {Tok: awsResource(s3Mod, "BucketObjectv2")}`,
# `"aws_ec2_client_vpn_endpoint": {Tok: awsResource(ec2ClientVpnMod, "Endpoint")}` (and its
# network association and authorization rule), `"aws_ce_cost_allocation_tag": {Tok:
# awsResource(costExplorerMod, "CostAllocationTag")}`,
# `"aws_s3_bucket_replication_configuration": {Tok: awsResource(s3Mod,
# "BucketReplicationConfig")}`, `"aws_db_instance": {Tok: awsResource(rdsMod, "Instance")}`;
# by the rule `aws:rds/instance` would be taken for `aws_instance`, an EC2 instance).
# pulumi-aws 7's deprecated `s3.BucketV2` is a clone of `aws_s3_bucket`
# (provider/compatibility.go: `shim.CloneResource(prov.P.ResourcesMap(), "aws_s3_bucket",
# "aws_s3_bucket_v2_compat")`), so it has the bucket's forcing inputs.
RENAMED = {
    tokens.COSTEXPLORER_COST_ALLOCATION_TAG: "aws_ce_cost_allocation_tag",
    tokens.EC2_CLIENT_VPN_AUTHORIZATION_RULE: "aws_ec2_client_vpn_authorization_rule",
    tokens.EC2_CLIENT_VPN_ENDPOINT: "aws_ec2_client_vpn_endpoint",
    tokens.EC2_CLIENT_VPN_NETWORK_ASSOCIATION: "aws_ec2_client_vpn_network_association",
    tokens.S3_BUCKET_V2: "aws_s3_bucket",
    tokens.RDS_INSTANCE: "aws_db_instance",
    tokens.S3_BUCKET_OBJECTV2: "aws_s3_object",
    tokens.S3_BUCKET_REPLICATION_CONFIG: "aws_s3_bucket_replication_configuration",
}


# Inputs pulumi-aws renames (same file: `"topic_arn": {Name: "topic", ...}` under
# `aws_sns_topic_subscription`; `"alarm_name": tfbridge.AutoName("name", 255, "-")` under
# `aws_cloudwatch_metric_alarm`): token -> Terraform attribute -> engine input.
FIELD_RENAMES = {
    tokens.SNS_TOPIC_SUBSCRIPTION: {"topic_arn": "topic"},
    tokens.CLOUDWATCH_METRIC_ALARM: {"alarm_name": "name"},
}


def terraform_names(token: str) -> list[str]:
    """The Terraform names `token` may stand for: a known rename, else `aws_<module>_<name>`
    and `aws_<name>` (the bridge's module rule: `aws:ec2/flowLog` is `aws_flow_log`,
    `aws:glue/job` is `aws_glue_job`); the upstream registry tells which exists."""
    if token in RENAMED:
        return [RENAMED[token]]
    module = token.split(":", 2)[1]
    folder, _, name = module.partition("/")
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    return [f"aws_{folder}_{snake}", f"aws_{snake}"]


# pulumi-aws builds its provider from upstream with its own patches applied
# (pulumi/pulumi-aws patches/*.patch); those are not applied here.
PATCHES_NOTE = (
    "pulumi-aws's own patches (patches/*.patch) are not applied. The patch files the code "
    "index lists by name (S3 legacy bucket, SSE computed on the legacy bucket, lambda, EKS, "
    "WAF, gamelift, SSM tier, SNS topic creation retries, descriptions) change no ForceNew of "
    "the stacks' types by their names; their contents at v7.51.1 were not read."
)

# Where terraform-provider-aws v6 forces a replacement when a resource's own `region`
# changes, for SDKv2 and framework resources alike (the per-resource `region` input that
# pulumi-aws 7 exposes): the declaration file, and the text that must be in it.
REGION_RULE = {
    "index/internal/provider/sdkv2/func.forceNewIfRegionChanges.goindex": (
        "return d.ForceNew(names.AttrRegion)"
    ),
    "index/internal/provider/framework/method.resourceForceNewIfRegionChangesInterceptor"
    ".modifyPlan.goindex": "response.RequiresReplace = path.Paths{path.Root(names.AttrRegion)}",
}


def region_rule(index: SymbolIndex) -> dict[str, object]:
    """Whether the read release forces a replacement on a `region` change, with the
    declarations that say so (each must hold its statement)."""
    texts = blobs(index.gitdir, index.rev, list(REGION_RULE))
    found = {
        path: statement in text
        for (path, statement), text in zip(REGION_RULE.items(), texts, strict=True)
    }
    return {
        "forcesReplacement": all(found.values()),
        "evidence": sorted(p.removeprefix("index/") for p, ok in found.items() if ok),
        "unless": "the value moves between unset and the provider's own region",
    }
