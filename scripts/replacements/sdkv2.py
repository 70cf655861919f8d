"""Which attributes of a Terraform resource force its replacement, read from Go source text.

Three mechanisms, each as the provider SDKs define them:
- SDKv2 (`terraform-plugin-sdk/v2/helper/schema`): an attribute with `ForceNew: true`,
  nested blocks (`Elem: &schema.Resource{Schema: ...}`) giving dotted paths;
- the plugin framework: a `RequiresReplace()` plan modifier (`RequiresReplaceIf*` is
  conditional, kept apart);
- SDKv2 `CustomizeDiff` helpers that force new under a condition (`HELPERS`).

Everything is a pure function of the package's files (path -> text), so tests run it on
real provider source read from git.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.replacements.gosource import (
    braced_body,
    declaration,
    expression_at,
    function_body,
    key_value,
    matching,
    split_top,
    string_literal,
)

# Snowflake v2 (custom_diffs.go): `customdiff.ForceNewIf(key, ...)` true whenever `key`
# changes (beyond identifier quoting) and the HIERARCHY_RENAMES experiment is not enabled.
UNLESS_EXPERIMENT = "TemporaryWorkaroundIdentifierForceNewIfHierarchyRenamesExperimentNotEnabled"
# CustomizeDiff helpers that force a replacement, and what each means. The Snowflake
# provider's (pkg/resources/custom_diffs.go: the first three, `ForceNewIfAllKeysAreNotSet`,
# and at v2 `ForceNewIfNotDefault`, `ForceNewIfUrlIsS3Compatible`) are built on the SDK's
# `customdiff.ForceNewIfChange`; the SDK's own take a condition function the guard cannot
# evaluate from a plan.
HELPERS: dict[str, str] = {
    "ForceNewIfChangeToEmptyString": "replaced when the value goes from non-empty to empty",
    "ForceNewIfChangeToEmptySlice": "replaced when the list goes from non-empty to empty",
    "ForceNewIfChangeToEmptySet": "replaced when the set goes from non-empty to empty",
    "ForceNewIfAllKeysAreNotSet": "replaced when it changes while none of the listed keys is set",
    "customdiff.ForceNewIfChange": "replaced when the change meets a provider-specific condition",
    "customdiff.ForceNewIf": "replaced when it changes and a provider-specific condition holds",
    "ForceNewIfNotDefault": "replaced when it changes to a value other than `default`",
    "ForceNewIfUrlIsS3Compatible": "replaced when it changes from an `s3compat://` URL",
    "ResourceDiff.ForceNew": "replaced when the resource's own CustomizeDiff function decides so",
    UNLESS_EXPERIMENT: "replaced when it changes, unless the provider's `HIERARCHY_RENAMES` "
    "experiment is enabled",
}
# The helpers the guard evaluates exactly: a non-empty value that becomes empty.
TO_EMPTY = frozenset(
    {"ForceNewIfChangeToEmptyString", "ForceNewIfChangeToEmptySlice", "ForceNewIfChangeToEmptySet"}
)
_HELPER_CALL = re.compile(
    r"(?<![\w.])((?:customdiff\.)?\w*ForceNew\w*|Recreate\w*)\s*(?:\[[^\]]*\])?\s*\(\s*([^,)]*)"
)


@dataclass
class Forcing:
    """What forces a replacement of one resource, by Terraform attribute path.

    Attributes:
        force_new: dotted paths marked ForceNew / RequiresReplace.
        conditional: path -> helper name (`HELPERS`, or a `RequiresReplaceIf*` modifier).
        external: CustomizeDiff helpers that replace the resource when it was changed
            outside Terraform (`Recreate*`); no plan diff shows that.
        unresolved: expressions the scanner could not follow (reported, never guessed).
    """

    force_new: set[str] = field(default_factory=set)
    conditional: dict[str, str] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


class Package:
    """The non-test Go files of one package, searched for declarations by name."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def declared(self, name: str) -> str | None:
        """The expression bound to package-level `name`, or None."""
        for text in self.files.values():
            found = declaration(text, name)
            if found is not None:
                return found
        return None

    def function(self, name: str) -> str | None:
        """The body of top-level function `name`, or None."""
        for text in self.files.values():
            body = function_body(text, name)
            if body is not None:
                return body
        return None


