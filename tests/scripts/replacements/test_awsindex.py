"""The AWS reader: the per-symbol index's files as a Go package, the service registry, the
`names` constants (read or derived), SchemaFunc and framework resources, the token mapping;
on small sources written for the test, and on the real index snapshot where it is here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from policies.rules.facts.replacements import document
from policies.rules.facts.tokens import EC2_FLOW_LOG, GLUE_JOB, RDS_INSTANCE, S3_BUCKET_OBJECTV2
from scripts.replacements import awsindex
from scripts.replacements.awsindex import (
    SymbolIndex,
    attr_value,
    declaration_text,
    forcing,
    names_excerpt,
    terraform_names,
)
from scripts.replacements.providers import snapshot
from scripts.replacements.refresh import DEFAULT_MIRRORS

NAMES = """package names

const (
\tAttrARN    = "arn"
\tAttrBucket = "bucket"
\tAttrName   = "name"
)
"""

HEADER = 'package github.com/x/internal/service/demo\nimport (\n\t"context"\n)\n'

FILES = {
    "method.servicePackage.SDKResources.goindex": """func (p *servicePackage) SDKResources(
    ctx context.Context) []*inttypes.ServicePackageSDKResource {
	return []*inttypes.ServicePackageSDKResource{
		{
			Factory:  resourceWidget,
			TypeName: "aws_demo_widget",
			Name:     "Widget",
		},
	}
}""",
    "method.servicePackage.FrameworkResources.goindex": """func (p *servicePackage)
    FrameworkResources(ctx context.Context) []*inttypes.ServicePackageFrameworkResource {
	return []*inttypes.ServicePackageFrameworkResource{
		{
			Factory:  newGadgetResource,
			TypeName: "aws_demo_gadget",
		},
	}
}""",
    "func.resourceWidget.goindex": """func resourceWidget() *schema.Resource {
	return &schema.Resource{
		CreateWithoutTimeout: resourceWidgetCreate,
		CustomizeDiff: func(ctx context.Context, d *schema.ResourceDiff, meta any) error {
			if d.HasChange("size") {
				return d.ForceNew("size")
			}
			return nil
		},
		SchemaFunc: func() map[string]*schema.Schema {
			return map[string]*schema.Schema{
				names.AttrARN: {Type: schema.TypeString, Computed: true},
				names.AttrName: {Type: schema.TypeString, Required: true, ForceNew: true},
				names.AttrExpectedBucketOwner: {Type: schema.TypeString, Optional: true,
					ForceNew: true},
				"size": {Type: schema.TypeInt, Optional: true},
			}
		},
	}
}""",
    "func.newGadgetResource.goindex": """func newGadgetResource(context.Context)
    (resource.ResourceWithConfigure, error) {
	r := &gadgetResource{}
	return r, nil
}""",
    "type.gadgetResource.goindex": """type gadgetResource struct {
	baseResource
	framework.WithTimeouts
}""",
    "method.baseResource.Schema.goindex": """func (r *baseResource) Schema(ctx context.Context,
    req resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			names.AttrBucket: schema.StringAttribute{
				Required: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplace(),
				},
			},
			"note": schema.StringAttribute{Optional: true},
		},
	}
}""",
}


@pytest.fixture
def index(tmp_path: Path) -> SymbolIndex:
    """A git repository shaped like the per-symbol index, with one service `demo`."""
    folder = tmp_path / "index" / "internal" / "service" / "demo"
    folder.mkdir(parents=True)
    for name, text in FILES.items():
        (folder / name).write_text(HEADER + text + "\n")
    (tmp_path / "index" / "terraform-provider-aws-index.json").write_text(
        '{"version": "v9.9.9", "services": [{"service_name": "demo", '
        '"aws_sdk_resources": {"aws_demo_widget": {}}, '
        '"aws_framework_resources": {"aws_demo_gadget": {}}}]}'
    )
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "index"],
        ["tag", "v9.9.9"],
    ):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True)
    return SymbolIndex(tmp_path, "v9.9.9", NAMES)


def test_a_declaration_loses_the_copied_package_and_import_block() -> None:
    assert declaration_text(HEADER + "func f() {}\n") == "func f() {}\n"


def test_an_sdkv2_resource_is_found_through_the_registry_with_names_constants_resolved(
    index: SymbolIndex,
) -> None:
    assert index.version() == "v9.9.9"
    found, where = forcing(index, "aws_demo_widget")
    assert where == "internal/service/demo"
    assert found is not None
    # `expected_bucket_owner` comes from a constant the excerpt lacks: derived, and listed.
    assert found.force_new == {"name", "expected_bucket_owner"}
    assert index.derived == {"AttrExpectedBucketOwner": "expected_bucket_owner"}
    # `d.ForceNew("size")` in an inline CustomizeDiff function: conditional.
    assert found.conditional == {"size": "ResourceDiff.ForceNew"}
    assert found.unresolved == []


def test_a_framework_resource_takes_its_schema_from_an_embedded_struct(
    index: SymbolIndex,
) -> None:
    found, _ = forcing(index, "aws_demo_gadget")
    assert found is not None and found.force_new == {"bucket"}


def test_a_resource_the_registry_does_not_name_is_not_found(index: SymbolIndex) -> None:
    assert forcing(index, "aws_demo_other") == (None, "")


@pytest.mark.parametrize(
    ("const", "value"),
    [
        ("AttrExpectedBucketOwner", "expected_bucket_owner"),
        ("AttrCIDRBlock", "cidr_block"),
        ("AttrSubnetIDs", "subnet_ids"),
        ("AttrVPCID", "vpc_id"),
        ("AttrARNs", "arns"),
        ("AttrS3BucketName", "s3_bucket_name"),
        ("AttrKMSKeyID", "kms_key_id"),
        ("AttrIdentifier", "identifier"),
    ],
)
def test_a_missing_names_constant_is_derived_by_the_generator_rule(const: str, value: str) -> None:
    assert attr_value(const) == value


def test_the_rule_reproduces_every_constant_of_the_cached_names_excerpt() -> None:
    text, digest = names_excerpt()
    if digest is None:
        pytest.skip(f"no names excerpt under {awsindex.SOURCE_CACHE}")
    assert digest == document()["providers"]["aws"]["namesExcerpt"]["sha256"]
    pairs = dict(
        line.split("=", 1) for line in text.splitlines() if line.strip().startswith("Attr")
    )
    assert len(pairs) == 175
    for const, value in pairs.items():
        assert attr_value(const.strip()) == value.strip().strip('"'), const


@pytest.mark.parametrize(
    ("token", "names"),
    [
        (EC2_FLOW_LOG, ["aws_ec2_flow_log", "aws_flow_log"]),
        (GLUE_JOB, ["aws_glue_job", "aws_job"]),
        (S3_BUCKET_OBJECTV2, ["aws_s3_object"]),
        (RDS_INSTANCE, ["aws_db_instance"]),
    ],
)
def test_a_token_stands_for_its_module_rule_names_or_a_known_rename(
    token: str, names: list[str]
) -> None:
    assert terraform_names(token) == names


def test_the_real_index_holds_the_bucket_and_the_region_rule_at_the_recorded_release() -> None:
    gitdir = snapshot(DEFAULT_MIRRORS, awsindex.INDEX_REPO)
    text, digest = names_excerpt()
    if gitdir is None or digest is None:
        pytest.skip(f"no snapshot of {awsindex.INDEX_REPO} or names excerpt here")
    aws = document()["providers"]["aws"]
    index = SymbolIndex(gitdir, aws["readAt"], text)
    assert index.version() == "v6.58.0"
    found, _ = forcing(index, "aws_s3_bucket")
    assert found is not None
    assert {"bucket", "bucket_prefix", "object_lock_enabled"} <= found.force_new
    assert "force_destroy" not in found.force_new
    assert awsindex.region_rule(index)["forcesReplacement"] is True
