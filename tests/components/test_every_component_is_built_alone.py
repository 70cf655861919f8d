"""Every ComponentResource in components/ has a test module, mirroring its source path, that
constructs it by name: a new component arrives with its synthetic test.

The check reads source only (AST), so it costs nothing at run time. What the mirrored
module asserts is the reviewer's business; this guard sees that it builds the component.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COMPONENTS = REPO / "components"
TESTS = REPO / "tests" / "components"

# Components whose test module is not the mirrored path, with the reason.
SHARED_TEST_MODULES = {
    # Both Glue components share a catalog, bucket and alert fixture set.
    "GlueCatalog": "orchestration/test_glue.py",
    "GlueJobs": "orchestration/test_glue.py",
}
# A sample the finder must see, so that a broken finder cannot pass the guard vacuously.
KNOWN = {"AlertsTopic", "ManagedWarehouse", "Orchestration", "SecureBucket", "ZoneReplica"}


def _is_component_base(base: ast.expr, components: set[str]) -> bool:
    if isinstance(base, ast.Attribute):
        return base.attr == "ComponentResource" or base.attr in components
    return isinstance(base, ast.Name) and (base.id == "ComponentResource" or base.id in components)


@cache
def component_classes() -> dict[str, Path]:
    """Class name -> source file of every ComponentResource subclass under components/
    (also subclasses of another component of this project)."""
    classes = [
        (node, path)
        for path in sorted(COMPONENTS.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
    ]
    found: dict[str, Path] = {}
    grew = True
    while grew:
        grew = False
        for node, path in classes:
            if node.name not in found and any(
                _is_component_base(b, set(found)) for b in node.bases
            ):
                found[node.name] = path
                grew = True
    return found


def module_of(name: str, source: Path) -> Path:
    """Where the test of component `name` (defined in `source`) lives."""
    if name in SHARED_TEST_MODULES:
        return TESTS / SHARED_TEST_MODULES[name]
    relative = source.relative_to(COMPONENTS)
    return TESTS / relative.parent / f"test_{relative.name}"


def constructed(path: Path) -> set[str]:
    """Names called in `path` (`Name(...)` or `module.Name(...)`)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def test_the_finder_sees_the_projects_components():
    found = component_classes()
    assert set(found) >= KNOWN, f"finder missed {sorted(KNOWN - set(found))}"
    assert len(found) >= 27, sorted(found)


def test_every_component_has_a_mirrored_test_module_that_constructs_it():
    missing = []
    for name, source in sorted(component_classes().items()):
        module = module_of(name, source)
        where = f"{name} ({source.relative_to(REPO)}): {module.relative_to(REPO)}"
        if not module.exists():
            missing.append(f"{where} does not exist")
        elif name not in constructed(module):
            missing.append(f"{where} never calls {name}(...)")
    assert missing == [], "components without a synthetic test:\n" + "\n".join(missing)


def test_every_shared_test_module_names_a_component_that_exists():
    assert set(SHARED_TEST_MODULES) <= set(component_classes()), sorted(
        set(SHARED_TEST_MODULES) - set(component_classes())
    )
