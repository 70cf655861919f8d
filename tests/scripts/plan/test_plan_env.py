"""`dataplat plan --env`: the split environment's stacks, planned in one process, create
exactly what the single stack creates (cloud resources and their inputs, stack references
and providers aside), with no policy violation, and a reference to a missing output fails
naming both stacks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scripts.cli import build_parser
from scripts.cli import main as run_cli
from scripts.plan.command import run

ROOT = Path(__file__).resolve().parents[3]


def _copy(tmp: Path) -> Path:
    """A copy of the repository's tracked files (the program plans its own code)."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    for name in files:
        source = ROOT / name
        if source.is_file() and not name.startswith("build/"):
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp / name)
    return tmp


def _split(project: Path, env: str) -> None:
    path = project / "stacks" / f"Pulumi.{env}.yaml"
    text = path.read_text()
    line = f"    environment: {env}\n"
    assert line in text
    path.write_text(text.replace(line, line + "    domain_stacks: true\n", 1))


def _plan(args: list[str]) -> int:
    return run(build_parser().parse_args(["plan", *args, "--quiet"]))


def _cloud(document: dict[str, Any]) -> dict[tuple[str, str], Any]:
    found = {}
    for r in document["resources"]:
        if r["custom"] and not r["type"].startswith("pulumi:providers:"):
            key = (r["type"], r["urn"].rsplit("::", 1)[1])
            assert key not in found, key
            found[key] = r["inputs"]
    return found


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> dict[str, Any]:
    project = _copy(tmp_path_factory.mktemp("project"))
    single, split = tmp_path_factory.mktemp("single"), tmp_path_factory.mktemp("split")
    assert _plan(["--program", str(project), "--env", "dev", "--out-dir", str(single)]) == 0
    _split(project, "dev")
    assert _plan(["--program", str(project), "--env", "dev", "--out-dir", str(split)]) == 0
    return {
        "project": project,
        "single": sorted(p.name for p in single.iterdir()),
        "single_plan": json.loads((single / "plan-dev.json").read_text()),
        "split": {p.name: json.loads(p.read_text()) for p in sorted(split.iterdir())},
    }


def test_a_single_stack_environment_is_its_platform_stack(planned):
    assert planned["single"] == ["plan-dev.json"]


def test_split_dev_is_the_platform_each_domain_and_the_edges(planned):
    split = planned["split"]
    assert sorted(split) == ["plan-dev.edges.json", "plan-dev.json", "plan-dev.marketing.json"]
    assert [(d["project"], d["stack"]) for d in split.values()] == [
        ("data-platform-edges", "dev"),
        ("data-platform", "dev"),
        ("data-platform-domain", "dev.marketing"),
    ]


def test_the_union_of_the_split_creates_exactly_what_the_single_stack_creates(planned):
    single = _cloud(planned["single_plan"])
    union: dict[tuple[str, str], Any] = {}
    for document in planned["split"].values():
        for key, inputs in _cloud(document).items():
            assert key not in union, f"{key} is created by two stacks"
            union[key] = inputs
    assert union.keys() == single.keys()
    assert [k for k in single if single[k] != union[k]] == []
    assert len(single) > 300


def test_the_domain_owns_its_resources_and_the_edges_the_bucket_notifications(planned):
    split = planned["split"]
    domain = {t for t, _ in _cloud(split["plan-dev.marketing.json"])}
    edges = _cloud(split["plan-dev.edges.json"])
    platform = {n for _, n in _cloud(split["plan-dev.json"])}
    assert {t for t, _ in edges} == {"aws:s3/bucketNotification:BucketNotification"}
    assert "snowflake:index/database:Database" in domain
    assert "aws:glue/job:Job" in domain and "aws:glue/crawler:Crawler" in domain
    # Nothing of the domain stays in the platform stack.
    assert not [n for n in platform if "marketing" in n]


def test_no_stack_of_the_split_has_a_violation(planned):
    for name, document in planned["split"].items():
        assert document["violations"] == [], name


