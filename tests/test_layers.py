"""Guards of the architecture: imports run one way, and ARNs come from one module.

- stacks/ (config) and components/ know nothing of each other, nor of composition/;
- composition/ (the composition root) imports both;
- vocabulary/ imports nothing of the project;
- the policy pack imports nothing of the project (it runs in its own virtualenv);
- policies/rules/facts/ (the facts several layers share, kept in the pack so the pack has them)
  imports nothing at all of the project, and every layer may import it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = {"components", "composition", "stacks", "scripts", "policies", "vocabulary"}
# The shared facts: importable from every layer (reported as this name, not as `policies`).
FACTS = "policies.rules.facts"
FORBIDDEN = {
    "stacks": {"components", "composition", "scripts", "policies"},
    "components": {"stacks", "composition", "scripts", "policies"},
    "vocabulary": PROJECT_PACKAGES - {"vocabulary"},
    "policies/rules/facts": PROJECT_PACKAGES | {FACTS},
    "policies": PROJECT_PACKAGES - {"policies"},
}


def _package(module: str) -> str:
    """The top-level package of `module`, or FACTS for the shared facts."""
    return FACTS if module == FACTS or module.startswith(FACTS + ".") else module.split(".")[0]


def _imported_packages(path: Path) -> set[str]:
    """Top-level packages a module imports (absolute imports only), `..` relative imports
    out of the facts counted as `policies`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_package(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(_package(node.module))
        elif isinstance(node, ast.ImportFrom) and node.level > 1:
            found.add("policies")
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_it_must_not_know(package):
    offending = {
        str(path.relative_to(ROOT)): sorted(_imported_packages(path) & FORBIDDEN[package])
        for path in _modules(package)
        if _imported_packages(path) & FORBIDDEN[package]
    }
    assert not offending, f"{package}/ imports what it must not know: {offending}"


def test_the_composition_root_imports_config_and_components():
    imported = set().union(*(_imported_packages(p) for p in _modules("composition")))
    assert {"stacks", "components"} <= imported


def test_the_program_builds_the_platform_from_the_composition_root():
    assert "composition" in _imported_packages(ROOT / "__main__.py")


def test_every_layer_may_import_the_shared_facts_and_they_import_nothing(tmp_path):
    module = tmp_path / "uses.py"
    module.write_text(
        "from policies.rules.facts.names import SLUG\nimport policies.rules.registry\n"
    )
    assert _imported_packages(module) == {FACTS, "policies"}
    assert any(FACTS in _imported_packages(p) for p in _modules("stacks"))
    assert any(FACTS in _imported_packages(p) for p in _modules("components"))


def test_the_guard_sees_a_forbidden_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from stacks.config import PlatformConfig\nimport components.naming\n")
    assert _imported_packages(module) == {"stacks", "components"}


def test_no_arn_literal_sits_outside_the_arn_formats():
    """ARN formats have one home (policies/rules/facts/arns.py) for components, the pack and
    the CLI; the mocks' templates and docstrings aside."""
    home = ROOT / "policies" / "rules" / "facts" / "arns.py"
    mocks = ROOT / "scripts" / "plan" / "mocks.py"
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("components", "composition", "policies", "scripts", "stacks")
        for path in _modules(package)
        if path not in (home, mocks)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"f[\"']arn:aws:", line)
    ]
    assert not offending, f"build ARNs with policies/rules/facts/arns.py: {offending}"
