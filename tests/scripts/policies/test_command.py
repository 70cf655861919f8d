"""`dataplat policies list`: one line per rule under a header line."""

from __future__ import annotations

import pytest

from policies.rules.registry import RULES
from scripts import cli


def test_list_prints_a_header_then_one_aligned_line_per_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["policies", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["RULE", "KIND", "SEVERITY"]
    assert [line.split() for line in lines[1:]] == [[r.id, r.kind, r.severity] for r in RULES]
    kind_column = lines[0].index("KIND")
    assert all(line[kind_column:].split()[0] in ("resource", "stack") for line in lines[1:])
