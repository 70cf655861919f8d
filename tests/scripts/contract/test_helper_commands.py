"""The contract helpers outside `dataplat` keep the command contract: --help, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.contract import bench, datacontract_venv, dqdl_refresh


@pytest.mark.parametrize("module", [bench, datacontract_venv, dqdl_refresh])
def test_help_exits_0(module: object, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        module.main(["--help"])  # type: ignore[attr-defined]
    assert done.value.code == 0
    assert "Exit codes" in capsys.readouterr().out


def test_refresh_from_a_directory_that_is_not_dqdl_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert dqdl_refresh.main(["--git-dir", str(tmp_path), "--out", str(tmp_path / "f.json")]) == 2
    assert "git show" in capsys.readouterr().err
    assert not (tmp_path / "f.json").exists()