def test_domain_roots_carry_the_alias_of_their_one_stack_parent(planned):
    document = planned["split"]["plan-dev.marketing.json"]
    domain = next(r for r in document["resources"] if r["type"] == "dataplatform:domain:DataDomain")
    assert domain["parent"].endswith("pulumi:pulumi:Stack::data-platform-domain-dev.marketing")
    old_parent = "urn:pulumi:dev.marketing::data-platform-domain::" + (
        "dataplatform:index:DataPlatform::data-platform"
    )
    assert domain["aliases"][0]["parent"] == old_parent


def test_a_reference_to_a_missing_output_names_both_stacks(planned, tmp_path, capsys):
    project = planned["project"]
    main = project / "__main__.py"
    original = main.read_text()
    # The platform stops exporting the PII tag its domains read.
    exported = "    outputs.update(platform_outputs(platform.refs))"
    assert exported in original
    main.write_text(original.replace(exported, exported + '\n    outputs.pop("pii_tag")'))
    try:
        code = _plan(["--program", str(project), "--env", "dev", "--out-dir", str(tmp_path)])
    finally:
        main.write_text(original)
    err = capsys.readouterr().err
    assert code == 2
    assert "dev.marketing" in err and "organization/data-platform/dev" in err
    assert re.search(r"no output 'pii_tag'", err), err


@pytest.fixture(scope="module")
def split_dir(planned, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("split-files")
    for name, document in planned["split"].items():
        (out / name).write_text(json.dumps(document))
    return out


def test_a_domain_change_is_planned_alone_reading_the_platforms_plan(planned, split_dir, tmp_path):
    args = ["--program", str(planned["project"]), "--env", "dev", "--only", "marketing"]
    assert _plan([*args, "--references", str(split_dir), "--out-dir", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-dev.marketing.json"]
    alone = json.loads((tmp_path / "plan-dev.marketing.json").read_text())
    assert alone == planned["split"]["plan-dev.marketing.json"]


def test_only_needs_references_and_a_domain_of_the_environment(
    planned, split_dir, tmp_path, capsys
):
    args = ["--program", str(planned["project"]), "--env", "dev", "--out-dir", str(tmp_path)]
    assert _plan([*args, "--only", "marketing"]) == 2
    assert "--references" in capsys.readouterr().err
    assert _plan([*args, "--only", "sales", "--references", str(split_dir)]) == 2
    err = capsys.readouterr().err
    assert "no domain stack dev.sales" in err and "dev.marketing" in err
    assert list(tmp_path.iterdir()) == []


def test_a_new_domain_file_is_a_new_stack_with_nothing_more(planned, tmp_path):
    """Self-service stays one file: `new-domain` writes it, `plan --env` plans its stack."""
    project = planned["project"]
    new_domain = ["new-domain", "sales", "--owner", "sales@acme.example", "-C", str(project)]
    assert run_cli(new_domain) == 0
    try:
        code = _plan(["--program", str(project), "--env", "dev", "--out-dir", str(tmp_path)])
        files = sorted(p.name for p in tmp_path.iterdir())
    finally:
        (project / "stacks" / "domains" / "sales.yaml").unlink()
    assert code == 0
    assert "plan-dev.sales.json" in files
    sales = json.loads((tmp_path / "plan-dev.sales.json").read_text())
    assert (sales["project"], sales["stack"], sales["violations"]) == (
        "data-platform-domain",
        "dev.sales",
        [],
    )
    assert any(r["type"] == "snowflake:index/database:Database" for r in sales["resources"])


def test_a_reference_plan_is_read_by_the_input_reader(planned, split_dir, tmp_path, capsys):
    """A referenced plan with a key given twice is refused, named, before anything is planned
    (the reader every other input goes through: size, duplicate keys, depth)."""
    references = tmp_path / "references"
    shutil.copytree(split_dir, references)
    platform = references / "plan-dev.json"
    platform.write_text('{"project": "elsewhere", ' + platform.read_text().lstrip()[1:])
    out = tmp_path / "out"
    out.mkdir()
    args = ["--program", str(planned["project"]), "--env", "dev", "--only", "marketing"]
    assert _plan([*args, "--references", str(references), "--out-dir", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(platform) in err and 'duplicate key "project"' in err
    assert list(out.iterdir()) == []
