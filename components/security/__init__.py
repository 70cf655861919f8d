"""Components of the `dataplatform:security:*` type-token area."""
