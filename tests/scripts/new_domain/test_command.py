"""`dataplat new-domain`: checked against the stacks as the plan checks it, before writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts.cli import main
from scripts.new_domain.command import stack_files
from stacks.domain_file import DomainErrors, load_domains
from stacks.input_files import parse_yaml
from stacks.stack_file import load_stack_file

STACKS = Path(__file__).resolve().parents[3] / "stacks"


@pytest.fixture
def domains_dir(tmp_path: Path) -> Path:
    """A copy of the project's stack files with an empty domains directory beside them."""
    stacks = tmp_path / "stacks"
    stacks.mkdir()
    for path in STACKS.glob("Pulumi.*.yaml"):
        shutil.copy(path, stacks / path.name)
    (stacks / "domains").mkdir()
    return stacks / "domains"


def _new(directory: Path, name: str, *flags: str) -> int:
    return main(
        ["new-domain", name, "--owner", f"{name}@acme.example", "--dir", str(directory), *flags]
    )


def test_an_unknown_zone_is_refused_with_the_plans_message_and_nothing_written(domains_dir, capsys):
    assert _new(domains_dir, "hr2", "--zones", "raw,gold") == 2
    err = capsys.readouterr().err
    assert not (domains_dir / "hr2.yaml").exists() and not list(domains_dir.iterdir())
    assert "Traceback" not in err and "nothing was written" in err
    # The very message the plan gives for that file.
    _new(domains_dir, "hr2")
    spec = domains_dir / "hr2.yaml"
    spec.write_text(spec.read_text().replace("zones: [raw, curated]", "zones: [raw, gold]"))
    with pytest.raises(DomainErrors) as caught:
        load_domains(domains_dir, load_stack_file(domains_dir.parent / "Pulumi.dev.yaml").platform)
    assert str(caught.value) in err
    assert "zones[1] (line 13): unknown zone [gold]; lake zones: raw, staged, curated" in err


def test_a_pii_domain_needs_a_pii_category(domains_dir, capsys):
    assert _new(domains_dir, "hr", "--classification", "pii") == 2
    assert "a pii domain gives each schema holding PII a pii_category" in capsys.readouterr().err
    assert not (domains_dir / "hr.yaml").exists()
    assert _new(domains_dir, "hr", "--classification", "pii", "--pii-category", "name") == 0
    spec = yaml.safe_load((domains_dir / "hr.yaml").read_text())
    assert spec["schemas"] == [{"name": "main", "pii_category": "name"}]
    assert "unmask" not in spec  # nobody sees PII in clear until the team says so


def test_an_unknown_pii_category_lists_the_stacks_categories(domains_dir, capsys):
    code = _new(domains_dir, "hr", "--classification", "pii", "--pii-category", "shoe_size")
    assert code == 2
    assert "unknown category [shoe_size]; allowed: email, phone" in capsys.readouterr().err
    assert not list(domains_dir.iterdir())


def test_a_written_spec_loads_in_every_stack(domains_dir):
    assert _new(domains_dir, "sales") == 0
    for stack in stack_files(domains_dir, None):
        (domain,) = load_domains(domains_dir, load_stack_file(stack).platform)
        assert domain.name == "sales" and domain.unmask == {"engineer": (), "analyst": ()}


def test_the_template_documents_unmask_in_a_comment(domains_dir):
    assert _new(domains_dir, "sales") == 0
    text = (domains_dir / "sales.yaml").read_text()
    assert "#unmask:\n#  engineer: [email]\n" in text


EXAMPLES = ("service_users", "ingest_sources", "jobs", "consumers", "unmask", "environments")


@pytest.mark.parametrize("key", EXAMPLES)
def test_uncommenting_an_example_keeps_the_scaffold_valid_yaml(domains_dir, key):
    assert _new(domains_dir, "sales") == 0
    lines = (domains_dir / "sales.yaml").read_text().splitlines()
    start = lines.index(f"#{key}:")
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("#  ")), len(lines)
    )
    uncommented = [line[1:] if start <= i < end else line for i, line in enumerate(lines)]
    spec, _ = parse_yaml("\n".join(uncommented), domains_dir / "sales.yaml")
    assert spec[key], f"{key}: the uncommented example holds nothing"


def test_a_description_with_hash_and_colon_is_written_quoted_and_read_back_whole(domains_dir):
    description = "Orders: refunds # and returns, *not* yet: 'all' of them"
    assert _new(domains_dir, "sales", "--description", description) == 0
    spec = yaml.safe_load((domains_dir / "sales.yaml").read_text())
    assert spec["description"] == description


def test_a_dir_that_is_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "domains"
    target.write_text("not a directory")
    assert _new(target, "sales") == 2
    assert f"{target}: --dir is a file" in capsys.readouterr().err
    assert target.read_text() == "not a directory"


def test_stacks_default_to_those_beside_the_directory_else_the_projects(tmp_path, domains_dir):
    assert stack_files(domains_dir, None) == sorted(domains_dir.parent.glob("Pulumi.*.yaml"))
    assert stack_files(tmp_path / "elsewhere", None) == sorted(STACKS.glob("Pulumi.*.yaml"))
    assert stack_files(domains_dir, ["prod"]) == [STACKS / "Pulumi.prod.yaml"]


def test_only_the_named_stack_is_checked(tmp_path, capsys):
    directory = tmp_path / "domains"
    # XSMALL is within every cap, so the stack named decides nothing here; an unknown
    # stack file is refused with the stack-file message.
    assert _new(directory, "ops", "--stack", str(tmp_path / "Pulumi.nope.yaml")) == 2
    assert "Pulumi.nope.yaml" in capsys.readouterr().err and not directory.exists()
    assert _new(directory, "ops", "--stack", "dev") == 0


def test_the_spec_points_editors_at_the_committed_domain_schema(tmp_path, monkeypatch):
    """Inside a project the first line is a yaml-language-server modeline whose relative
    path names the schema file of that project."""
    project = tmp_path / "project"
    shutil.copytree(STACKS, project / "stacks", ignore=shutil.ignore_patterns("*.py", "domains"))
    shutil.copy(STACKS.parent / "Pulumi.yaml", project / "Pulumi.yaml")
    monkeypatch.chdir(project)
    assert main(["new-domain", "hr", "--owner", "hr@acme.example"]) == 0
    spec = project / "stacks" / "domains" / "hr.yaml"
    first = spec.read_text().splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), first
    target = (spec.parent / first.removeprefix(prefix)).resolve()
    assert target == (project / "docs" / "reference" / "schemas" / "domain.schema.json").resolve()
