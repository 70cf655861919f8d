"""Reading a contract file: ODCS's schema and model, compilable checks, no local servers;
every problem named with its path and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacks.contracts.loader import parse_contract, read_contract
from stacks.stack_file import ConfigError
from tests.stacks.contracts.contract_texts import BASE, document, text, with_properties

MARKETING = Path(__file__).resolve().parents[3] / "stacks/domains/marketing/contracts"


def _issues(raw_text: str) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ConfigError) as caught:
        parse_contract("c.yaml", raw_text)
    assert caught.value.kind == "data contract"
    return [(i.path, i.line, i.message) for i in caught.value.issues]


def _line_of(raw_text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(raw_text.splitlines(), 1) if fragment in line)


def test_every_contract_of_the_repository_loads() -> None:
    paths = sorted(MARKETING.glob("*.yaml"))
    assert paths, "the marketing domain has a contract"
    for path in paths:
        assert read_contract(path).checks, f"{path} declares checks"


def test_the_base_contract_loads_with_its_checks() -> None:
    loaded = parse_contract("c.yaml", text(BASE))
    assert {c.kind for c in loaded.checks} >= {"column_exists", "row_count", "freshness"}


def test_yaml_that_does_not_parse_is_named_with_its_line() -> None:
    issues = _issues("apiVersion: v3.0.2\nkind: [DataContract\n")
    assert issues[0][0] == "(file)" and issues[0][1] is not None
    assert "not valid YAML" in issues[0][2]


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    assert "mapping" in _issues("- a\n- b\n")[0][2]


def test_a_missing_required_key_is_named() -> None:
    raw = document()
    del raw["id"]
    assert ("", 1, "required key is missing: id") in [
        (p, line, m) for p, line, m in _issues(text(raw))
    ]


def test_an_unknown_key_is_named_at_its_line_with_the_allowed_keys() -> None:
    raw = document()
    raw["schema"][0]["tabel"] = "x"
    raw_text = text(raw)
    [(path, line, message)] = _issues(raw_text)
    assert path == "schema[0].tabel"
    assert line == _line_of(raw_text, "tabel:")
    assert "allowed keys" in message and "physicalName" in message


def test_an_unknown_logical_type_lists_the_allowed_ones() -> None:
    raw_text = text(with_properties({"name": "id", "logicalType": "integr"}))
    [(path, line, message)] = _issues(raw_text)
    assert path == "schema[0].properties[0].logicalType"
    assert line == _line_of(raw_text, "integr")
    assert "allowed: string" in message and "'integr'" in message


def test_a_property_without_a_logical_type_is_told_so() -> None:
    [(path, _, message)] = _issues(text(with_properties({"name": "id"})))
    assert (path, message) == ("schema[0].properties[0]", "required key is missing: logicalType")


def test_a_quality_entry_with_two_thresholds_is_refused() -> None:
    quality = {"metric": "nullValues", "mustBe": 0, "mustBeLessThan": 3}
    raw = with_properties({"name": "id", "logicalType": "integer", "quality": [quality]})
    [(path, _, message)] = _issues(text(raw))
    assert path == "schema[0].properties[0].quality[0]"
    assert "exactly one threshold" in message


def test_a_local_server_is_refused_in_a_contract_file() -> None:
    local = {"server": "laptop", "type": "local", "path": "x.csv", "format": "csv"}
    raw_text = text(document(servers=[*BASE["servers"], local]))
    [(path, line, message)] = _issues(raw_text)
    assert path == "servers[1].type"
    assert line == _line_of(raw_text, "type: local")
    assert "laptop" in message


@pytest.mark.parametrize(
    ("quality", "words"),
    [
        ({"metric": "missingValues", "mustBe": 0}, "metric missingValues is not compiled"),
        ({"metric": "nullValues", "mustNotBeBetween": [1, 2]}, "mustNotBeBetween"),
        ({"metric": "nullValues", "mustBe": 5, "unit": "percent"}, "unit: percent"),
        ({"type": "custom", "engine": "soda", "implementation": "x"}, "type custom"),
        ({"metric": "invalidValues", "mustBe": 0}, "validValues"),
    ],
)
def test_a_quality_entry_the_compilers_cannot_run_is_refused(
    quality: dict[str, object], words: str
) -> None:
    raw = with_properties({"name": "id", "logicalType": "integer", "quality": [quality]})
    [(path, _, message)] = _issues(text(raw))
    assert path == "schema[0].properties[0].quality[0]"
    assert words in message


def test_a_dataset_without_a_physical_name_is_refused() -> None:
    raw = document()
    del raw["schema"][0]["physicalName"]
    paths = [p for p, _, _ in _issues(text(raw))]
    assert "schema[0].physicalName" in paths


@pytest.mark.parametrize(
    ("sla", "words"),
    [
        ({"element": "contacts.nope"}, "has no nope"),
        ({"element": "people.updated_at"}, "no schema named people"),
        ({"element": "updated_at"}, "<schema name>.<property name>"),
        ({"unit": "weeks"}, "allowed d, h, m"),
        ({"value": 1.5}, "whole number"),
    ],
)
def test_a_freshness_that_cannot_be_compiled_is_refused(sla: dict[str, object], words: str) -> None:
    raw = document()
    raw["slaProperties"][0].update(sla)
    [(path, _, message)] = _issues(text(raw))
    assert path == "slaProperties[0]"
    assert words in message


def test_a_contract_is_parsed_once_per_process_and_a_bad_one_is_refused_every_time() -> None:
    # Kept by file name and text: the config check, the program and every stack of one
    # `dataplat plan` share the one result; another name or text is parsed afresh.
    first = parse_contract("once.yaml", text(BASE))
    assert parse_contract("once.yaml", text(BASE)) is first
    assert parse_contract("other.yaml", text(BASE)) is not first
    assert parse_contract("other.yaml", text(BASE)).source == "other.yaml"
    bad = "- a\n- b\n"
    assert _issues(bad) == _issues(bad)


def test_a_key_given_twice_is_refused_naming_both_lines() -> None:
    """The project's one input reader (stacks/input_files.py) reads contracts too: YAML
    would keep the second `status:` silently."""
    raw = text(BASE)
    doubled = raw.replace("\nstatus:", "\nstatus: retired\nstatus:", 1)
    assert doubled != raw
    first = _line_of(doubled, "status: retired")
    (path, line, message), *_ = _issues(doubled)
    assert path == "(file)" and line == first + 1
    assert f"duplicate key `status` (lines {first} and {first + 1})" in message


def test_an_anchor_bomb_is_refused_before_any_value_is_built() -> None:
    from scripts.bench_input.command import anchor_bomb

    issues = _issues(text(BASE) + "".join(f"x{line}\n" for line in anchor_bomb(9).splitlines()))
    assert any("aliases expand to more than" in message for _, _, message in issues)


def test_a_contract_linked_from_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "contracts").mkdir(parents=True)
    outside = tmp_path / "outside.yaml"
    outside.write_text(text(BASE))
    link = project / "contracts" / "c.yaml"
    link.symlink_to(outside)
    with pytest.raises(ConfigError) as caught:
        read_contract(link, inside=project)
    assert "outside" in caught.value.issues[0].message
