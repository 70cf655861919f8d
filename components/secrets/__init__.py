"""Components of the `dataplatform:secrets:*` type-token area."""
