"""`dataplat bench` starts both sides from byte-compiled modules: the project's packages and
top-level modules are compiled (as pip compiles the SDKs), its tests are not."""

from __future__ import annotations

import importlib.util

from scripts.bench import processes


def test_the_projects_packages_and_modules_are_compiled_and_its_tests_are_not(
    tmp_path, monkeypatch
):
    for package in ("components", "tests"):
        (tmp_path / package / "inner").mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
        (tmp_path / package / "inner" / "__init__.py").write_text("")
        (tmp_path / package / "inner" / "unit.py").write_text("VALUE = 1\n")
    (tmp_path / "__main__.py").write_text("print('program')\n")
    (tmp_path / "data").mkdir()  # no __init__.py: not a package
    (tmp_path / "data" / "loose.py").write_text("X = 1\n")
    monkeypatch.setattr(processes, "project_root", lambda: tmp_path)

    assert processes.byte_compile_project() == 4  # 3 in components, __main__.py

    def compiled(path: str) -> bool:
        return (tmp_path / importlib.util.cache_from_source(path)).is_file()

    assert compiled("components/inner/unit.py")
    assert compiled("components/__init__.py")
    assert compiled("__main__.py")
    assert not compiled("tests/inner/unit.py")
    assert not compiled("data/loose.py")