_IDENT = re.compile(r"^[A-Za-z_]\w*$")


def resource_forcing(pkg: Package, constructor: str) -> Forcing:
    """What forces replacement of the SDKv2 resource built by `constructor()` in `pkg`."""
    out = Forcing()
    body = pkg.function(constructor)
    if body is None:
        out.unresolved.append(f"func {constructor}")
        return out
    start = body.find("&schema.Resource{")
    if start < 0:
        out.unresolved.append(f"{constructor}: no &schema.Resource literal")
        return out
    brace = body.index("{", start)
    fields = dict(
        kv for kv in map(key_value, split_top(body[brace + 1 : matching(body, brace)])) if kv
    )
    schema = fields.get("Schema") or _schema_func(fields.get("SchemaFunc", ""), pkg)
    if schema:
        _schema(schema, pkg, "", out)
    else:
        out.unresolved.append(f"{constructor}: no Schema field")
    if "CustomizeDiff" in fields:
        _customize_diff(fields["CustomizeDiff"], pkg, out)
    return out


def _schema_func(expr: str, pkg: Package) -> str | None:
    """The map a `SchemaFunc` returns: a function literal `func() map[...]... { return
    map[...]{...} }` or the name of a package function."""
    expr = expr.strip()
    if expr.startswith("func("):
        body = expr[expr.index("{", matching(expr, 4)) :]
    elif _IDENT.match(expr):
        body = pkg.function(expr) or ""
    else:
        return None
    returned = re.search(r"\breturn\s+", body)
    return expression_at(body, returned.end()) if returned else None


def _schema(expr: str, pkg: Package, prefix: str, out: Forcing, depth: int = 0) -> None:
    """Collect ForceNew paths of a `map[string]*schema.Schema` expression."""
    expr = expr.strip()
    if depth > 12:
        out.unresolved.append(prefix + expr[:60])
        return
    if expr.startswith("map["):
        body = braced_body(expr) or ""
        for entry in split_top(body):
            kv = key_value(entry)
            if kv is None:
                continue
            name = _name(kv[0], pkg)
            if name is None:
                out.unresolved.append(f"{prefix}key {kv[0]}")
                continue
            _attribute(kv[1], pkg, prefix + name, out, depth)
        return
    if _IDENT.match(expr):
        found = pkg.declared(expr)
        if found is None:
            out.unresolved.append(prefix + expr)
        else:
            _schema(found, pkg, prefix, out, depth + 1)
        return
    call = re.match(r"^([\w.]+)(?:\[[^\]]*\])?\(", expr)
    if call and expr.endswith(")"):
        local = pkg.function(call.group(1)) if "." not in call.group(1) else None
        returned = re.search(r"\breturn\s+", local or "")
        if local is not None and returned is not None:
            _schema(expression_at(local, returned.end()), pkg, prefix, out, depth + 1)
            return
        open_paren = call.end() - 1
        for arg in split_top(expr[open_paren + 1 : matching(expr, open_paren)]):
            _schema(arg, pkg, prefix, out, depth + 1)
        return
    out.unresolved.append(prefix + expr[:60])


# Attribute-name constants of the AWS provider's shared `names` package
# (`names.AttrBucket` = "bucket"): the package's declarations are read with the resource's.
_QUALIFIED = re.compile(r"^names\.([A-Za-z_]\w*)$")


def _name(key: str, pkg: Package) -> str | None:
    literal = string_literal(key)
    if literal is not None:
        return literal
    qualified = _QUALIFIED.match(key)
    if qualified:
        key = qualified.group(1)
    if _IDENT.match(key):
        found = pkg.declared(key)
        return string_literal(found) if found else None
    return None


