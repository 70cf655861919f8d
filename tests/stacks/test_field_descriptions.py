"""Every field of the stack and domain models says what it means (the config reference's
meaning column, the JSON Schema's descriptions, the new-domain scaffold's comments)."""

from __future__ import annotations

from pydantic import BaseModel

from scripts.docs.config_reference import ROOTS
from scripts.new_domain.command import EXPLAINED, field_comments
from stacks.domain_spec import DomainSpec
from vocabulary.field_docs import described, nested_models


def _every_model() -> list[type[BaseModel]]:
    return list({m: None for _, _, root in ROOTS for _, m in nested_models(described(root))})


def test_every_field_of_the_stack_and_domain_models_has_a_description():
    missing = [
        f"{model.__module__}.{model.__name__}.{key}"
        for model in _every_model()
        for key, field in model.model_fields.items()
        if not (field.description or "").strip()
    ]
    assert not missing, f"fields without a description (a docstring under the field): {missing}"


def test_the_domain_schema_carries_every_description():
    schema = described(DomainSpec).model_json_schema(by_alias=True)
    for key, field in DomainSpec.model_fields.items():
        assert schema["properties"][field.alias or key]["description"] == field.description


def test_the_scaffold_comments_are_the_descriptions():
    comments = field_comments()
    for key in EXPLAINED:
        text = " ".join(line.removeprefix("# ") for line in comments[f"about_{key}"].split("\n"))
        assert text == DomainSpec.model_fields[key].description, key


def test_the_docstrings_read_are_the_ones_pydantic_reads():
    """`attribute_docstrings` applies pydantic's own rule (`use_attribute_docstrings`), which
    the models no longer turn on at class creation (vocabulary/field_docs.py)."""
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    from vocabulary.field_docs import attribute_docstrings

    for model in _every_model():
        assert attribute_docstrings(model) == extract_docstrings_from_cls(model, use_inspect=True)


def test_a_description_set_in_the_code_wins_over_the_docstring():
    from pydantic import Field

    from vocabulary.config_base import StrictModel

    class Child(StrictModel):
        size: int = 1
        """From the docstring."""

        name: str = Field(default="x", description="From the code.")
        """Not this one."""

    class Parent(StrictModel):
        child: Child = Child()
        """The child."""

    described(Parent)
    assert Child.model_fields["size"].description == "From the docstring."
    assert Child.model_fields["name"].description == "From the code."
    schema = Parent.model_json_schema()
    assert schema["$defs"]["Child"]["properties"]["size"]["description"] == "From the docstring."
    assert schema["properties"]["child"]["description"] == "The child."
