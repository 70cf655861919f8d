"""`dataplat new-domain`: checked against the stacks as the plan checks it, before writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts.cli import main
from scripts.new_domain import stack_files
from stacks.domain_file import DomainErrors, load_domains
from stacks.stack_file import load_stack_file

STACKS = Path(__file__).resolve().parents[2] / "stacks"


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
    assert "zones[1] (line 10): unknown zone [gold]; lake zones: raw, staged, curated" in err


def test_a_pii_domain_needs_a_pii_category(domains_dir, capsys):
    assert _new(domains_dir, "hr", "--classification", "pii") == 2
    assert "a pii domain gives each schema holding PII a pii_category" in capsys.readouterr().err
    assert not (domains_dir / "hr.yaml").exists()
    assert _new(domains_dir, "hr", "--classification", "pii", "--pii-category", "name") == 0
    spec = yaml.safe_load((domains_dir / "hr.yaml").read_text())
    assert spec["schemas"] == [{"name": "main", "pii_category": "name"}]
    assert spec["unmask"] == {}


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
    assert "#  engineer: [email]" in text and "unmask: {}" in text


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
