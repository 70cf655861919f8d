"""Every field of the stack and domain models says what it means (the config reference's
meaning column, the JSON Schema's descriptions, the new-domain scaffold's comments)."""

from __future__ import annotations

from pydantic import BaseModel

from scripts.docs.config_reference import ROOTS, _models
from scripts.new_domain.command import EXPLAINED, field_comments
from stacks.domain_spec import DomainSpec


def _every_model() -> list[type[BaseModel]]:
    return list({m: None for _, _, root in ROOTS for _, m in _models(root, "")})


def test_every_field_of_the_stack_and_domain_models_has_a_description():
    missing = [
        f"{model.__module__}.{model.__name__}.{key}"
        for model in _every_model()
        for key, field in model.model_fields.items()
        if not (field.description or "").strip()
    ]
    assert not missing, f"fields without a description (a docstring under the field): {missing}"


def test_the_domain_schema_carries_every_description():
    schema = DomainSpec.model_json_schema(by_alias=True)
    for key, field in DomainSpec.model_fields.items():
        assert schema["properties"][field.alias or key]["description"] == field.description


def test_the_scaffold_comments_are_the_descriptions():
    comments = field_comments()
    for key in EXPLAINED:
        text = " ".join(line.removeprefix("# ") for line in comments[f"about_{key}"].split("\n"))
        assert text == DomainSpec.model_fields[key].description, key
