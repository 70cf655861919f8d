"""The Go schema scanner on small provider-shaped sources written for the test: each
mechanism the extractor recognises, and what it must not take for a forcing input."""

from __future__ import annotations

from scripts.replacements.gosource import key_value, split_top
from scripts.replacements.sdkv2 import Package, framework_forcing, resource_forcing

SDKV2 = """
package resources

const nameKey = "name"

var widgetSchema = map[string]*schema.Schema{
	nameKey: {
		Type:     schema.TypeString,
		Required: true,
		ForceNew: true, // a comment, with a comma: ForceNew: false
	},
	"comment": {
		Type:        schema.TypeString,
		Optional:    true,
		Description: "ForceNew: true is only text here, {not a block}",
	},
	"location": {
		Type:     schema.TypeList,
		Optional: true,
		MaxItems: 1,
		Elem: &schema.Resource{
			Schema: map[string]*schema.Schema{
				"database": {Type: schema.TypeString, Required: true, ForceNew: true},
				"path":     {Type: schema.TypeString, Optional: true},
			},
		},
	},
	"show_output": {
		Type:     schema.TypeList,
		Computed: true,
		Elem:     &schema.Resource{Schema: schemas.ShowWidgetSchema},
	},
}

func extraSchema(kind string) map[string]*schema.Schema {
	return map[string]*schema.Schema{
		"kind": {Type: schema.TypeString, Optional: true, ForceNew: true},
	}
}

func Widget() *schema.Resource {
	return &schema.Resource{
		Schema: helpers.MergeMaps(widgetSchema, extraSchema("x")),
		CustomizeDiff: customdiff.All(
			ForceNewIfChangeToEmptyString("comment"),
			RecreateWhenUserTypeChangedExternally(sdk.UserTypeService),
		),
	}
}
"""


def test_force_new_attributes_nested_blocks_constants_and_merged_maps_are_found() -> None:
    forcing = resource_forcing(Package({"widget.go": SDKV2}), "Widget")
    assert forcing.force_new == {"name", "location.database", "kind"}
    assert forcing.unresolved == []


def test_customize_diff_helpers_are_kept_apart_from_force_new() -> None:
    forcing = resource_forcing(Package({"widget.go": SDKV2}), "Widget")
    assert forcing.conditional == {"comment": "ForceNewIfChangeToEmptyString"}
    assert forcing.external == ["RecreateWhenUserTypeChangedExternally(sdk.UserTypeService)"]


def test_a_missing_constructor_is_reported_not_guessed() -> None:
    forcing = resource_forcing(Package({"widget.go": SDKV2}), "Gadget")
    assert (forcing.force_new, forcing.unresolved) == (set(), ["func Gadget"])


FRAMEWORK = """
schema.Schema{
	Version: 1,
	Attributes: map[string]schema.Attribute{
		"algorithm": schema.StringAttribute{
			Required: true,
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.RequiresReplace(),
			},
		},
		"note": schema.StringAttribute{Optional: true},
		"expires": schema.StringAttribute{
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.RequiresReplaceIf(expired, "", ""),
			},
		},
	},
	Blocks: map[string]schema.Block{
		"subject": schema.ListNestedBlock{
			NestedObject: schema.NestedBlockObject{
				Attributes: map[string]schema.Attribute{
					"common_name": schema.StringAttribute{
						PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
				},
			},
		},
	},
}
"""


def test_framework_requires_replace_is_found_in_attributes_and_nested_blocks() -> None:
    body = FRAMEWORK[FRAMEWORK.index("{") + 1 : FRAMEWORK.rindex("}")]
    forcing = framework_forcing(body)
    assert forcing.force_new == {"algorithm", "subject.common_name"}
    assert forcing.conditional == {"expires": "RequiresReplaceIf"}


def test_split_and_key_value_skip_strings_runes_and_comments() -> None:
    parts = split_top('"a": {X: "x,y"}, /* c, d */ "b": \'{\', `raw, text`')
    assert parts == ['"a": {X: "x,y"}', "\"b\": '{'", "`raw, text`"]
    assert key_value('"a": {X: "x:y"}') == ('"a"', '{X: "x:y"}')