def _attribute(expr: str, pkg: Package, path: str, out: Forcing, depth: int) -> None:
    """One attribute's `schema.Schema` literal: its ForceNew and its nested block."""
    expr = expr.strip().lstrip("&")
    if _IDENT.match(expr):
        found = pkg.declared(expr)
        if found is None:
            return  # a shared attribute from another package (e.g. computed names)
        expr = found.lstrip("&")
    body = braced_body(expr)
    if body is None:
        return
    fields = dict(kv for kv in map(key_value, split_top(body)) if kv)
    if fields.get("ForceNew") == "true":
        out.force_new.add(path)
    if fields.get("Computed") == "true" and "Optional" not in fields and "Required" not in fields:
        return  # an output (show_output, describe_output...): no input can change it
    elem = fields.get("Elem", "").lstrip("&")
    if elem.startswith("schema.Resource"):
        inner = dict(kv for kv in map(key_value, split_top(braced_body(elem) or "")) if kv)
        if "Schema" in inner:
            _schema(inner["Schema"], pkg, path + ".", out, depth + 1)


# `d.ForceNew("x")` / `diff.ForceNew(names.AttrX)` inside a CustomizeDiff function.
_DIFF_FORCE_NEW = re.compile(r"\b\w+\.ForceNew\(\s*([^,)]+)\)")


def _customize_diff(expr: str, pkg: Package, out: Forcing) -> None:
    """Collect what the `CustomizeDiff` expression forces: `d.ForceNew(...)` in an inline or
    referenced function, and the helpers of `HELPERS` (a helper called without a key takes
    the one its own body passes to `customdiff.ForceNewIf*`)."""
    referenced = re.findall(r"\b([A-Za-z_]\w*)\b(?!\s*\()", expr)
    bodies = [expr] + [pkg.function(i) or "" for i in referenced]
    for ident, body in zip(["inline", *referenced], bodies, strict=True):
        for arg in _DIFF_FORCE_NEW.findall(body):
            key = _name(arg.strip(), pkg)
            if key is None:
                out.unresolved.append(f"CustomizeDiff {ident}: ForceNew({arg.strip()})")
            else:
                out.conditional.setdefault(key, "ResourceDiff.ForceNew")
    for helper, arg in _HELPER_CALL.findall(expr):
        if not arg.strip():
            own = re.search(r"customdiff\.ForceNewIf\w*\(\s*([^,)]+)", pkg.function(helper) or "")
            arg = own.group(1) if own else arg
        key = _name(arg.strip(), pkg)
        if helper in HELPERS and key is not None:
            # `directory.0.auto_refresh`: the element index of a one-block list drops out.
            out.conditional[re.sub(r"\.\d+(?=\.|$)", "", key)] = helper
        elif helper.startswith("Recreate"):
            out.external.append(f"{helper}({arg.strip()})")
        else:
            out.unresolved.append(f"CustomizeDiff {helper}({arg.strip()})")


# --- the plugin framework -------------------------------------------------------------

_MODIFIER = re.compile(r"\w+planmodifier\.(RequiresReplace\w*)\(")


def framework_forcing(schema_body: str, prefix: str = "", pkg: Package | None = None) -> Forcing:
    """RequiresReplace paths in the body of a framework `schema.Schema{...}` literal,
    nested blocks included (`Blocks:` -> `NestedObject:` -> `Attributes:`/`Blocks:`).
    `pkg` resolves attribute names given as constants (`names.AttrBucket`)."""
    out = Forcing()
    fields = dict(kv for kv in map(key_value, split_top(schema_body)) if kv)
    for section in ("Attributes", "Blocks"):
        for entry in split_top(braced_body(fields.get(section, "")) or ""):
            kv = key_value(entry)
            if kv is None:
                continue
            name = _name(kv[0], pkg) if pkg is not None else string_literal(kv[0])
            if name is None:
                out.unresolved.append(f"{prefix}key {kv[0]}")
                continue
            _framework_entry(kv[1], prefix + name, out, pkg)
    return out


def _framework_entry(expr: str, path: str, out: Forcing, pkg: Package | None = None) -> None:
    fields = dict(kv for kv in map(key_value, split_top(braced_body(expr) or "")) if kv)
    for modifier in _MODIFIER.findall(fields.get("PlanModifiers", "")):
        if modifier == "RequiresReplace":
            out.force_new.add(path)
        else:
            out.conditional[path] = modifier
    nested = fields.get("NestedObject")
    if nested:
        inner = framework_forcing(braced_body(nested) or "", path + ".", pkg)
        out.force_new |= inner.force_new
        out.conditional.update(inner.conditional)
        out.unresolved += inner.unresolved
