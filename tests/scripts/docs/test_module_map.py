"""The generated module map: every module listed, components with their type tokens."""

from __future__ import annotations

from pathlib import Path

from scripts.docs.module_map import PACKAGES, module_map_markdown, modules

ROOT = Path(__file__).resolve().parents[3]


def test_a_component_is_listed_with_the_token_it_registers(tmp_path: Path) -> None:
    package = tmp_path / "components"
    package.mkdir()
    (package / "thing.py").write_text(
        '"""Why a thing exists.\n\nMore."""\nimport pulumi\n\n'
        "class Thing(pulumi.ComponentResource):\n"
        "    def __init__(self, name):\n"
        '        super().__init__("dataplatform:storage:Thing", name, None, None)\n\n'
        "class Helper:\n    pass\n"
    )
    (found,) = modules(tmp_path)
    assert found.path == "components/thing.py"
    assert found.summary == "Why a thing exists."
    assert found.components == (("Thing", "dataplatform:storage:Thing"),)
    assert "| `components/thing.py` | Why a thing exists. | `Thing` " in module_map_markdown(
        tmp_path
    )


def test_the_map_lists_every_module_and_every_component_of_the_product() -> None:
    page = module_map_markdown(ROOT)
    every = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    missing = [p for p in every if f"`{p.relative_to(ROOT).as_posix()}`" not in page]
    assert not missing
    tokens = {token for m in modules(ROOT) for _, token in m.components}
    registered = {
        line.split('"')[1]
        for p in (ROOT / "components").rglob("*.py")
        for line in p.read_text().splitlines()
        if 'super().__init__("dataplatform:' in line
    }
    assert registered and registered <= tokens
